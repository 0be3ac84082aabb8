package io.rootwalk;

/**
 * A snapshot of a resolver's cache counters.
 *
 * @param answerHits lookups (and alias hops) answered from cached positive data
 * @param negativeHits lookups answered from a cached NXDOMAIN or NODATA
 * @param misses lookups that had to go upstream
 * @param staleAnswers answers served stale after resolution failed (RFC 8767)
 * @param prefetches background refreshes started for entries about to expire
 * @param evictions entries removed for size or expiry
 * @param rrsets positive RRsets held now
 * @param negatives negative answers held now
 * @param delegations zone cuts held now
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
    long delegations) {

  /** Hits over all lookups, 0 when there were none. */
  public double hitRate() {
    long total = answerHits + negativeHits + misses;
    return total == 0 ? 0 : (double) (answerHits + negativeHits) / total;
  }
}
