package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Objects;
import java.util.concurrent.Executor;
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

  public ResolverCache(CachePolicy policy, Ticker ticker, Executor executor) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(executor, "executor");
    this.rrsets = new RRsetCache(policy, ticker, executor);
    this.negatives = new NegativeCache(policy, ticker, executor);
    this.delegations = new DelegationCache(policy, ticker, executor);
    this.infra = new InfraCache(policy.maxEntries(), ticker, executor);
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
  }

  /** Forgets everything, server state included. */
  public void flushAll() {
    rrsets.flushAll();
    negatives.flushAll();
    delegations.flushAll();
    infra.flushAll();
  }
}
