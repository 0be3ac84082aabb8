package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.observe.CacheEvictionEvent;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Zone cuts learned from referrals and priming, so that a lookup starts at the deepest one that
 * contains its name instead of at the root. Each entry lives as long as the smallest TTL of its NS
 * RRset and server addresses.
 */
public final class DelegationCache extends NameKeyedCache<Name, DelegationCache.Entry> {

  /**
   * A cached zone cut, and its cached view for the current second of remaining TTL: every walk
   * reads the closest cut once and the referral's zone again, and building the view (every address
   * marked as read from the cache, the sets copied) on each read was the largest allocation of a
   * cold walk. Views are immutable, so readers in the same second share one.
   */
  static final class Entry implements Expiring {
    private final Delegation delegation;
    private final long expiresAtNanos;
    private volatile @Nullable View view;

    private record View(long remainingSeconds, Delegation cached) {}

    Entry(Delegation delegation, long expiresAtNanos) {
      this.delegation = delegation;
      this.expiresAtNanos = expiresAtNanos;
    }

    Delegation delegation() {
      return delegation;
    }

    @Override
    public long expiresAtNanos() {
      return expiresAtNanos;
    }

    Delegation cachedView(long remainingSeconds) {
      View v = view;
      if (v == null || v.remainingSeconds() != remainingSeconds) {
        v = new View(remainingSeconds, delegation.asCached(remainingSeconds));
        view = v;
      }
      return v.cached();
    }
  }

  private final Ticker ticker;
  private final CachePolicy policy;

  DelegationCache(CachePolicy policy, Ticker ticker, Executor executor) {
    super(
        Expiring.newCache(
            policy.maxEntries(),
            0,
            ticker,
            executor,
            (@Nullable Name zone, @Nullable Entry v, RemovalCause cause) -> {
              if (zone != null) {
                CacheEvictionEvent.emit("delegation", zone, Type.NS, cause);
              }
            }),
        zone -> zone);
    this.policy = policy;
    this.ticker = ticker;
  }

  /**
   * Stores (or replaces) the delegation for its zone, for the smallest TTL of its NS RRset and
   * addresses as the policy clamps it; a TTL that clamps to zero is not stored.
   *
   * @param delegation a zone cut learned from a referral or priming
   */
  public void put(Delegation delegation) {
    long now = ticker.read();
    long expires = now + policy.clampNanos(delegation.ttlSeconds());
    if (expires > now) {
      cache.put(delegation.zone(), new Entry(delegation, expires));
    }
  }

  /**
   * Replaces a cached delegation with an enriched copy (e.g. with chased addresses), never
   * extending its life and never bringing it back: an entry that expired, or was replaced by a
   * referral with another NS set, while a walk was chasing stays as it is. Otherwise a zone the
   * parent has revoked could be kept alive by slow glueless chases ("ghost domain names", Jiang et
   * al., NDSS 2012; RFC 2181 section 5.4.1).
   *
   * @param delegation the cached delegation with what was learned added; its NS set must be the
   *     cached one's for the update to take
   */
  public void update(Delegation delegation) {
    long now = ticker.read();
    long proposed = now + policy.clampNanos(delegation.ttlSeconds());
    cache
        .asMap()
        .computeIfPresent(
            delegation.zone(),
            (zone, old) -> {
              if (old.expiresAtNanos() <= now
                  || !old.delegation().nameServers().equals(delegation.nameServers())) {
                return old;
              }
              return new Entry(delegation, Math.min(old.expiresAtNanos(), proposed));
            });
  }

  /**
   * The live delegation for exactly {@code zone}.
   *
   * @param zone the zone cut's name
   * @return the delegation marked as cached, its TTL what remains; empty when none is live
   */
  public Optional<Delegation> get(Name zone) {
    Entry e = cache.getIfPresent(zone);
    if (e == null) {
      return Optional.empty();
    }
    long now = ticker.read();
    if (e.expiresAtNanos() <= now) {
      return Optional.empty();
    }
    return Optional.of(e.cachedView(Expiring.remainingSeconds(e.expiresAtNanos(), now)));
  }

  /**
   * The live delegation of the deepest zone cut at or above {@code name}.
   *
   * @param name the name a lookup is for
   * @return as {@link #get} for the closest enclosing zone; empty when not even the root is cached
   */
  public Optional<Delegation> closest(Name name) {
    for (int strip = 0; strip < name.labels(); strip++) {
      Optional<Delegation> d = get(strip == 0 ? name : new Name(name, strip));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }
}
