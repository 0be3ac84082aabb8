package io.rootwalk.testing;

import io.rootwalk.testing.dnssec.Denial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A zone's records arranged for answering: RRsets by owner name and type, plus the set of names
 * that exist (own records or have descendants), which is what tells an empty non-terminal (NODATA)
 * from a name that does not exist (NXDOMAIN).
 */
final class ZoneIndex {

  private final Name origin;
  private final SOARecord soa;
  private final Map<Name, Map<Integer, List<Record>>> nodes = new HashMap<>();

  /** RRSIGs by owner and the type they cover, kept apart so that only DO=1 queries see them. */
  private final Map<Name, Map<Integer, List<Record>>> signatures = new HashMap<>();

  /**
   * NSEC3 records by owner: canonical order of hashed owners is hash order, base32hex keeping the
   * order of the bytes it encodes (RFC 4648 section 7).
   */
  private final TreeMap<Name, NSEC3Record> nsec3ByOwner = new TreeMap<>();

  /** NSEC records in canonical order (RFC 4034 section 6.1, which {@link Name} implements). */
  private final TreeMap<Name, Record> nsecByOwner = new TreeMap<>();

  private final Set<Name> existing = new HashSet<>();

  /** Every record in file order, for zone transfers. */
  private final List<Record> records;

  ZoneIndex(ZoneSpec spec) {
    this.origin = spec.origin();
    this.soa = spec.soa();
    this.records = spec.records();
    for (Record record : spec.records()) {
      // getRRsetType() is the covered type for an RRSIG, which is what its map is keyed on.
      Map<Name, Map<Integer, List<Record>>> table =
          record.getType() == Type.RRSIG ? signatures : nodes;
      if (record.getType() == Type.NSEC) {
        nsecByOwner.put(record.getName(), record);
      }
      if (record instanceof NSEC3Record nsec3) {
        nsec3ByOwner.put(nsec3.getName(), nsec3);
      }
      table
          .computeIfAbsent(record.getName(), n -> new LinkedHashMap<>())
          .computeIfAbsent(record.getRRsetType(), t -> new ArrayList<>())
          .add(record);
      for (Name n = record.getName(); n.labels() >= origin.labels(); n = parent(n)) {
        if (!existing.add(n) || n.equals(origin)) {
          break;
        }
      }
    }
    existing.add(origin);
  }

  Name origin() {
    return origin;
  }

  /** The apex SOA as the zone file has it. */
  SOARecord soa() {
    return soa;
  }

  /** Every record of the zone in file order, the SOA, glue and DNSSEC records included. */
  List<Record> records() {
    return records;
  }

  /** Whether {@code name} is at or below this zone's apex (it may still be below a cut). */
  boolean contains(Name name) {
    return name.subdomain(origin);
  }

  /** Whether the name owns records or has descendants that do (an empty non-terminal). */
  boolean exists(Name name) {
    return existing.contains(name);
  }

  /** The RRsets at a name by type, in file order; empty when the name owns nothing. */
  Map<Integer, List<Record>> node(Name name) {
    return nodes.getOrDefault(name, Map.of());
  }

  /** One RRset; empty when absent. */
  List<Record> rrset(Name name, int type) {
    return node(name).getOrDefault(type, List.of());
  }

  /**
   * The RRSIGs at {@code name} covering {@code type}, as the zone file has them; empty for an
   * unsigned zone.
   */
  List<Record> signatures(Name name, int type) {
    return signatures.getOrDefault(name, Map.of()).getOrDefault(type, List.of());
  }

  /**
   * The NSEC record that covers {@code name}, a name the zone does not hold: the one with the
   * greatest owner before it in canonical order, wrapping round to the last; empty when the zone
   * has no NSEC.
   */
  Optional<Record> nsecCovering(Name name) {
    if (nsecByOwner.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<Name, Record> below = nsecByOwner.lowerEntry(name);
    return Optional.of((below != null ? below : nsecByOwner.lastEntry()).getValue());
  }

  /** The zone's NSEC3PARAM (at the apex), if the zone is signed with NSEC3. */
  Optional<NSEC3PARAMRecord> nsec3Param() {
    return rrset(origin, Type.NSEC3PARAM).stream().map(NSEC3PARAMRecord.class::cast).findFirst();
  }

  /**
   * The NSEC3 record whose owner hash matches {@code name}'s hash (RFC 5155 section 7.2.1), if the
   * zone has one.
   */
  Optional<NSEC3Record> nsec3Matching(Name name) {
    return hashedOwner(name).map(nsec3ByOwner::get);
  }

  /**
   * The NSEC3 record whose span covers {@code name}'s hash: the one with the greatest owner hash
   * below it, wrapping round to the last (RFC 5155 section 7.2.1); empty when it is matched, not
   * covered, or the zone has no NSEC3.
   */
  Optional<NSEC3Record> nsec3Covering(Name name) {
    Optional<Name> hashed = hashedOwner(name);
    if (hashed.isEmpty() || nsec3ByOwner.isEmpty() || nsec3ByOwner.containsKey(hashed.get())) {
      return Optional.empty();
    }
    Map.Entry<Name, NSEC3Record> below = nsec3ByOwner.lowerEntry(hashed.get());
    return Optional.of((below != null ? below : nsec3ByOwner.lastEntry()).getValue());
  }

  /** The NSEC3 owner {@code name} hashes to with the zone's NSEC3PARAM, if it has one. */
  private Optional<Name> hashedOwner(Name name) {
    return nsec3Param().map(p -> Denial.hashedOwner(origin, name, p.getIterations(), p.getSalt()));
  }

  /** The A and AAAA records the zone holds for a name, glue below a cut included. */
  List<Record> addresses(Name name) {
    if (!contains(name)) {
      return List.of();
    }
    List<Record> result = new ArrayList<>(rrset(name, Type.A));
    result.addAll(rrset(name, Type.AAAA));
    return result;
  }

  /**
   * The apex SOA with its TTL lowered to the SOA minimum when that is smaller: the TTL RFC 2308
   * section 3 wants on the SOA in negative answers.
   */
  SOARecord negativeSoa() {
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    return new SOARecord(
        soa.getName(),
        soa.getDClass(),
        ttl,
        soa.getHost(),
        soa.getAdmin(),
        soa.getSerial(),
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  static Name parent(Name name) {
    return new Name(name, 1);
  }
}
