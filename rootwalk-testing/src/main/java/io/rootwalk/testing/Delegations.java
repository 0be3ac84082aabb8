package io.rootwalk.testing;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * Builds a world of one root server, one TLD and delegations under it, writing each delegation's
 * two sides from lists of name servers: the TLD's NS records and glue, and the child zone's apex NS
 * and A records. The glue and the child's addresses come from separate lists, so a world can get
 * them wrong on purpose ({@link DelegationMistakes}). Addresses are written only for names inside
 * the delegated zone: a name elsewhere is never glued.
 */
final class Delegations {

  /**
   * A name server as one side of a delegation lists it.
   *
   * @param name absolute host name
   * @param address the glue (parent side) or A record (child side), or null for none
   */
  record Ns(String name, @Nullable String address) {
    Ns withoutAddress() {
      return new Ns(name, null);
    }
  }

  private final World.Builder world = World.builder();
  private final StringBuilder tld = new StringBuilder();
  private final long ttl;
  private final long serial;

  /**
   * @param ttl the TTL of every record whose TTL is not given
   * @param serial every zone's SOA serial
   */
  Delegations(long ttl, long serial) {
    this.ttl = ttl;
    this.serial = serial;
  }

  /**
   * Adds a child zone and its delegation in the TLD: {@code parent} gives the TLD's NS records (TTL
   * {@code parentTtl}) and glue, {@code child} the apex NS records (TTL {@code apexTtl}) and A
   * records; the child's SOA names its first NS. {@code extra} is more zone text for the child.
   */
  Delegations zone(
      String zone, long parentTtl, long apexTtl, List<Ns> parent, List<Ns> child, String extra) {
    for (Ns ns : parent) {
      tld.append(zone).append(' ').append(parentTtl).append(" NS ").append(ns.name()).append('\n');
    }
    addresses(tld, zone, parent);
    StringBuilder text = new StringBuilder("$TTL " + ttl + "\n");
    text.append("@ SOA ").append(child.get(0).name()).append(" hostmaster.").append(zone);
    text.append(' ').append(serial).append(" 7200 3600 1209600 300\n");
    for (Ns ns : child) {
      text.append("@ ").append(apexTtl).append(" NS ").append(ns.name()).append('\n');
    }
    addresses(text, zone, child);
    world.zone(zone, text.append(extra).toString());
    return this;
  }

  /** Lab servers serving {@code zone}, one per name at its address. */
  Delegations servers(String zone, Ns... servers) {
    for (Ns ns : servers) {
      world.server(ns.name(), Objects.requireNonNull(ns.address(), ns.name()), zone);
    }
    return this;
  }

  /** Replaces a server by one that serves nothing, so it REFUSES every query. */
  Delegations lame(String name, String address) {
    world.server(name, address);
    return this;
  }

  /** Removes a server: nothing listens at its address. */
  Delegations withoutServer(String name) {
    world.withoutServer(name);
    return this;
  }

  /**
   * The world: the root zone on {@code root} delegating {@code tldZone} to {@code tldServers} with
   * glue, the TLD zone holding every delegation added, and the addresses of all those servers.
   */
  World build(Ns root, String tldZone, List<Ns> tldServers) {
    StringBuilder glue = new StringBuilder();
    StringBuilder tldNs = new StringBuilder();
    for (Ns ns : tldServers) {
      tldNs.append(" NS ").append(ns.name()).append('\n');
      glue.append(ns.name()).append(" A ").append(ns.address()).append('\n');
    }
    glue.append(root.name()).append(" A ").append(root.address()).append('\n');
    String soa = " hostmaster." + tldZone + " " + serial + " 1800 900 604800 ";
    world.zone(
        ".",
        "$TTL "
            + ttl
            + "\n@ SOA "
            + root.name()
            + soa
            + "86400\n@ NS "
            + root.name()
            + "\n"
            + tldNs.toString().replace(" NS ", tldZone + " NS ")
            + glue);
    world.zone(
        tldZone,
        "$TTL "
            + ttl
            + "\n@ SOA "
            + tldServers.get(0).name()
            + soa
            + "300\n"
            + tldNs.toString().replace(" NS ", "@ NS ")
            + glue
            + tld);
    world.server(root.name(), Objects.requireNonNull(root.address(), "root"), ".");
    servers(tldZone, tldServers.toArray(Ns[]::new));
    return world.build();
  }

  private void addresses(StringBuilder text, String zone, List<Ns> servers) {
    Name apex = Name.fromConstantString(zone);
    for (Ns ns : servers) {
      if (ns.address() != null && Name.fromConstantString(ns.name()).subdomain(apex)) {
        text.append(ns.name()).append(' ').append(ttl).append(" A ").append(ns.address());
        text.append('\n');
      }
    }
  }
}
