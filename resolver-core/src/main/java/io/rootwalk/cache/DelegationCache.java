package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.rootwalk.iterate.Delegation;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.xbill.DNS.Name;

/**
 * Zone cuts learned from referrals and priming, so that a lookup starts at the deepest one that
 * contains its name instead of at the root. Each entry lives as long as the smallest TTL of its NS
 * RRset and server addresses.
 */
public final class DelegationCache {

  record Entry(Delegation delegation, long expiresAtNanos) implements Expiring {}

  private final Cache<Name, Entry> cache;
  private final Ticker ticker;
  private final CachePolicy policy;

  DelegationCache(CachePolicy policy, Ticker ticker, Executor executor) {
    this.policy = policy;
    this.ticker = ticker;
    this.cache = Caffeine.newBuilder()
        .ticker(ticker)
        .executor(executor)
        .maximumSize(policy.maxEntries())
        .expireAfter(Expiring.<Name, Entry>expiry())
        .recordStats()
        .build();
  }

  /** Stores (or replaces) the delegation for its zone. */
  public void put(Delegation delegation) {
    long now = ticker.read();
    long expires = now + policy.clampNanos(delegation.ttlSeconds());
    if (expires > now) {
      cache.put(delegation.zone(), new Entry(delegation, expires));
    }
  }

  /**
   * Replaces a cached delegation with an enriched copy (e.g. with chased addresses) without
   * extending its life past the original entry's.
   */
  public void update(Delegation delegation) {
    long now = ticker.read();
    long proposed = now + policy.clampNanos(delegation.ttlSeconds());
    cache.asMap().compute(delegation.zone(), (zone, old) -> {
      long expires = old == null || old.expiresAtNanos() <= now
          ? proposed
          : Math.min(old.expiresAtNanos(), proposed);
      return expires > now ? new Entry(delegation, expires) : null;
    });
  }

  /** The live delegation for exactly {@code zone}. */
  public Optional<Delegation> get(Name zone) {
    Entry e = cache.getIfPresent(zone);
    if (e == null || e.expiresAtNanos() <= ticker.read()) {
      return Optional.empty();
    }
    return Optional.of(e.delegation().asCached());
  }

  /** The live delegation of the deepest zone cut at or above {@code name}. */
  public Optional<Delegation> closest(Name name) {
    for (int strip = 0; strip < name.labels(); strip++) {
      Optional<Delegation> d = get(strip == 0 ? name : new Name(name, strip));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** Forgets zone cuts at {@code zone} or, when {@code subtree}, also below it. */
  public void flush(Name zone, boolean subtree) {
    cache.asMap().keySet().removeIf(k -> subtree ? k.subdomain(zone) : k.equals(zone));
  }

  public void flushAll() {
    cache.invalidateAll();
  }

  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  public CacheStats stats() {
    return cache.stats();
  }
}
