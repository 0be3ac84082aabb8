/**
 * The iterative engine: one resolution as an explicit state machine, read in this order.
 *
 * <ol>
 *   <li>{@link io.rootwalk.iterate.Engine}: where a lookup enters. A cache hit is answered by
 *       {@code CacheOnlyLookup} without starting anything; otherwise identical lookups in flight
 *       share one {@code Walk}, bounded by a deadline guard on the resolver's own timer.
 *   <li>{@code Walk}: the state loop ({@code WalkState}: CHECK_CACHE, FIND_ZONE_CUT, SELECT_SERVER,
 *       CLASSIFY, CHASE_NS_ADDRESS, FOLLOW_ALIAS). Each state's handler returns a {@code
 *       Transition}; only the loop applies it.
 *   <li>The states' handlers, one class each where there is more than a few lines: {@code
 *       CacheHits} (CHECK_CACHE, and serve-stale at the end), {@code ServerStep} (FIND_ZONE_CUT,
 *       SELECT_SERVER), {@code ResponseStep} (CLASSIFY: {@code BailiwickScrubber}, then {@code
 *       ResponseClassifier} into a {@code ResponseKind}, then {@code ResponseStore} for every cache
 *       write), {@code NameServerChase} (CHASE_NS_ADDRESS, nested walks).
 *   <li>What a walk carries: {@code AnswerChain} (the answer being built, aliases followed), {@code
 *       CutAttempts} (what was tried at the current zone cut, and why it failed), {@code
 *       WorkBudget} (the per-lookup limits), {@code Lineage} (depth, ancestors, deadline), {@code
 *       QnameMinimiser} (RFC 9156), {@code TraceRecorder} (the trace and the listener).
 *   <li>What walks share: {@code WalkContext} (settings, cache, transport, {@code QueryFactory},
 *       {@code ServerSelector}, {@code Prefetcher}, timers), and {@code Exchanged}, one upstream
 *       exchange's result.
 * </ol>
 *
 * <p>Internal: not exported by the module.
 */
@NullMarked
package io.rootwalk.iterate;

import org.jspecify.annotations.NullMarked;
