package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.observe.CacheEvictionEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Negative answers (RFC 2308). NXDOMAIN is stored per name and, as RFC 8020 allows, also answers
 * for every name below it; NODATA is stored per name and type.
 */
public final class NegativeCache extends NameKeyedCache<NegativeCache.Key, NegativeAnswer> {

  /** NXDOMAIN entries use type 0, which no query can ask for. */
  record Key(Name name, int type) {}

  private static final int ANY_TYPE = 0;

  private final Ticker ticker;
  private final CachePolicy policy;
  private final AtomicLong writes = new AtomicLong();

  NegativeCache(CachePolicy policy, Ticker ticker, Executor executor) {
    super(
        Expiring.newCache(
            policy.maxEntries(),
            0,
            ticker,
            executor,
            (@Nullable Key k, @Nullable NegativeAnswer v, RemovalCause cause) -> {
              if (k != null) {
                CacheEvictionEvent.emit("negative", k.name(), k.type(), cause);
              }
            }),
        Key::name);
    this.policy = policy;
    this.ticker = ticker;
  }

  /**
   * Removes the NODATA for {@code name} and {@code type} and the NXDOMAIN for {@code name}: a
   * denial that failed validation.
   *
   * @param name the name denied
   * @param type the type asked
   */
  public void discard(Name name, int type) {
    discard(new Key(name, type));
    discard(new Key(name, ANY_TYPE));
  }

  /**
   * Caches a negative answer. Its lifetime is the smaller of the SOA's TTL and its MINIMUM field
   * (RFC 2308 section 5), clamped by the policy; without an SOA it is not cached at all (RFC 2308
   * section 5: "negative responses without SOA records SHOULD NOT be cached").
   *
   * @param kind NXDOMAIN, filed for the name and everything below it, or NODATA, filed for the name
   *     and type
   * @param name the name denied
   * @param type the type asked
   * @param soa the SOA from the response's authority section
   * @param proof the NSEC or NSEC3 records and RRSIGs that came with it (DO=1), kept for validation
   */
  public void put(
      NegativeAnswer.Kind kind, Name name, int type, Optional<SOARecord> soa, List<Record> proof) {
    if (soa.isEmpty()) {
      return;
    }
    long ttl = Math.min(soa.get().getTTL(), soa.get().getMinimum());
    long now = ticker.read();
    long expires = now + policy.clampNegativeNanos(ttl);
    if (expires <= now) {
      return;
    }
    int keyType = kind == NegativeAnswer.Kind.NXDOMAIN ? ANY_TYPE : type;
    cache.put(new Key(name, keyType), new NegativeAnswer(kind, name, type, soa, proof, expires));
    // After the put, never before: a reader that saw the old count must not miss this entry.
    writes.incrementAndGet();
  }

  /**
   * The negative answer for {@code name}/{@code type}: a NODATA for exactly that, or an NXDOMAIN
   * for the name or any of its ancestors (RFC 8020: there is nothing below a name that does not
   * exist).
   *
   * @param name the name asked
   * @param type the type asked
   * @return the live negative answer that covers the question, or empty
   */
  public Optional<NegativeAnswer> get(Name name, int type) {
    return Optional.ofNullable(live(name, type, ticker.read()));
  }

  /** Like {@link #get}, at a time the caller read once for the whole lookup. */
  @Nullable NegativeAnswer live(Name name, int type, long nowNanos) {
    NegativeAnswer nodata = cache.getIfPresent(new Key(name, type));
    if (nodata != null && nodata.expiresAtNanos() > nowNanos) {
      return nodata;
    }
    for (int strip = 0; strip < name.labels(); strip++) {
      Name ancestor = strip == 0 ? name : new Name(name, strip);
      NegativeAnswer nx = cache.getIfPresent(new Key(ancestor, ANY_TYPE));
      if (nx != null && nx.expiresAtNanos() > nowNanos) {
        return nx;
      }
    }
    return null;
  }

  /**
   * A number that changes whenever a negative answer is stored or flushed: while it stays the same,
   * a name found without a negative answer still has none (expiry aside, which the caller checks).
   * Memoised cache hits that depend on such an absence read it instead of probing every ancestor.
   *
   * @return the count of writes so far
   */
  long writes() {
    return writes.get();
  }

  @Override
  void forgotten() {
    writes.incrementAndGet();
  }
}
