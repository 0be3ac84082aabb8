package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.function.Function;
import org.xbill.DNS.Name;

/**
 * What every table of the resolver's cache does alike: forget a name or a whole subtree (a zone
 * flushed by an operator), forget everything, and report its size and Caffeine statistics.
 *
 * @param <K> the table's key, which names the DNS name it is filed under
 * @param <V> the cached value
 */
abstract class NameKeyedCache<K, V> {

  /** The Caffeine cache behind this table. */
  protected final Cache<K, V> cache;

  private final Function<K, Name> nameOf;

  NameKeyedCache(Cache<K, V> cache, Function<K, Name> nameOf) {
    this.cache = cache;
    this.nameOf = nameOf;
  }

  /**
   * Removes every entry filed under {@code name} or, when {@code subtree}, under a name below it.
   *
   * @param name the name, or the apex of the subtree, to forget
   * @param subtree whether names below {@code name} are forgotten too
   */
  public final void flush(Name name, boolean subtree) {
    cache
        .asMap()
        .entrySet()
        .removeIf(
            e -> {
              Name n = nameOf.apply(e.getKey());
              boolean goes = subtree ? n.subdomain(name) : n.equals(name);
              if (goes) {
                leaving(e.getValue());
              }
              return goes;
            });
    forgotten();
  }

  /**
   * Removes the one entry under {@code key}, as a flush would.
   *
   * @param key the entry's key
   */
  final void discard(K key) {
    V gone = cache.asMap().remove(key);
    if (gone != null) {
      leaving(gone);
      forgotten();
    }
  }

  /** Removes every entry. */
  public final void flushAll() {
    cache.asMap().values().forEach(this::leaving);
    cache.invalidateAll();
    forgotten();
  }

  /** Called for each entry an operator's flush is about to remove. */
  void leaving(V value) {}

  /** Called after an operator's flush has removed entries. */
  void forgotten() {}

  /**
   * The number of live entries, after Caffeine's pending maintenance has run.
   *
   * @return how many entries the table holds
   */
  public final long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * Caffeine's counters for this table.
   *
   * @return hits, misses and evictions so far
   */
  public final CacheStats stats() {
    return cache.stats();
  }
}
