package io.rootwalk.dnssec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.TraceStep;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.xbill.DNS.Name;

/**
 * The validator's key cache (Unbound's {@code key-cache}): for a name, the {@link KeyEntry} that
 * covers it. An entry is stored under the zone it is about and, when a DS lookup showed that a name
 * between two zones is not a cut, under that name too, with the enclosing zone's entry; so the
 * deepest entry above a name says where its chain of trust stands, and only the labels below it
 * need lookups. Entries expire on the resolver's ticker, never past the TTL they rest on.
 */
public final class KeyCache {

  /**
   * The result of a search: the deepest name with an entry, and the entry.
   *
   * @param at the name the entry was stored under
   * @param entry what covers names at and below {@code at}, until a deeper entry says otherwise
   */
  public record Found(Name at, KeyEntry entry) {}

  /**
   * One link of a chain of trust as it was established: the entry, where it stands, and the trace
   * steps that established it.
   *
   * @param entry the entry reached
   * @param at the name it covers
   * @param steps the validation steps taken to reach it
   */
  record Link(KeyEntry entry, Name at, List<TraceStep.Validation> steps) {}

  private final Cache<Name, KeyEntry> entries;
  private final Ticker ticker;

  /**
   * Links being established now, by the name they are about. A burst of lookups in a zone whose
   * keys are not cached yet would otherwise fetch once (the resolver shares identical lookups in
   * flight) but verify the same DNSKEY and DS RRsets once per lookup, all on the thread the fetch
   * completed on: a thousand lookups, six thousand signature checks at once.
   */
  private final Map<Name, CompletableFuture<Link>> linking = new ConcurrentHashMap<>();

  /**
   * An empty cache.
   *
   * @param maxEntries the most entries kept
   * @param ticker the resolver's time source
   */
  public KeyCache(long maxEntries, Ticker ticker) {
    this.ticker = ticker;
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(
                new Expiry<Name, KeyEntry>() {
                  @Override
                  public long expireAfterCreate(Name key, KeyEntry value, long currentTime) {
                    return TimeUnit.SECONDS.toNanos(value.ttl());
                  }

                  @Override
                  public long expireAfterUpdate(
                      Name key, KeyEntry value, long currentTime, long currentDuration) {
                    return TimeUnit.SECONDS.toNanos(value.ttl());
                  }

                  @Override
                  public long expireAfterRead(
                      Name key, KeyEntry value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /**
   * The deepest entry at or above {@code name}.
   *
   * @param name the name whose chain of trust is wanted
   * @return the entry and where it was found, or empty when not even the root's keys are cached
   */
  public Optional<Found> deepest(Name name) {
    Name at = name;
    while (true) {
      KeyEntry e = entries.getIfPresent(at);
      if (e != null) {
        return Optional.of(new Found(at, e));
      }
      if (at.labels() <= 1) {
        return Optional.empty();
      }
      at = new Name(at, 1);
    }
  }

  /**
   * Stores {@code entry} as what covers {@code at} and the names below it.
   *
   * @param at the zone the entry is about, or a name shown not to be a cut
   * @param entry the entry
   */
  public void put(Name at, KeyEntry entry) {
    if (entry.ttl() > 0) {
      entries.put(at, entry);
    }
  }

  /**
   * The link about {@code name} that another validation is establishing now, or, when there is
   * none, the one {@code work} establishes, which later arrivals then share.
   *
   * @param name the zone (or name) the link is about
   * @param work establishes the link; run only when no other validation is doing so
   * @return the link; completes when it is established
   */
  CompletableFuture<Link> link(Name name, Supplier<CompletableFuture<Link>> work) {
    CompletableFuture<Link> mine = new CompletableFuture<>();
    CompletableFuture<Link> running = linking.putIfAbsent(name, mine);
    if (running != null) {
      return running;
    }
    CompletableFuture<Link> done;
    try {
      done = work.get();
    } catch (RuntimeException e) {
      linking.remove(name, mine);
      mine.completeExceptionally(e);
      return mine;
    }
    done.whenComplete(
        (l, e) -> {
          linking.remove(name, mine);
          if (e != null) {
            mine.completeExceptionally(e);
          } else {
            mine.complete(l);
          }
        });
    return mine;
  }

  /** Forgets every entry, as a full cache flush does. */
  public void clear() {
    entries.invalidateAll();
  }

  /**
   * How many entries are held (for tests and statistics).
   *
   * @return the estimated count
   */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /**
   * The ticker entries expire on.
   *
   * @return the resolver's ticker
   */
  public Ticker ticker() {
    return ticker;
  }
}
