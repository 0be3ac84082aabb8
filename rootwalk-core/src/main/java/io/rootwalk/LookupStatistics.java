package io.rootwalk;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a resolver's lookup counters ({@code Resolver.lookupStatistics()}), for metrics:
 * client lookups by how they ended, the work they cost, the limits they reached, and the lookups
 * walking or queued now. Counters run from the resolver's creation; a resolver derived with {@code
 * newBuilder()} counts its own lookups (its cache, shared, is counted by {@link CacheStatistics}).
 * A cancelled lookup counts as SERVFAIL {@link FailureReason#CANCELLED}. The chain of trust's own
 * DS and DNSKEY lookups and prefetches are the resolver's, not a client's: they are not counted as
 * lookups, but their queries are in {@link #upstreamQueries()}.
 *
 * @param byStatus lookups finished, by status; every status is a key
 * @param failures SERVFAIL lookups by reason; every reason is a key
 * @param upstreamQueries queries the resolver's walks sent upstream, nested chases and retries
 *     included, for client lookups, prefetches and the chain of trust alike; a walk shared by
 *     identical lookups in flight counts its queries once
 * @param elapsed the finished lookups' elapsed time ({@link Trace#elapsed()}) added up: a lookup
 *     the cache answered adds zero, as no clock is read on that path
 * @param limitsReached times each limit was reached; every limit is a key
 * @param inFlight lookups holding an admission slot now (walking the hierarchy)
 * @param queued lookups waiting for a slot now
 */
public record LookupStatistics(
    Map<Status, Long> byStatus,
    Map<FailureReason, Long> failures,
    long upstreamQueries,
    Duration elapsed,
    Map<Limit, Long> limitsReached,
    int inFlight,
    int queued) {

  /**
   * Copies the maps, filling in zero for every key left out.
   *
   * @param byStatus lookups by status
   * @param failures SERVFAIL lookups by reason
   * @param upstreamQueries queries sent
   * @param elapsed the lookups' time added up
   * @param limitsReached limits reached, by limit
   * @param inFlight lookups walking now
   * @param queued lookups queued now
   * @throws NullPointerException if a map or the duration is null
   */
  public LookupStatistics {
    byStatus = complete(byStatus, Status.class);
    failures = complete(failures, FailureReason.class);
    limitsReached = complete(limitsReached, Limit.class);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  private static <K extends Enum<K>> Map<K, Long> complete(Map<K, Long> given, Class<K> keys) {
    EnumMap<K, Long> all = new EnumMap<>(keys);
    for (K k : keys.getEnumConstants()) {
      all.put(k, given.getOrDefault(k, 0L));
    }
    return Map.copyOf(all);
  }

  /**
   * Every lookup finished so far.
   *
   * @return the sum over {@link #byStatus()}
   */
  public long lookups() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The lookups that ended with {@code status}.
   *
   * @param status the status
   * @return how many so far
   */
  public long lookups(Status status) {
    return byStatus.getOrDefault(Objects.requireNonNull(status, "status"), 0L);
  }

  /**
   * The lookups that ended in SERVFAIL for {@code reason}.
   *
   * @param reason the reason
   * @return how many so far
   */
  public long failures(FailureReason reason) {
    return failures.getOrDefault(Objects.requireNonNull(reason, "reason"), 0L);
  }

  /**
   * The times {@code limit} was reached.
   *
   * @param limit the limit
   * @return how many so far
   */
  public long limitsReached(Limit limit) {
    return limitsReached.getOrDefault(Objects.requireNonNull(limit, "limit"), 0L);
  }
}
