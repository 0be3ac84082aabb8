package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Failure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Recent resolution failures (RFC 9520). While an entry lives, lookups it covers fail at once with
 * the remembered reason, so a dead zone does not turn every client query into a burst of upstream
 * retries (the amplification RFC 9520 section 1 describes). Each repeated failure doubles the hold
 * time, from {@code min} up to {@code max} (RFC 9520 section 3.2: at least 1 second, at most 5
 * minutes). What is held is what failed: a {@link FailureScope}.
 */
public final class FailureCache extends NameKeyedCache<FailureScope, FailureCache.Entry> {

  /**
   * A remembered failure and how long it was held, so the next one can back off further.
   *
   * @param failure what failed, as the held lookups report it
   * @param heldNanos how long this hold lasts
   * @param expiresAtNanos the ticker time the hold ends
   */
  record Entry(Failure failure, long heldNanos, long expiresAtNanos) implements Expiring {}

  private final Ticker ticker;
  private final Duration min;
  private final Duration max;

  FailureCache(long maxEntries, Duration min, Duration max, Ticker ticker, Executor executor) {
    super(
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(executor)
            .maximumSize(maxEntries)
            .expireAfter(new KeptForBackoff())
            .build(),
        FailureScope::name);
    this.ticker = ticker;
    this.min = min;
    this.max = max;
  }

  /** Keeps entries past their hold time for a while, so a repeat failure can double the hold. */
  private static final class KeptForBackoff implements Expiry<FailureScope, Entry> {
    @Override
    public long expireAfterCreate(FailureScope key, Entry value, long now) {
      return Math.max(0, value.expiresAtNanos() - now) + value.heldNanos() * 2;
    }

    @Override
    public long expireAfterUpdate(FailureScope key, Entry value, long now, long currentDuration) {
      return expireAfterCreate(key, value, now);
    }

    @Override
    public long expireAfterRead(FailureScope key, Entry value, long now, long currentDuration) {
      return currentDuration;
    }
  }

  /**
   * Holds {@code failure} for {@code scope}, twice as long as the last hold of the same scope
   * (within bounds). Does nothing when failure caching is disabled (a maximum of 0).
   *
   * @param scope what failed: a zone or one question
   * @param failure the reason held lookups will report
   */
  public void put(FailureScope scope, Failure failure) {
    if (max.isZero()) {
      return;
    }
    long now = ticker.read();
    cache
        .asMap()
        .compute(
            scope,
            (k, old) -> {
              long held =
                  old == null
                      ? min.toNanos()
                      : Math.min(max.toNanos(), Math.max(min.toNanos(), old.heldNanos() * 2));
              return new Entry(failure, held, now + held);
            });
  }

  /**
   * The failure held for exactly {@code scope}, while its hold lasts.
   *
   * @param scope a zone or one question
   * @return the held failure, or empty when none is held now
   */
  public Optional<Failure> get(FailureScope scope) {
    Entry e = cache.getIfPresent(scope);
    if (e == null || e.expiresAtNanos() <= ticker.read()) {
      return Optional.empty();
    }
    return Optional.of(e.failure());
  }

  /**
   * Lifts a zone-wide hold: a useful answer from the zone proves it alive.
   *
   * @param zone the zone that answered
   */
  public void clearZone(org.xbill.DNS.Name zone) {
    if (!cache.asMap().isEmpty()) {
      cache.invalidate(new FailureScope.Zone(zone));
    }
  }
}
