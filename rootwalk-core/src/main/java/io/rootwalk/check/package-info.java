/**
 * What {@code Resolver.check} reports about a zone's delegation: {@link
 * io.rootwalk.check.DelegationReport}, its {@link io.rootwalk.check.Finding}s with their stable
 * {@link io.rootwalk.check.FindingCode}s, and the {@link io.rootwalk.check.CheckOptions} that bound
 * the work. Values only; the checking itself is internal.
 */
@NullMarked
package io.rootwalk.check;

import org.jspecify.annotations.NullMarked;
