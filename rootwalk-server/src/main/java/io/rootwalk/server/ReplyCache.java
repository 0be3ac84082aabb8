package io.rootwalk.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Rendered replies, kept briefly so that a repeated question is answered by copying bytes: the ID
 * and the client's spelling of the name are written in (0x20-randomising clients check the case,
 * draft-vixie-dnsext-dns0x20) and each TTL is lowered by the whole seconds since rendering.
 *
 * <p>This is not a second DNS cache. An entry lives at most {@code maxAge} (1 s by default) and
 * never past its smallest TTL, so a flush or refresh in the resolver's cache reaches clients within
 * that bound. Only replies the caller vouches for are stored (see {@link QueryHandler}); this class
 * refuses on its own a truncated reply and any rcode but NOERROR and NXDOMAIN. The map is bounded:
 * when full, expired entries are swept and, if that frees nothing, it starts over empty, which
 * costs at most one re-render per name (entries are short-lived anyway).
 */
final class ReplyCache {

  /** Larger replies are rare and only ever fit TCP: not worth the memory. */
  static final int MAX_REPLY = Responses.EDNS_PAYLOAD;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ConcurrentHashMap<ReplyKey, Entry> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final long maxAgeNanos;
  private final Ticker ticker;
  private final LongAdder hits = new LongAdder();

  /**
   * @param maxEntries how many replies at most; 0 turns the cache off
   * @param maxAge how long a reply is used at most, whatever its TTLs
   * @param ticker the clock, in nanoseconds
   */
  ReplyCache(int maxEntries, Duration maxAge, Ticker ticker) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0 but was " + maxEntries);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive but was " + maxAge);
    }
    this.maxEntries = maxEntries;
    this.maxAgeNanos = maxAge.toNanos();
    this.ticker = ticker;
  }

  /**
   * @param wire the reply as first rendered, never changed afterwards
   * @param ttls where its TTLs are
   * @param renderedAt the ticker when it was rendered
   * @param expiresAt the ticker when it stops being used
   */
  private record Entry(byte[] wire, int[] ttls, long renderedAt, long expiresAt) {}

  /**
   * The cached reply to {@code query} (read from {@code packet}), made out to this client, or null
   * when there is none that fits {@code sizeLimit}.
   */
  byte @Nullable [] answer(WireQuery query, byte[] packet, int sizeLimit) {
    Entry entry = entries.get(query.key());
    if (entry == null) {
      return null;
    }
    long now = ticker.read();
    if (now - entry.expiresAt >= 0) {
      entries.remove(query.key(), entry);
      return null;
    }
    if (entry.wire.length > sizeLimit) {
      return null; // the full path truncates it for this client
    }
    byte[] reply = entry.wire.clone();
    reply[0] = packet[0];
    reply[1] = packet[1];
    System.arraycopy(packet, WireQuery.HEADER, reply, WireQuery.HEADER, query.nameLength());
    long elapsed = (now - entry.renderedAt) / NANOS_PER_SECOND;
    if (elapsed > 0) {
      for (int at : entry.ttls) {
        putInt(reply, at, ReplyTtls.ttl(reply, at) - elapsed);
      }
    }
    hits.increment();
    return reply;
  }

  /** Keeps {@code wire}, the complete reply to {@code query}, if it may be replayed. */
  void store(WireQuery query, byte[] wire) {
    if (maxEntries == 0 || wire.length > MAX_REPLY || wire.length <= WireQuery.HEADER) {
      return;
    }
    int rcode = wire[3] & 0x0F;
    boolean truncated = (wire[2] & 0x02) != 0;
    if (truncated || (rcode != 0 && rcode != 3)) {
      return;
    }
    ReplyTtls ttls;
    try {
      ttls = ReplyTtls.of(wire);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (ttls.smallest() == 0) {
      return;
    }
    long now = ticker.read();
    long lifetime =
        ttls.smallest() > maxAgeNanos / NANOS_PER_SECOND
            ? maxAgeNanos
            : ttls.smallest() * NANOS_PER_SECOND;
    if (entries.size() >= maxEntries) {
      makeRoom(now);
    }
    entries.put(query.key(), new Entry(wire, ttls.offsets(), now, now + lifetime));
  }

  private void makeRoom(long now) {
    entries.values().removeIf(e -> now - e.expiresAt >= 0);
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
  }

  /** Replies served from here so far (for tests). */
  long hits() {
    return hits.sum();
  }

  /** Replies held now, expired ones included until swept (for tests). */
  int size() {
    return entries.size();
  }

  private static void putInt(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
