/**
 * Delegation points (Unbound's {@code delegpt}): a zone cut, its name servers and the addresses
 * known for them, each tagged with how it was learned. Immutable values that the walk reads from
 * referrals and priming and the cache keeps; nothing here sends or stores anything. Internal: not
 * API.
 */
@NullMarked
package io.rootwalk.delegation;

import org.jspecify.annotations.NullMarked;
