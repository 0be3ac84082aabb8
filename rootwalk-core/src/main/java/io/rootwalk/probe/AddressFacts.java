package io.rootwalk.probe;

import io.rootwalk.ServerAddress;
import io.rootwalk.check.ZoneTransfer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * What one address of a name server said to every direct query of the check.
 *
 * @param server the address, with the NS name it was asked as
 * @param zone the zone checked
 * @param soaUdpEdns the zone's SOA over UDP with EDNS(0)
 * @param soaUdpPlain the zone's SOA over UDP without EDNS
 * @param soaTcp the zone's SOA over TCP
 * @param nameServers the apex NS query, over the best transport that worked; empty if none did
 * @param inZoneAddresses A and AAAA queries for the in-zone NS names
 * @param transfer the AXFR attempt over TCP, when tried
 * @param recursion the RD=1 query for a name outside the zone, when tried
 */
record AddressFacts(
    ServerAddress server,
    Name zone,
    Probe soaUdpEdns,
    Probe soaUdpPlain,
    Probe soaTcp,
    Optional<Probe> nameServers,
    List<Probe> inZoneAddresses,
    Optional<Probe> transfer,
    Optional<Probe> recursion) {

  InetAddress address() {
    return server.address();
  }

  /** What the AXFR attempt showed. */
  ZoneTransfer zoneTransfer() {
    if (transfer.isEmpty()) {
      return ZoneTransfer.NOT_TRIED;
    }
    Probe p = transfer.get();
    if (!p.answered()) {
      return ZoneTransfer.NO_ANSWER;
    }
    List<Record> answer = p.section(org.xbill.DNS.Section.ANSWER);
    boolean zone =
        p.rcode() == Rcode.NOERROR
            && !answer.isEmpty()
            && answer.get(0) instanceof SOARecord
            && answer.get(0).getName().equals(this.zone);
    return zone ? ZoneTransfer.ALLOWED : ZoneTransfer.REFUSED;
  }

  /** Whether anything came back to any SOA query, even an error. */
  boolean reachable() {
    return soaUdpEdns.answered() || soaUdpPlain.answered() || soaTcp.answered();
  }

  boolean answersUdp() {
    return soaUdpEdns.answered() || soaUdpPlain.answered();
  }

  /** The SOA response the server's standing is judged by: EDNS over UDP, then plain, then TCP. */
  Optional<Probe> bestSoa() {
    return Stream.of(soaUdpEdns, soaUdpPlain, soaTcp).filter(Probe::usable).findFirst();
  }

  /** Whether it answered the zone's SOA with AA set, as a server of the zone must. */
  boolean authoritative() {
    return bestSoa()
        .map(p -> p.rcode() == Rcode.NOERROR && p.authoritative() && !soaRecords(p).isEmpty())
        .orElse(false);
  }

  private List<Record> soaRecords(Probe p) {
    return p.answers(zone, Type.SOA);
  }

  OptionalLong serial() {
    if (!authoritative()) {
      return OptionalLong.empty();
    }
    List<Record> soa = soaRecords(bestSoa().orElseThrow());
    return OptionalLong.of(((SOARecord) soa.get(0)).getSerial());
  }

  /** The apex NS set it gave authoritatively, sorted; empty if it gave none. */
  List<Name> apexNameServers() {
    return authoritativeNs().stream()
        .map(r -> ((NSRecord) r).getTarget())
        .distinct()
        .sorted()
        .toList();
  }

  OptionalLong apexNsTtl() {
    List<Record> ns = authoritativeNs();
    return ns.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ns.get(0).getTTL());
  }

  private List<Record> authoritativeNs() {
    return nameServers
        .filter(p -> p.rcode() == Rcode.NOERROR && p.authoritative())
        .map(p -> p.answers(zone, Type.NS))
        .orElse(List.of());
  }

  /**
   * For each in-zone NS name this server answered authoritatively (an address or NODATA), the
   * addresses it gave; names it did not answer for are absent.
   */
  Map<Name, List<InetAddress>> childAddresses() {
    Map<Name, List<InetAddress>> byName = new LinkedHashMap<>();
    for (Probe p : inZoneAddresses) {
      if (!p.authoritative() || p.rcode() != Rcode.NOERROR && p.rcode() != Rcode.NXDOMAIN) {
        continue;
      }
      List<InetAddress> found = byName.computeIfAbsent(p.qname(), n -> new ArrayList<>());
      Glue.addressesOf(p.qname(), p.section(org.xbill.DNS.Section.ANSWER)).forEach(found::add);
    }
    return byName;
  }
}
