package io.rootwalk.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
 */
public record CachedRRset(
    RRset rrset, Rank rank, long expiresAtNanos, AtomicReference<Snapshot> lastCopy)
    implements Expiring {

  /** The records as copied for one remaining-TTL value. */
  record Snapshot(long ttl, List<Record> records) {}

  public CachedRRset(RRset rrset, Rank rank, long expiresAtNanos) {
    this(rrset, rank, expiresAtNanos, new AtomicReference<>());
  }

  /** Whole seconds of TTL left at {@code nowNanos}, never negative. */
  public long remainingTtl(long nowNanos) {
    return Math.max(0, (expiresAtNanos - nowNanos) / 1_000_000_000L);
  }

  /** The records with their TTLs set to what remains at {@code nowNanos}. */
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
    List<Record> copy = List.copyOf(out);
    lastCopy.set(new Snapshot(ttl, copy));
    return copy;
  }

  /**
   * A copy of {@code record} with another TTL. dnsjava keeps its TTL setter package-private, so the
   * copy goes through the wire form with the TTL field rewritten; names keep their case.
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
