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
 * Zones whose servers all failed recently (RFC 9520). While an entry lives, lookups that need the
 * zone fail at once with the remembered reason, so a dead zone does not turn every client query
 * into a burst of upstream retries (the "DNS water torture" amplification RFC 9520 section 1
 * describes). Each repeated failure doubles the hold time, from {@code min} up to {@code max}
 * (RFC 9520 section 3.2: at least 1 second, at most 5 minutes).
 */
public final class FailureCache {

  /** A remembered failure and how long it was held, so the next one can back off further. */
  public record Entry(Failure failure, long heldNanos, long expiresAtNanos) implements Expiring {}

  private final Cache<Name, Entry> cache;
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
        .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<Name, Entry>() {
          @Override
          public long expireAfterCreate(Name key, Entry value, long now) {
            return Math.max(0, value.expiresAtNanos() - now) + value.heldNanos() * 2;
          }

          @Override
          public long expireAfterUpdate(Name key, Entry value, long now, long currentDuration) {
            return expireAfterCreate(key, value, now);
          }

          @Override
          public long expireAfterRead(Name key, Entry value, long now, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** Remembers that every server of {@code zone} failed. Does nothing when disabled (max 0). */
  public void put(Name zone, Failure failure) {
    if (max.isZero()) {
      return;
    }
    long now = ticker.read();
    cache.asMap().compute(zone, (z, old) -> {
      long held = old == null ? min.toNanos() : Math.min(max.toNanos(), Math.max(min.toNanos(), old.heldNanos() * 2));
      return new Entry(failure, held, now + held);
    });
  }

  /** The live failure for {@code zone}, if one is held. */
  public Optional<Failure> get(Name zone) {
    Entry e = cache.getIfPresent(zone);
    if (e == null || e.expiresAtNanos() <= ticker.read()) {
      return Optional.empty();
    }
    return Optional.of(e.failure());
  }

  /** Forgets the failure of {@code zone} (a success there proves it alive). */
  public void clear(Name zone) {
    cache.invalidate(zone);
  }

  public void flush(Name name, boolean subtree) {
    cache.asMap().keySet().removeIf(k -> subtree ? k.subdomain(name) : k.equals(name));
  }

  public void flushAll() {
    cache.invalidateAll();
  }
}
