package io.rootwalk.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Set<Name> existing = new HashSet<>();

  ZoneIndex(ZoneSpec spec) {
    this.origin = spec.origin();
    this.soa = spec.soa();
    for (Record record : spec.records()) {
      nodes
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
