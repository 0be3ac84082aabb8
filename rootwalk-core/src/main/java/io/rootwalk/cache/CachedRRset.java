package io.rootwalk.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * An RRset in the cache with its trust rank and absolute expiry.
 *
 * <p>Hits need the records with the TTL that remains; the copy is made at most once per second of
 * remaining TTL and shared, since records are immutable (a copy per hit was a fifth of the
 * cache-hit path's allocation).
 *
 * @param rrset the RRset as stored: from a response, with the TTL {@link CachePolicy#clampTtl} gave
 *     it on arrival
 * @param rank how far the data is to be believed (RFC 2181 section 5.4.1)
 * @param expiresAtNanos the ticker time the RRset stops being live; it may still be served stale
 *     for a while after (RFC 8767)
 * @param lastCopy the last copy of the records made for a hit, shared until the remaining TTL
 *     changes
 * @param gone set once the entry has left its table (replaced, flushed or evicted): a memoised hit
 *     reads this flag instead of the table, which would cost a clock read and Caffeine's
 *     bookkeeping on every hit
 */
public record CachedRRset(
    RRset rrset,
    Rank rank,
    long expiresAtNanos,
    AtomicReference<Snapshot> lastCopy,
    AtomicBoolean gone)
    implements Expiring, AnswerSource {

  /** The records as copied for one remaining-TTL value. */
  record Snapshot(long ttl, List<Record> records) {}

  /**
   * A freshly cached RRset, with no copy made yet.
   *
   * @param rrset the RRset as received
   * @param rank how far the data is to be believed
   * @param expiresAtNanos the ticker time the RRset stops being live
   */
  public CachedRRset(RRset rrset, Rank rank, long expiresAtNanos) {
    this(rrset, rank, expiresAtNanos, new AtomicReference<>(), new AtomicBoolean());
  }

  /**
   * Whether this entry is still the one its table holds (expiry aside, which readers check).
   *
   * @return false once the entry was replaced, flushed or evicted
   */
  public boolean held() {
    return !gone.get();
  }

  /** The table no longer holds this entry. */
  void leave() {
    gone.set(true);
  }

  /**
   * The TTL a client should see now: the whole seconds left, counted as the wire counts them (an
   * RRset stored with TTL 3600 says 3600 until a second has passed), never negative.
   *
   * @param nowNanos the current ticker time
   * @return the seconds left at {@code nowNanos}, never negative
   */
  public long remainingTtl(long nowNanos) {
    return Expiring.remainingSeconds(expiresAtNanos, nowNanos);
  }

  /**
   * Whether a hit now falls in the last tenth of the TTL (at least the last second): when a
   * prefetching cache refreshes the entry.
   *
   * @param nowNanos the current ticker time
   * @return whether at most a tenth of the original TTL is left
   */
  public boolean inLastTenth(long nowNanos) {
    return remainingTtl(nowNanos) * 10 <= Math.max(1, rrset.getTTL());
  }

  /**
   * The records as a cache hit returns them.
   *
   * @param nowNanos the current ticker time
   * @return an immutable list of the records, then their RRSIGs, with TTLs set to what remains at
   *     {@code nowNanos}, shared with other hits in the same second
   */
  public List<Record> records(long nowNanos) {
    long ttl = remainingTtl(nowNanos);
    Snapshot last = lastCopy.get();
    if (last != null && last.ttl() == ttl) {
      return last.records();
    }
    List<Record> out = new ArrayList<>(rrset.size());
    for (Record r : rrset.rrs(false)) {
      out.add(withTtl(r, ttl));
    }
    for (Record sig : rrset.sigs()) {
      out.add(withTtl(sig, ttl)); // after the data, as a response carries them
    }
    List<Record> copy = List.copyOf(out);
    lastCopy.set(new Snapshot(ttl, copy));
    return copy;
  }

  /**
   * A copy of {@code record} with another TTL. dnsjava keeps its TTL setter package-private, so the
   * copy goes through the wire form with the TTL field rewritten; names keep their case.
   *
   * @param record the record to copy
   * @param ttl the TTL the copy carries, in seconds
   * @return {@code record} itself when its TTL already is {@code ttl}, else the copy
   */
  public static Record withTtl(Record record, long ttl) {
    if (record.getTTL() == ttl) {
      return record;
    }
    byte[] wire = record.toWire(Section.ANSWER);
    int ttlOffset = record.getName().length() + 4;
    wire[ttlOffset] = (byte) (ttl >>> 24);
    wire[ttlOffset + 1] = (byte) (ttl >>> 16);
    wire[ttlOffset + 2] = (byte) (ttl >>> 8);
    wire[ttlOffset + 3] = (byte) ttl;
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (IOException e) {
      throw new UncheckedIOException("re-reading a record we just wrote", e);
    }
  }
}
