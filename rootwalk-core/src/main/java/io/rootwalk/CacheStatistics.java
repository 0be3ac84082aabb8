package io.rootwalk;

/**
 * A snapshot of a resolver's cache counters ({@code Resolver.cacheStatistics()}), in the spirit of
 * Caffeine's {@code CacheStats}. Counters run from the cache's creation, so a resolver derived with
 * {@code newBuilder()} reports the cache it shares. A cache lookup is made for every name a
 * resolution looks at: the question's, each alias target, and each name server a chase resolves.
 *
 * @param answerHits cache lookups (and alias hops) answered from cached positive data
 * @param negativeHits cache lookups answered from a cached NXDOMAIN or NODATA (RFC 2308; an
 *     NXDOMAIN also answers for every name below it, RFC 8020)
 * @param misses cache lookups that found nothing and went upstream (cache-only lookups, which never
 *     go upstream, are not counted)
 * @param staleAnswers answers served stale after fresh resolution failed (RFC 8767)
 * @param prefetches background refreshes started for answers hit in the last tenth of their TTL
 * @param evictions RRsets, negative answers and zone cuts removed for size or expiry (not by
 *     flushes)
 * @param rrsets positive RRsets held now
 * @param negatives negative answers held now
 * @param delegations zone cuts held now
 * @param rrsetEvictions the positive RRsets among {@code evictions}
 * @param negativeEvictions the negative answers among {@code evictions}
 * @param delegationEvictions the zone cuts among {@code evictions}
 */
public record CacheStatistics(
    long answerHits,
    long negativeHits,
    long misses,
    long staleAnswers,
    long prefetches,
    long evictions,
    long rrsets,
    long negatives,
    long delegations,
    long rrsetEvictions,
    long negativeEvictions,
    long delegationEvictions) {

  /**
   * The share of cache lookups the cache answered, positively or negatively.
   *
   * @return {@code (answerHits + negativeHits) / (answerHits + negativeHits + misses)}, or 0 before
   *     the first cache lookup
   */
  public double hitRate() {
    long total = answerHits + negativeHits + misses;
    return total == 0 ? 0 : (double) (answerHits + negativeHits) / total;
  }
}
