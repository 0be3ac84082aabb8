package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.observe.CacheEvictionEvent;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * Positive data by owner name and type, each RRset expiring at its own TTL. Only answerable data
 * goes here: glue and referral NS sets live in the {@link DelegationCache}, so glue can never be
 * returned as an answer.
 */
public final class RRsetCache extends NameKeyedCache<RRsetCache.Key, CachedRRset> {

  /** Cache key: owner (case-insensitive, as dnsjava's {@code Name.equals}) and type; class IN. */
  record Key(Name name, int type) {}

  private final Ticker ticker;
  private final CachePolicy policy;

  RRsetCache(CachePolicy policy, Ticker ticker, Executor executor) {
    super(
        Expiring.newCache(
            policy.maxEntries(),
            policy.serveStaleFor().toNanos(),
            ticker,
            executor,
            (@Nullable Key k, @Nullable CachedRRset v, RemovalCause cause) -> {
              if (v != null) {
                v.leave();
              }
              if (k != null) {
                CacheEvictionEvent.emit("rrset", k.name(), k.type(), cause);
              }
            }),
        Key::name);
    this.policy = policy;
    this.ticker = ticker;
  }

  /**
   * Removes the RRset of {@code type} at {@code name}: data that failed validation, so the next
   * lookup fetches it afresh instead of reading the forgery back.
   *
   * @param name the owner
   * @param type the type
   */
  public void discard(Name name, int type) {
    discard(new Key(name, type));
  }

  /**
   * Stores {@code rrset} at {@code rank}, unless live data of a higher rank is already there (RFC
   * 2181 section 5.4.1). Equal ranks replace: the newer copy is the fresher one.
   *
   * @param rrset the RRset, with the TTL it arrived with
   * @param rank how far it is to be believed
   * @return whether the RRset was stored
   */
  public boolean put(RRset rrset, Rank rank) {
    long now = ticker.read();
    CachedRRset fresh = new CachedRRset(rrset, rank, now + policy.clampNanos(rrset.getTTL()));
    if (fresh.expiresAtNanos() <= now) {
      return false; // TTL 0: use once, never cache (RFC 1035 section 3.2.1)
    }
    // An RRset with only a stale copy left is replaced whatever the ranks: stale data of any
    // rank is worse than fresh data.
    Key key = new Key(rrset.getName(), rrset.getType());
    boolean[] stored = {false};
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              if (old != null && old.expiresAtNanos() > now && old.rank().compareTo(rank) > 0) {
                return old;
              }
              if (old != null) {
                old.leave();
              }
              stored[0] = true;
              return fresh;
            });
    return stored[0];
  }

  /**
   * The live, answerable RRset for {@code name} and {@code type}.
   *
   * @param name the owner name
   * @param type the type
   * @return the cached RRset, or empty when none is live or its rank is not {@link
   *     Rank#answerable()}
   */
  public Optional<CachedRRset> get(Name name, int type) {
    return Optional.ofNullable(live(name, type, ticker.read()));
  }

  /** Like {@link #get}, at a time the caller read once for the whole lookup. */
  @Nullable CachedRRset live(Name name, int type, long nowNanos) {
    return live(new Key(name, type), nowNanos);
  }

  /** Like {@link #get}, with a key made once by the caller. */
  @Nullable CachedRRset live(Key key, long nowNanos) {
    CachedRRset hit = cache.getIfPresent(key);
    if (hit == null || hit.expiresAtNanos() <= nowNanos || !hit.rank().answerable()) {
      return null;
    }
    return hit;
  }

  /**
   * An expired RRset still within the serve-stale window (RFC 8767), for use only when fresh
   * resolution has failed.
   *
   * @param name the owner name
   * @param type the type
   * @return the cached RRset, live or expired less than {@link CachePolicy#serveStaleFor()} ago, if
   *     answerable; else empty
   */
  public Optional<CachedRRset> getStale(Name name, int type) {
    CachedRRset hit = cache.getIfPresent(new Key(name, type));
    long now = ticker.read();
    if (hit == null
        || !hit.rank().answerable()
        || hit.expiresAtNanos() + policy.serveStaleFor().toNanos() <= now) {
      return Optional.empty();
    }
    return Optional.of(hit);
  }

  @Override
  void leaving(CachedRRset value) {
    value.leave();
  }

  void cleanUp() {
    cache.cleanUp();
  }
}
