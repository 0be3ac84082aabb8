package io.rootwalk.dnssec;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Validated NSEC ranges, for aggressive use (RFC 8198): once a zone's signed NSEC has proven that
 * nothing lies between two names, a later question for a name in that span (or for a type the
 * NSEC's bitmap lacks) is answered NXDOMAIN or NODATA from here, without asking the zone again, as
 * Unbound does by default ({@code aggressive-nsec: yes}). Only NSEC, not NSEC3: hashed spans say
 * nothing about a name without a hash per lookup, and Unbound keeps to NSEC too.
 *
 * <p>Per zone, ranges sorted in canonical order (RFC 4034 section 6.1), so the range covering a
 * name is the one with the greatest owner below it. Each holds until the least of its TTL, the
 * SOA's negative TTL and its signature's validity, on the resolver's ticker. A zone that collects
 * more than {@link #MAX_PER_ZONE} ranges starts over, which bounds the memory a zone walked by a
 * client can take.
 */
public final class NsecRanges {

  /** The most ranges kept for one zone. */
  static final int MAX_PER_ZONE = 1_000;

  /** The most zones with ranges kept. */
  static final int MAX_ZONES = 1_000;

  /**
   * One validated NSEC.
   *
   * @param nsec the NSEC RRset with its RRSIGs, as received
   * @param soa the zone's SOA that came with it (with its RRSIGs), for the synthesized answer
   * @param expiresAtNanos when it stops being usable
   */
  record Range(RRset nsec, RRset soa, long expiresAtNanos) {
    NSECRecord record() {
      return (NSECRecord) nsec.first();
    }
  }

  /**
   * A denial read from the ranges.
   *
   * @param nxdomain whether the name does not exist (else: it has no such type)
   * @param soa the zone's SOA, TTL set to what the denial may be kept for, and its RRSIGs
   * @param proof the NSEC RRsets used, with their RRSIGs
   * @param how which ranges proved it, in words
   */
  public record Synthesized(boolean nxdomain, List<Record> soa, List<Record> proof, String how) {}

  private final Map<Name, ConcurrentSkipListMap<Name, Range>> zones = new ConcurrentHashMap<>();
  private final Ticker ticker;

  /**
   * Empty ranges.
   *
   * @param ticker the resolver's time source
   */
  public NsecRanges(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * Keeps the NSEC RRsets of a denial that validated.
   *
   * @param zone the zone whose keys verified them
   * @param soa the zone's SOA RRset from the denial, with its RRSIGs
   * @param nsecs the verified NSEC RRsets
   * @param ttlSeconds how long the proof holds
   */
  void learn(Name zone, RRset soa, List<RRset> nsecs, long ttlSeconds) {
    if (ttlSeconds <= 0 || nsecs.isEmpty()) {
      return;
    }
    if (zones.size() >= MAX_ZONES && !zones.containsKey(zone)) {
      zones.clear();
    }
    ConcurrentSkipListMap<Name, Range> ranges =
        zones.computeIfAbsent(zone, z -> new ConcurrentSkipListMap<>());
    if (ranges.size() >= MAX_PER_ZONE) {
      ranges.clear();
    }
    long expires = ticker.read() + TimeUnit.SECONDS.toNanos(ttlSeconds);
    for (RRset nsec : nsecs) {
      if (nsec.getName().subdomain(zone)) {
        ranges.put(nsec.getName(), new Range(nsec, soa, expires));
      }
    }
  }

  /**
   * The denial the ranges of {@code zone} prove for {@code name} and {@code type}, if any.
   *
   * @param zone the zone whose trusted keys cover the name
   * @param name the name asked
   * @param type the type asked
   * @return NXDOMAIN (the name and the wildcard at its closest encloser are both covered) or NODATA
   *     (an NSEC at the name lacks the type and CNAME), or empty
   */
  public Optional<Synthesized> deny(Name zone, Name name, int type) {
    ConcurrentSkipListMap<Name, Range> ranges = zones.get(zone);
    if (ranges == null || !name.subdomain(zone)) {
      return Optional.empty();
    }
    long now = ticker.read();
    @Nullable Range at = live(ranges, ranges.get(name), now);
    if (at != null) {
      NSECRecord r = at.record();
      boolean cut = r.hasType(Type.NS) && !r.hasType(Type.SOA);
      if (r.hasType(type) || r.hasType(Type.CNAME) || (cut && type != Type.DS)) {
        return Optional.empty();
      }
      return Optional.of(
          synthesized(
              false, at, List.of(at), "NSEC at " + name + " without " + Type.string(type), now));
    }
    @Nullable Range cover = covering(ranges, name, now);
    if (cover == null) {
      return Optional.empty();
    }
    NSECRecord r = cover.record();
    if (r.getNext().subdomain(name)) {
      return Optional.empty(); // an empty non-terminal: NODATA for any type, but only when asked
    }
    if (name.subdomain(r.getName()) && (r.hasType(Type.DNAME) || r.hasType(Type.NS))) {
      return Optional.empty(); // below a cut or a DNAME: the span says nothing about the name
    }
    Name wildcard = NsecSpan.wildcardAt(NsecSpan.closestEncloser(name, r));
    @Nullable Range wildcardCover = covering(ranges, wildcard, now);
    if (wildcardCover == null) {
      return Optional.empty(); // the wildcard may exist: its expansion would be the answer
    }
    return Optional.of(
        synthesized(
            true,
            cover,
            cover == wildcardCover ? List.of(cover) : List.of(cover, wildcardCover),
            "NSEC "
                + r.getName()
                + " -> "
                + r.getNext()
                + " covers "
                + name
                + ", and no "
                + wildcard,
            now));
  }

  /** Forgets every range (a cache flush). */
  void clear() {
    zones.clear();
  }

  private static @Nullable Range live(Map<Name, Range> ranges, @Nullable Range range, long now) {
    if (range == null) {
      return null;
    }
    if (range.expiresAtNanos() - now <= 0) {
      ranges.remove(range.nsec().getName(), range);
      return null;
    }
    return range;
  }

  private static @Nullable Range covering(
      ConcurrentSkipListMap<Name, Range> ranges, Name name, long now) {
    Map.Entry<Name, Range> below = ranges.lowerEntry(name);
    @Nullable Range candidate = below != null ? below.getValue() : null;
    if (candidate == null && !ranges.isEmpty()) {
      candidate = ranges.lastEntry().getValue(); // the last NSEC wraps to the apex
    }
    @Nullable Range range = live(ranges, candidate, now);
    if (range == null) {
      return null;
    }
    return NsecSpan.covers(range.record(), name) ? range : null;
  }

  private Synthesized synthesized(
      boolean nxdomain, Range first, List<Range> used, String how, long now) {
    long left = TimeUnit.NANOSECONDS.toSeconds(first.expiresAtNanos() - now);
    for (Range r : used) {
      left = Math.min(left, TimeUnit.NANOSECONDS.toSeconds(r.expiresAtNanos() - now));
    }
    SOARecord soa = (SOARecord) first.soa().first();
    long ttl = Math.max(0, Math.min(left, Math.min(soa.getTTL(), soa.getMinimum())));
    List<Record> soaRecords = new ArrayList<>();
    soaRecords.add(withTtl(soa, ttl));
    List<Record> proof = new ArrayList<>(first.soa().sigs());
    for (Range r : used) {
      proof.addAll(r.nsec().rrs(false));
      proof.addAll(r.nsec().sigs());
    }
    return new Synthesized(nxdomain, soaRecords, proof, how);
  }

  private static Record withTtl(Record r, long ttl) {
    return Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical());
  }
}
