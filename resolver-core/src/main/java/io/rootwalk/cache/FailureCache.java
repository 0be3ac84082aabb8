package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Failure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.xbill.DNS.Name;

/**
 * Recent resolution failures (RFC 9520). While an entry lives, lookups it covers fail at once
 * with the remembered reason, so a dead zone does not turn every client query into a burst of
 * upstream retries (the amplification RFC 9520 section 1 describes). Each repeated failure doubles
 * the hold time, from {@code min} up to {@code max} (RFC 9520 section 3.2: at least 1 second, at
 * most 5 minutes).
 *
 * <p>What is held is what failed (RFC 9520 section 3): when a zone's servers are unreachable or
 * its delegation unusable, the whole zone ({@link #ZONE}); when they answer but fail one question
 * (SERVFAIL or REFUSED for one name, a broken backend, a type they choke on), only that name and
 * type, so one client's odd query cannot take the zone away from everyone.
 */
public final class FailureCache {

  /** The type under which a whole zone's failure is held. */
  public static final int ZONE = 0;

  /** A remembered failure and how long it was held, so the next one can back off further. */
  public record Entry(Failure failure, long heldNanos, long expiresAtNanos) implements Expiring {}

  record Key(Name name, int type) {}

  private final Cache<Key, Entry> cache;
  private final Ticker ticker;
  private final Duration min;
  private final Duration max;

  FailureCache(long maxEntries, Duration min, Duration max, Ticker ticker, Executor executor) {
    this.ticker = ticker;
    this.min = min;
    this.max = max;
    this.cache = Caffeine.newBuilder()
        .ticker(ticker)
        .executor(executor)
        .maximumSize(maxEntries)
        // Keep entries past their hold time for a while so a repeat failure can double it.
        .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<Key, Entry>() {
          @Override
          public long expireAfterCreate(Key key, Entry value, long now) {
            return Math.max(0, value.expiresAtNanos() - now) + value.heldNanos() * 2;
          }

          @Override
          public long expireAfterUpdate(Key key, Entry value, long now, long currentDuration) {
            return expireAfterCreate(key, value, now);
          }

          @Override
          public long expireAfterRead(Key key, Entry value, long now, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /**
   * Remembers a failure for {@code name} and {@code type}, or for a whole zone with {@link
   * #ZONE}. Does nothing when disabled (max 0).
   */
  public void put(Name name, int type, Failure failure) {
    if (max.isZero()) {
      return;
    }
    long now = ticker.read();
    cache.asMap().compute(new Key(name, type), (z, old) -> {
      long held = old == null ? min.toNanos() : Math.min(max.toNanos(), Math.max(min.toNanos(), old.heldNanos() * 2));
      return new Entry(failure, held, now + held);
    });
  }

  /** The live failure held for {@code name} and {@code type} (or {@link #ZONE}), if any. */
  public Optional<Failure> get(Name name, int type) {
    Entry e = cache.getIfPresent(new Key(name, type));
    if (e == null || e.expiresAtNanos() <= ticker.read()) {
      return Optional.empty();
    }
    return Optional.of(e.failure());
  }

  /** Forgets a zone-wide failure: a useful answer from the zone proves it alive. */
  public void clearZone(Name zone) {
    if (!cache.asMap().isEmpty()) {
      cache.invalidate(new Key(zone, ZONE));
    }
  }

  public void flush(Name name, boolean subtree) {
    cache.asMap().keySet().removeIf(k -> subtree ? k.name().subdomain(name) : k.name().equals(name));
  }

  public void flushAll() {
    cache.invalidateAll();
  }
}
