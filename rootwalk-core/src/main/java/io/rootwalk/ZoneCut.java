package io.rootwalk;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * A zone cut as the resolver's cache knows it ({@code Resolver.closestZoneCut}): the zone, its name
 * servers, and their known addresses with how each was learned. What a recursive server refers an
 * RD=0 client to, and where a lookup below it would start instead of the root.
 *
 * @param zone the delegated zone
 * @param nameServers the NS names, in referral order
 * @param addresses the addresses known for them (the {@link ServerAddress#provenance()} says where
 *     each came from: glue, priming, the hints, a chase); a name server may have none yet
 * @param ttl the seconds the cut has left in the cache: what remains of the smallest TTL among the
 *     NS RRset and the addresses, as the cache clamped it
 */
public record ZoneCut(Name zone, List<Name> nameServers, List<ServerAddress> addresses, long ttl) {
  /**
   * Copies the lists.
   *
   * @param zone the delegated zone
   * @param nameServers the NS names
   * @param addresses the addresses known for them
   * @param ttl the remaining TTL in seconds
   * @throws NullPointerException if any part is null
   */
  public ZoneCut {
    Objects.requireNonNull(zone, "zone");
    nameServers = List.copyOf(nameServers);
    addresses = List.copyOf(addresses);
  }
}
