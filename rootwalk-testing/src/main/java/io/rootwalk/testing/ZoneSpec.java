package io.rootwalk.testing;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One zone of a {@link World}: its origin and its records in file order, all with absolute owner
 * names. Immutable; records are dnsjava values which are themselves immutable.
 *
 * @param origin the zone apex
 * @param records every record of the zone, the SOA first
 */
public record ZoneSpec(Name origin, List<Record> records) {

  public ZoneSpec {
    Objects.requireNonNull(origin, "origin");
    records = List.copyOf(records);
    for (Record record : records) {
      if (!record.getName().subdomain(origin)) {
        throw new IllegalArgumentException(
            "zone " + origin + ": record " + record + " is outside the zone");
      }
    }
  }

  /** The SOA record at the apex; {@link World.Builder#build()} guarantees there is one. */
  public SOARecord soa() {
    return records.stream()
        .filter(r -> r.getType() == Type.SOA && r.getName().equals(origin))
        .map(SOARecord.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("zone " + origin + " has no SOA at its apex"));
  }

  /** The records of one type at one name, in file order; empty when there are none. */
  public List<Record> rrset(Name name, int type) {
    return records.stream().filter(r -> r.getType() == type && r.getName().equals(name)).toList();
  }

  /**
   * The file name {@link World#writeZoneFiles} uses: {@code root.zone} for the root, otherwise the
   * origin without its final dot plus {@code .zone} (as NSD and BIND configurations usually do).
   */
  public String fileName() {
    return origin.equals(Name.root) ? "root.zone" : origin.toString(true) + ".zone";
  }

  /**
   * The zone as master-file text with absolute names, SOA first, one record a line: loadable by
   * NSD, Knot and BIND as well as by dnsjava.
   */
  public String toMasterFile() {
    StringBuilder text = new StringBuilder();
    text.append("; zone ").append(origin).append(" written by rootwalk DnsLab\n");
    text.append("$ORIGIN ").append(origin).append('\n');
    SOARecord soa = soa();
    text.append(soa).append('\n');
    for (Record record : records) {
      if (record != soa) {
        text.append(record).append('\n');
      }
    }
    return text.toString();
  }
}
