package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalListener;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.Executor;

/**
 * A cached value that knows the absolute ticker time it expires at. Storing the deadline in the
 * value, rather than a duration, lets a read compute the remaining TTL from the same ticker that
 * drives eviction (hickory's {@code valid_until}).
 */
interface Expiring {

  long expiresAtNanos();

  /**
   * The whole seconds of TTL left, as the wire counts them: an RRset stored with TTL 3600 says 3600
   * until a full second has passed, not 3599 a nanosecond after it was stored (which flooring the
   * nanoseconds would give, shortening every TTL handed on by a second).
   *
   * @param expiresAtNanos when the entry expires, on the cache's ticker
   * @param nowNanos now, on the same ticker
   * @return the seconds left, rounded up, never negative
   */
  static long remainingSeconds(long expiresAtNanos, long nowNanos) {
    long left = expiresAtNanos - nowNanos;
    return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
  }

  /**
   * A size-bounded Caffeine cache on {@code ticker} whose values expire at their own deadlines
   * (plus {@code graceNanos}, for serve-stale), with statistics: the shape all of the resolver's
   * TTL-driven caches share.
   */
  static <K, V extends Expiring> Cache<K, V> newCache(
      long maxEntries, long graceNanos, Ticker ticker, Executor executor) {
    return newCache(maxEntries, graceNanos, ticker, executor, (k, v, cause) -> {});
  }

  /**
   * Like {@link #newCache(long, long, Ticker, Executor)}, telling {@code evicted} of every entry
   * Caffeine evicts (for size or expiry), as part of the eviction itself.
   */
  static <K, V extends Expiring> Cache<K, V> newCache(
      long maxEntries,
      long graceNanos,
      Ticker ticker,
      Executor executor,
      RemovalListener<K, V> evicted) {
    return Caffeine.newBuilder()
        .ticker(ticker)
        .executor(executor)
        .maximumSize(maxEntries)
        .expireAfter(Expiring.<K, V>expiry(graceNanos))
        .evictionListener(evicted)
        .recordStats()
        .build();
  }

  /** Caffeine expiry that evicts each value at its own deadline; reads do not extend it. */
  static <K, V extends Expiring> Expiry<K, V> expiry() {
    return expiry(0);
  }

  /**
   * Like {@link #expiry()}, but keeps each value {@code graceNanos} past its deadline (for
   * serve-stale); readers check the deadline themselves.
   */
  static <K, V extends Expiring> Expiry<K, V> expiry(long graceNanos) {
    return new Expiry<>() {
      @Override
      public long expireAfterCreate(K key, V value, long currentTime) {
        return Math.max(0, value.expiresAtNanos() - currentTime + graceNanos);
      }

      @Override
      public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return Math.max(0, value.expiresAtNanos() - currentTime + graceNanos);
      }

      @Override
      public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
      }
    };
  }
}
