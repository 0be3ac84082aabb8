package io.rootwalk.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The cache's limits.
 *
 * @param maxEntries entries per cache (RRsets, negative answers, delegations), bounding memory
 * @param minTtl TTLs below this are raised to it (0: honour the zone's TTL)
 * @param maxTtl TTLs above this are lowered to it (1 day, as Unbound's {@code cache-max-ttl})
 * @param maxNegativeTtl negative answers are kept at most this long (1 hour; RFC 2308 suggests
 *     1-3 hours, Unbound uses 1 hour)
 */
public record CachePolicy(long maxEntries, Duration minTtl, Duration maxTtl, Duration maxNegativeTtl) {

  public static final CachePolicy DEFAULT =
      new CachePolicy(100_000, Duration.ZERO, Duration.ofDays(1), Duration.ofHours(1));

  public CachePolicy {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1 but was " + maxEntries);
    }
    Objects.requireNonNull(minTtl, "minTtl");
    Objects.requireNonNull(maxTtl, "maxTtl");
    Objects.requireNonNull(maxNegativeTtl, "maxNegativeTtl");
    if (minTtl.isNegative() || maxTtl.isNegative() || maxNegativeTtl.isNegative()) {
      throw new IllegalArgumentException("cache TTL limits must not be negative");
    }
    if (minTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("minTtl " + minTtl + " is above maxTtl " + maxTtl);
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
