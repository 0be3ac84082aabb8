package io.rootwalk.iterate;

import io.rootwalk.cache.ResolverCache;
import io.rootwalk.concurrent.Admission;
import io.rootwalk.concurrent.Deadlines;
import io.rootwalk.net.CoalescingTransport;
import io.rootwalk.observe.LookupCounters;
import io.rootwalk.secondlevel.SecondLevelReader;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What every walk of one resolver shares (Unbound's {@code module_env}): the settings, the cache,
 * the transport, and the few stateful services a walk calls. Immutable; each walk takes what it
 * needs from it once, when it is made.
 *
 * @param config the resolver's settings
 * @param cache what the resolver remembers
 * @param transport the upstream transport, sharing identical packets in flight
 * @param queries makes upstream queries (IDs, 0x20, EDNS)
 * @param selector picks the next server address of a zone cut
 * @param prefetcher refreshes popular entries before they expire
 * @param deadlines the resolver's clock and timers
 * @param admission bounds the walks running at once, client lookups and prefetches alike
 * @param closed true once the owning resolver (or the transport's owner) is closed
 * @param counters the resolver's lookup counters, and where limits reached are reported
 * @param secondLevel reads the second-level cache when the own cache misses; null without one
 */
record WalkContext(
    EngineConfig config,
    ResolverCache cache,
    CoalescingTransport transport,
    QueryFactory queries,
    ServerSelector selector,
    Prefetcher prefetcher,
    Deadlines deadlines,
    Admission admission,
    BooleanSupplier closed,
    LookupCounters counters,
    @Nullable SecondLevelReader secondLevel) {}
