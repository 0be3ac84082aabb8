package io.rootwalk.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

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

  /** The largest TTL there is: RFC 2181 section 8 limits the field to 2^31 - 1 seconds. */
  public static final long MAX_TTL = 0x7FFF_FFFFL;

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

  /**
   * The TTL this resolver gives a record that arrived with {@code ttlSeconds}: the one clamp, used
   * both on the records of a fresh response (before they are cached or answered, so the first
   * answer carries the same TTL as the cache hits after it) and for the lifetime of what is cached.
   * A cached record then counts down from this value.
   *
   * <p>This is how Unbound applies {@code cache-max-ttl} and {@code cache-min-ttl}: {@code
   * rdata_copy} in {@code util/data/msgreply.c} clamps every RR's TTL while parsing the upstream
   * reply, and the reply to the client is built from that parsed copy, so the fresh answer is
   * clamped too. Without it a server handing out 2^31 - 1 gets its data pinned for 68 years in
   * every cache downstream of us, although RFC 8767 section 4 asks resolvers to cap TTLs "on the
   * order of days to weeks".
   *
   * <p>A TTL with the most significant bit set (dnsjava reads the 32-bit field unsigned, so it
   * arrives as 2^31 or more) is taken as 0, as RFC 2181 section 8 says and Unbound does: the record
   * is used for this answer only. RFC 8767 section 4 would read it as a large positive value to be
   * capped instead; a server that sends one is broken, and not caching its data is the cautious
   * choice. {@code minTtl} still applies after that, as in Unbound.
   *
   * @param ttlSeconds the TTL from the wire, read unsigned
   * @return the TTL to use, from {@code minTtl} to {@code maxTtl} in whole seconds, never above
   *     2^31 - 1
   */
  public long clampTtl(long ttlSeconds) {
    long ttl = ttlSeconds < 0 || ttlSeconds > MAX_TTL ? 0 : ttlSeconds;
    long ceiling = Math.min(maxTtl.getSeconds(), MAX_TTL);
    return Math.min(Math.max(ttl, minTtl.getSeconds()), ceiling);
  }

  /**
   * {@code rrset} with every record's TTL {@linkplain #clampTtl clamped}.
   *
   * @param rrset an RRset as a server sent it
   * @return {@code rrset} itself when no TTL changes, else a copy with the clamped TTLs (and the
   *     same signatures, equally clamped)
   */
  public RRset clamp(RRset rrset) {
    if (clampTtl(rrset.getTTL()) == rrset.getTTL() && sameTtls(rrset)) {
      return rrset;
    }
    RRset out = new RRset();
    for (Record r : rrset.rrs(false)) {
      out.addRR(CachedRRset.withTtl(r, clampTtl(r.getTTL())));
    }
    for (Record sig : rrset.sigs()) {
      out.addRR(CachedRRset.withTtl(sig, clampTtl(sig.getTTL())));
    }
    return out;
  }

  /** Whether every record and signature has the RRset's TTL, so clamping one clamps them all. */
  private static boolean sameTtls(RRset rrset) {
    for (Record r : rrset.rrs(false)) {
      if (r.getTTL() != rrset.getTTL()) {
        return false;
      }
    }
    for (Record r : rrset.sigs()) {
      if (r.getTTL() != rrset.getTTL()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The TTL of a negative answer whose SOA says {@code ttlSeconds} (the smaller of its TTL and its
   * MINIMUM, RFC 2308 section 5): {@linkplain #clampTtl clamped}, then capped by {@link
   * #maxNegativeTtl}. The fresh denial's SOA and the cached one's lifetime both come from here.
   *
   * @param ttlSeconds the negative TTL the SOA gives
   * @return the negative TTL to use, in seconds
   */
  public long clampNegativeTtl(long ttlSeconds) {
    return Math.min(clampTtl(ttlSeconds), maxNegativeTtl.getSeconds());
  }

  /** A record TTL in seconds, {@linkplain #clampTtl clamped}, as nanoseconds. */
  long clampNanos(long ttlSeconds) {
    return TimeUnit.SECONDS.toNanos(clampTtl(ttlSeconds));
  }

  /** A negative TTL in seconds, {@linkplain #clampNegativeTtl clamped}, as nanoseconds. */
  long clampNegativeNanos(long ttlSeconds) {
    return TimeUnit.SECONDS.toNanos(clampNegativeTtl(ttlSeconds));
  }
}
