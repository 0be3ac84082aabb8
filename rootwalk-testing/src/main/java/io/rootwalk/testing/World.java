package io.rootwalk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An immutable description of a small DNS hierarchy: zones (parsed from master-file text) and the
 * servers that serve them. {@link DnsLab#start(World)} turns it into running servers; {@link
 * #writeZoneFiles(Path)} and {@link #namedRoot()} turn it into files other DNS servers can load.
 *
 * <p>Build one with {@link #builder()}, or derive a variant of an existing world (typically {@link
 * DemoWorld#world()}) with {@link #toBuilder()}.
 */
public final class World {

  private final List<ZoneSpec> zones;
  private final List<ServerSpec> servers;

  private World(List<ZoneSpec> zones, List<ServerSpec> servers) {
    this.zones = List.copyOf(zones);
    this.servers = List.copyOf(servers);
  }

  /** A builder for an empty world. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this world's zones and servers, to extend or adjust it. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    zones.forEach(z -> builder.zones.put(z.origin(), z));
    servers.forEach(s -> builder.servers.put(s.name(), s));
    return builder;
  }

  /** Every zone, in the order they were added. */
  public List<ZoneSpec> zones() {
    return zones;
  }

  /** Every server, in the order they were added. */
  public List<ServerSpec> servers() {
    return servers;
  }

  /** The servers that serve the root zone; the ones listed in {@link #namedRoot()}. */
  public List<ServerSpec> rootServers() {
    return servers.stream().filter(s -> s.serves(Name.root)).toList();
  }

  /** The zone with this origin, if the world has one. */
  public Optional<ZoneSpec> zone(Name origin) {
    return zones.stream().filter(z -> z.origin().equals(origin)).findFirst();
  }

  /** The zone with this origin (absolute or relative to the root), if the world has one. */
  public Optional<ZoneSpec> zone(String origin) {
    return zone(Names.absolute(origin, "zone origin"));
  }

  /** The server with this host name, if the world has one. */
  public Optional<ServerSpec> server(Name name) {
    return servers.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The server with this host name (absolute or relative to the root), if the world has one. */
  public Optional<ServerSpec> server(String name) {
    return server(Names.absolute(name, "server name"));
  }

  /**
   * Writes one master file per zone into {@code dir} (created if missing), named as {@link
   * ZoneSpec#fileName()} says, with absolute names so NSD, Knot or BIND can load them unchanged.
   *
   * @return the written files, in zone order
   */
  public List<Path> writeZoneFiles(Path dir) {
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      for (ZoneSpec zone : zones) {
        Path file = dir.resolve(zone.fileName());
        Files.writeString(file, zone.toMasterFile(), StandardCharsets.UTF_8);
        written.add(file);
      }
      return List.copyOf(written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write zone files to " + dir, e);
    }
  }

  /**
   * The root hints for this world in IANA {@code named.root} format: an NS line per root server and
   * an A (or AAAA) line for its address, with the customary 3600000 s TTL. A resolver loading this
   * text walks this world instead of the internet.
   */
  public String namedRoot() {
    StringBuilder text = new StringBuilder();
    text.append(";       Root hints for a rootwalk DnsLab world (named.root format).\n");
    text.append(";       Every address is a loopback address.\n");
    for (ServerSpec server : rootServers()) {
      text.append(String.format("%-28s %-8s %-5s %s%n", ".", "3600000", "NS", server.name()));
      text.append(
          String.format(
              "%-28s %-8s %-5s %s%n",
              server.name(),
              "3600000",
              server.address() instanceof Inet6Address ? "AAAA" : "A",
              server.address().getHostAddress()));
    }
    text.append("; End of file\n");
    return text.toString();
  }

  @Override
  public String toString() {
    return "World[" + zones.size() + " zones, " + servers.size() + " servers]";
  }

  /**
   * Collects zones and servers; a later call for the same zone origin or server name replaces the
   * earlier one, so a derived builder can adjust a world it did not write.
   */
  public static final class Builder {

    /** The TTL given to records that state none when the text has no {@code $TTL} either. */
    public static final long DEFAULT_TTL = 3600;

    private final Map<Name, ZoneSpec> zones = new LinkedHashMap<>();
    private final Map<Name, ServerSpec> servers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds (or replaces) a zone parsed from master-file text. Relative names are relative to {@code
     * origin}; {@code $ORIGIN}, {@code $TTL} and parentheses work as in BIND; records without a TTL
     * get {@link #DEFAULT_TTL}.
     *
     * @throws IllegalArgumentException if the text does not parse (the message names the zone and
     *     the line) or holds a record outside the zone
     */
    public Builder zone(String origin, String zoneText) {
      Name apex = Names.absolute(origin, "zone origin");
      return zone(new ZoneSpec(apex, ZoneText.parse(apex, zoneText, DEFAULT_TTL)));
    }

    /** Adds (or replaces) an already parsed zone. */
    public Builder zone(ZoneSpec zone) {
      zones.put(zone.origin(), zone);
      return this;
    }

    /**
     * Adds records to a zone already in the builder, e.g. delegations for a test's own zones in the
     * demo world's {@code com.}. Parsed like {@link #zone(String, String)}.
     *
     * @throws IllegalArgumentException if the builder has no such zone or the text does not parse
     */
    public Builder extendZone(String origin, String moreRecords) {
      Name apex = Names.absolute(origin, "zone origin");
      ZoneSpec existing = zones.get(apex);
      if (existing == null) {
        throw new IllegalArgumentException(
            "cannot extend zone " + apex + ": the world does not have it");
      }
      List<org.xbill.DNS.Record> records = new ArrayList<>(existing.records());
      records.addAll(ZoneText.parse(apex, moreRecords, DEFAULT_TTL));
      return zone(new ZoneSpec(apex, records));
    }

    /** Removes a zone; servers still naming it make {@link #build()} fail. */
    public Builder withoutZone(String origin) {
      zones.remove(Names.absolute(origin, "zone origin"));
      return this;
    }

    /**
     * Adds (or replaces) a server listening on {@code address} and serving the named zones. A
     * server serving no zones answers REFUSED to everything, like a real lame server.
     *
     * @param serverName host name such as {@code ns1.example.com.}
     * @param address a literal loopback address such as {@code 127.53.10.1} (never looked up)
     * @param zoneOrigins origins of zones added with {@link #zone(String, String)}
     */
    public Builder server(String serverName, String address, String... zoneOrigins) {
      Name name = Names.absolute(serverName, "server name");
      List<Name> served = new ArrayList<>();
      for (String origin : zoneOrigins) {
        served.add(Names.absolute(origin, "zone origin of server " + name));
      }
      servers.put(name, new ServerSpec(name, literalAddress(name, address), served));
      return this;
    }

    /** Removes a server, for instance to make a delegation point nowhere. */
    public Builder withoutServer(String serverName) {
      servers.remove(Names.absolute(serverName, "server name"));
      return this;
    }

    /**
     * Checks the world and freezes it: every zone has an SOA and NS records at its apex, every
     * server's zones exist, and no two servers share an address.
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    public World build() {
      for (ZoneSpec zone : zones.values()) {
        if (zone.rrset(zone.origin(), Type.SOA).size() != 1) {
          throw new IllegalArgumentException(
              "zone " + zone.origin() + " needs exactly one SOA record at its apex");
        }
        if (zone.rrset(zone.origin(), Type.NS).isEmpty()) {
          throw new IllegalArgumentException(
              "zone " + zone.origin() + " has no NS records at its apex");
        }
      }
      Set<InetAddress> addresses = new HashSet<>();
      for (ServerSpec server : servers.values()) {
        if (!addresses.add(server.address())) {
          throw new IllegalArgumentException(
              "server "
                  + server.name()
                  + ": address "
                  + server.address().getHostAddress()
                  + " is already used by another server");
        }
        for (Name origin : server.zones()) {
          if (!zones.containsKey(origin)) {
            throw new IllegalArgumentException(
                "server "
                    + server.name()
                    + " serves zone "
                    + origin
                    + " which the world does not have");
          }
        }
      }
      return new World(new ArrayList<>(zones.values()), new ArrayList<>(servers.values()));
    }

    private static InetAddress literalAddress(Name server, String address) {
      try {
        // Address.getByAddress parses literals only: a typo can never trigger a real DNS lookup.
        return Address.getByAddress(address);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(
            "server " + server + ": '" + address + "' is not an IP address literal", e);
      }
    }
  }

  /** Name parsing shared by the builder and lookups; package-private helper with one job. */
  static final class Names {
    private Names() {}

    static Name absolute(String text, String what) {
      try {
        return Name.fromString(text, Name.root);
      } catch (TextParseException e) {
        throw new IllegalArgumentException(what + " '" + text + "' is not a valid DNS name", e);
      }
    }
  }
}
