package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A cached value that knows the absolute ticker time it expires at. Storing the deadline in the
 * value, rather than a duration, lets a read compute the remaining TTL from the same ticker that
 * drives eviction (hickory's {@code valid_until}).
 */
interface Expiring {

  long expiresAtNanos();

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
