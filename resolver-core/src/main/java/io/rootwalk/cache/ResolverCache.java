package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.CacheStatistics;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Name;

/**
 * Everything one resolver remembers, in one value that a derived resolver can share on purpose
 * ({@code Resolver.newBuilder()}). All parts run on the same ticker.
 */
public final class ResolverCache {

  private final CachePolicy policy;
  private final Ticker ticker;
  private final RRsetCache rrsets;
  private final NegativeCache negatives;
  private final DelegationCache delegations;
  private final InfraCache infra;
  private final FailureCache failures;
  private final LongAdder answerHits = new LongAdder();
  private final LongAdder negativeHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder staleAnswers = new LongAdder();
  private final LongAdder prefetches = new LongAdder();

  public ResolverCache(CachePolicy policy, Ticker ticker, Executor executor) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(executor, "executor");
    this.rrsets = new RRsetCache(policy, ticker, executor);
    this.negatives = new NegativeCache(policy, ticker, executor);
    this.delegations = new DelegationCache(policy, ticker, executor);
    this.infra = new InfraCache(policy.maxEntries(), ticker, executor);
    this.failures = new FailureCache(policy.maxEntries(), policy.failureHoldMin(), policy.failureHoldMax(),
        ticker, executor);
  }

  public FailureCache failures() {
    return failures;
  }

  /** A lookup (or alias hop) was answered from cached data. */
  public void countAnswerHit() {
    answerHits.increment();
  }

  /** A lookup was answered from a cached NXDOMAIN or NODATA. */
  public void countNegativeHit() {
    negativeHits.increment();
  }

  /** A lookup found nothing to answer from and went upstream. */
  public void countMiss() {
    misses.increment();
  }

  public void countStaleAnswer() {
    staleAnswers.increment();
  }

  public void countPrefetch() {
    prefetches.increment();
  }

  /** A snapshot of the counters and sizes. */
  public CacheStatistics statistics() {
    long evictions = rrsets.stats().evictionCount() + negatives.stats().evictionCount()
        + delegations.stats().evictionCount();
    return new CacheStatistics(answerHits.sum(), negativeHits.sum(), misses.sum(), staleAnswers.sum(),
        prefetches.sum(), evictions, rrsets.size(), negatives.size(), delegations.size());
  }

  public CachePolicy policy() {
    return policy;
  }

  public Ticker ticker() {
    return ticker;
  }

  public RRsetCache rrsets() {
    return rrsets;
  }

  public NegativeCache negatives() {
    return negatives;
  }

  public DelegationCache delegations() {
    return delegations;
  }

  public InfraCache infra() {
    return infra;
  }

  /** Forgets everything cached for {@code name}, and below it when {@code subtree}. */
  public void flush(Name name, boolean subtree) {
    rrsets.flush(name, subtree);
    negatives.flush(name, subtree);
    delegations.flush(name, subtree);
    failures.flush(name, subtree);
  }

  /** Forgets everything, server state included. */
  public void flushAll() {
    rrsets.flushAll();
    negatives.flushAll();
    delegations.flushAll();
    infra.flushAll();
    failures.flushAll();
  }
}
