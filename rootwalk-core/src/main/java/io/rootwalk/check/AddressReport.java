package io.rootwalk.check;

import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * What one address of a name server did when asked directly.
 *
 * @param address the address
 * @param sources where it came from (glue, a lookup, the zone itself), in that order
 * @param probed whether it was asked at all: addresses of a family the resolver does not use
 *     ({@code ResolverBuilder.ipFamily}), and those beyond {@link CheckOptions#maxAddresses()}, are
 *     listed but not asked
 * @param udp whether any UDP query got a response
 * @param tcp whether the TCP query got a response
 * @param edns whether an EDNS(0) query got a response that did not reject EDNS
 * @param authoritative whether it answered the zone's SOA with AA set
 * @param soaSerial the serial of the SOA it gave authoritatively
 * @param apexNameServers the apex NS set it gave authoritatively, sorted
 * @param apexNsTtl the TTL of that NS RRset
 * @param zoneTransfer what it did with the AXFR request
 */
public record AddressReport(
    InetAddress address,
    Set<AddressSource> sources,
    boolean probed,
    boolean udp,
    boolean tcp,
    boolean edns,
    boolean authoritative,
    OptionalLong soaSerial,
    List<Name> apexNameServers,
    OptionalLong apexNsTtl,
    ZoneTransfer zoneTransfer) {

  /**
   * Copies the collections.
   *
   * @param address the address
   * @param sources where it came from
   * @param probed whether it was asked
   * @param udp whether UDP worked
   * @param tcp whether TCP worked
   * @param edns whether EDNS(0) worked
   * @param authoritative whether it answered the SOA with AA
   * @param soaSerial its SOA serial
   * @param apexNameServers its apex NS set
   * @param apexNsTtl its apex NS TTL
   * @param zoneTransfer what it did with the AXFR request
   * @throws NullPointerException if any part is null
   */
  public AddressReport {
    Objects.requireNonNull(address, "address");
    // In the enum's order, so reports and their JSON read the same run after run.
    EnumSet<AddressSource> ordered = EnumSet.noneOf(AddressSource.class);
    ordered.addAll(sources);
    sources = Collections.unmodifiableSet(ordered);
    Objects.requireNonNull(soaSerial, "soaSerial");
    apexNameServers = List.copyOf(apexNameServers);
    Objects.requireNonNull(apexNsTtl, "apexNsTtl");
    Objects.requireNonNull(zoneTransfer, "zoneTransfer");
  }
}
