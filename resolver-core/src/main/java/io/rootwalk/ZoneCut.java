package io.rootwalk;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * A zone cut as the resolver's cache knows it: the zone, its name servers, and their known
 * addresses with how each was learned.
 *
 * @param zone the delegated zone
 * @param nameServers the NS names
 * @param addresses the addresses known for them (the {@link Glue#kind()} says where each came
 *     from: glue, priming, a chase)
 * @param ttl the smallest TTL among the NS RRset and addresses, as first learned, in seconds
 */
public record ZoneCut(Name zone, List<Name> nameServers, List<Glue> addresses, long ttl) {
  public ZoneCut {
    Objects.requireNonNull(zone, "zone");
    nameServers = List.copyOf(nameServers);
    addresses = List.copyOf(addresses);
  }
}
