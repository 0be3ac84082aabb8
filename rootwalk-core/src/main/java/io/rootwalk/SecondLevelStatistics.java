package io.rootwalk;

/**
 * A snapshot of what a resolver's second-level cache did ({@code
 * Resolver.secondLevelStatistics()}), for metrics and for telling a store that helps from one that
 * only costs: all zero without a second-level cache. Reads are this resolver's; writes belong to
 * the cache, which resolvers derived with {@code newBuilder()} share.
 *
 * @param reads reads the store was asked, one per name the own cache could not answer
 * @param entriesLoaded entries taken from the store into the own cache
 * @param entriesRefused entries the store held that failed the checks (a forgery, a bug, another
 *     format), or failed DNSSEC validation once loaded
 * @param unavailable reads that failed, timed out, or were not made while the store was being left
 *     alone after a failure
 * @param writes writes the store acknowledged
 * @param writesDropped writes dropped because the queue was full: the store did not keep up
 * @param writesFailed writes the store failed or did not acknowledge in time
 */
public record SecondLevelStatistics(
    long reads,
    long entriesLoaded,
    long entriesRefused,
    long unavailable,
    long writes,
    long writesDropped,
    long writesFailed) {

  /** A resolver without a second-level cache. */
  public static final SecondLevelStatistics NONE = new SecondLevelStatistics(0, 0, 0, 0, 0, 0, 0);
}
