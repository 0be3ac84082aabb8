/**
 * The iterative engine: one resolution as an explicit state machine ({@link
 * io.rootwalk.iterate.Walk}) that starts at the closest known zone cut, asks one of its servers,
 * scrubs and classifies the response, and follows referrals and aliases down to an answer.
 * Internal: not API.
 */
@NullMarked
package io.rootwalk.iterate;

import org.jspecify.annotations.NullMarked;
