package io.rootwalk.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The cache's limits and optional behaviours.
 *
 * @param maxEntries entries per cache (RRsets, negative answers, delegations), bounding memory
 * @param minTtl TTLs below this are raised to it (0: honour the zone's TTL)
 * @param maxTtl TTLs above this are lowered to it (1 day, as Unbound's {@code cache-max-ttl})
 * @param maxNegativeTtl negative answers are kept at most this long (1 hour; RFC 2308 suggests 1-3
 *     hours, Unbound uses 1 hour)
 * @param failureHoldMin how long a zone whose servers all failed is first left alone (RFC 9520: at
 *     least 1 second); {@link Duration#ZERO} together with a zero max disables failure caching
 * @param failureHoldMax the longest a repeatedly failing zone is left alone (RFC 9520: 5 minutes)
 * @param serveStaleFor how long past expiry an RRset may still be served when fresh resolution
 *     fails (RFC 8767; zero, the default, disables serve-stale)
 * @param prefetch whether a cache hit in the last tenth of its TTL refreshes the entry in the
 *     background (Unbound's {@code prefetch})
 */
public record CachePolicy(
    long maxEntries,
    Duration minTtl,
    Duration maxTtl,
    Duration maxNegativeTtl,
    Duration failureHoldMin,
    Duration failureHoldMax,
    Duration serveStaleFor,
    boolean prefetch) {

  /** The TTL given to stale answers (RFC 8767 section 4 recommends 30 seconds). */
  public static final long STALE_ANSWER_TTL = 30;

  /**
   * The defaults: 100,000 entries per cache, the zone's TTLs honoured up to 1 day, negative answers
   * kept at most 1 hour, failures held from 1 second up to 5 minutes (RFC 9520), no serve-stale and
   * no prefetch.
   */
  public static final CachePolicy DEFAULT =
      new CachePolicy(
          100_000,
          Duration.ZERO,
          Duration.ofDays(1),
          Duration.ofHours(1),
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ZERO,
          false);

  /**
   * Checks the limits.
   *
   * @param maxEntries entries per cache, at least 1
   * @param minTtl the TTL floor
   * @param maxTtl the TTL ceiling, not below {@code minTtl}
   * @param maxNegativeTtl the ceiling for negative answers
   * @param failureHoldMin the first hold of a failing zone
   * @param failureHoldMax the longest hold, not below {@code failureHoldMin}
   * @param serveStaleFor how long past expiry an RRset may be served stale
   * @param prefetch whether hits near expiry refresh the entry
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code maxEntries} is below 1, a duration is negative, or a
   *     minimum is above its maximum
   */
  public CachePolicy {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1 but was " + maxEntries);
    }
    for (Duration d :
        new Duration[] {
          minTtl, maxTtl, maxNegativeTtl, failureHoldMin, failureHoldMax, serveStaleFor
        }) {
      Objects.requireNonNull(d, "cache durations must not be null");
      if (d.isNegative()) {
        throw new IllegalArgumentException("cache durations must not be negative but one was " + d);
      }
    }
    if (minTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("minTtl " + minTtl + " is above maxTtl " + maxTtl);
    }
    if (failureHoldMin.compareTo(failureHoldMax) > 0) {
      throw new IllegalArgumentException(
          "failureHoldMin " + failureHoldMin + " is above failureHoldMax " + failureHoldMax);
    }
  }

  /** A record TTL in seconds, clamped, as nanoseconds. */
  long clampNanos(long ttlSeconds) {
    long nanos = Duration.ofSeconds(Math.max(0, ttlSeconds)).toNanos();
    return Math.min(Math.max(nanos, minTtl.toNanos()), maxTtl.toNanos());
  }

  /** A negative TTL in seconds, clamped by {@link #maxNegativeTtl}, as nanoseconds. */
  long clampNegativeNanos(long ttlSeconds) {
    return Math.min(clampNanos(ttlSeconds), maxNegativeTtl.toNanos());
  }
}
