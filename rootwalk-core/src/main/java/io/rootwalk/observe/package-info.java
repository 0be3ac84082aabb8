/**
 * What a resolver tells the JVM about itself: the JDK Flight Recorder events {@code
 * io.rootwalk.Lookup}, {@code io.rootwalk.Exchange}, {@code io.rootwalk.CacheEviction} and {@code
 * io.rootwalk.LimitReached}, and the counters behind {@code Resolver.lookupStatistics()}. Each
 * event is checked with one static {@code isEnabled()} call before anything is built, so with no
 * recording running an event costs a field read and allocates nothing (the cache-hit path stays
 * allocation-free). Internal: not API; the event names and fields are the contract, as JFR tools
 * read them.
 */
@NullMarked
package io.rootwalk.observe;

import org.jspecify.annotations.NullMarked;
