package io.rootwalk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;

/**
 * A running {@link World}: every server bound on its own loopback address, UDP and TCP, all on one
 * shared port, plus a root hints file pointing at the world's root servers. Hand a resolver {@link
 * #rootHintsFile()} and {@link #port()} and it walks this hierarchy instead of the internet.
 *
 * <p>Every query any server receives is recorded ({@link #queries()}, {@link
 * #takeQuery(Duration)}). {@link #close()} stops every thread and socket and deletes the hints
 * file.
 *
 * <pre>{@code
 * try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
 *   lab.server("ns1.example.com.").fault(Fault.drop());
 *   // resolve with RootHints.fromFile(lab.rootHintsFile()) and upstreamPort(lab.port())
 * }
 * }</pre>
 */
public final class DnsLab implements AutoCloseable {

  private final World world;
  private final LabNetwork network;
  private final Map<Name, LabServer> servers;
  private final QueryLog log;
  private final Path rootHintsFile;
  private volatile boolean closed;

  private DnsLab(
      World world, LabNetwork network, Map<Name, LabServer> servers, QueryLog log, Path hints) {
    this.world = world;
    this.network = network;
    this.servers = servers;
    this.log = log;
    this.rootHintsFile = hints;
  }

  /**
   * Starts every server of {@code world} and writes its root hints file.
   *
   * @throws UncheckedIOException if the sockets cannot be bound or the hints file written
   * @throws IllegalArgumentException if the world has no servers
   */
  public static DnsLab start(World world) {
    return start(world, 0);
  }

  /**
   * Starts the lab with every server on {@code port}, for a tool that only speaks to port 53.
   *
   * @param port the port every server listens on; 0 picks a free one, as {@link #start(World)}
   * @throws UncheckedIOException if a server's address and port cannot be bound
   */
  public static DnsLab start(World world, int port) {
    List<InetAddress> addresses = world.servers().stream().map(ServerSpec::address).toList();
    Map<Name, ZoneIndex> zones = new LinkedHashMap<>();
    world.zones().forEach(z -> zones.put(z.origin(), new ZoneIndex(z)));
    LabNetwork network;
    try {
      network = LabNetwork.bind(addresses, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the lab's servers " + addresses, e);
    }
    try {
      QueryLog log = new QueryLog();
      Map<Name, LabServer> servers = new LinkedHashMap<>();
      Map<InetAddress, QueryHandler> byAddress = new LinkedHashMap<>();
      WorldView view =
          new WorldView(
              world.rootServers(), new AuthoritativeAnswerer(List.copyOf(zones.values())));
      for (ServerSpec spec : world.servers()) {
        List<ZoneIndex> served = new ArrayList<>();
        spec.zones().forEach(origin -> served.add(zones.get(origin)));
        LabServer server =
            new LabServer(spec, network.port(), new AuthoritativeAnswerer(served), log, view);
        servers.put(spec.name(), server);
        byAddress.put(spec.address(), server::handle);
      }
      Path hints = Files.createTempFile("dnslab-" + network.port() + "-", ".root");
      Files.writeString(hints, world.namedRoot(), StandardCharsets.US_ASCII);
      network.start(byAddress);
      return new DnsLab(world, network, servers, log, hints);
    } catch (IOException | RuntimeException e) {
      network.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start the lab", io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The one port every server listens on, UDP and TCP. */
  public int port() {
    return port0();
  }

  /**
   * A {@code named.root}-format file listing the world's root servers, deleted by {@link #close()}.
   */
  public Path rootHintsFile() {
    return rootHintsFile;
  }

  /** The world this lab runs. */
  public World world() {
    return world;
  }

  /** Every running server, in world order. */
  public List<LabServer> servers() {
    return List.copyOf(servers.values());
  }

  /** The socket address (address and shared port) of the server with this host name. */
  public InetSocketAddress address(String serverName) {
    return server(serverName).socketAddress();
  }

  /**
   * The server with this host name ({@code "ns1.example.com."}, final dot optional) or address
   * ({@code "127.53.10.1"}).
   *
   * @throws IllegalArgumentException if no server matches
   */
  public LabServer server(String nameOrAddress) {
    return find(nameOrAddress)
        .orElseThrow(
            () ->
                new IllegalArgumentException("no lab server named or at '" + nameOrAddress + "'"));
  }

  /** Every query received so far by any server, in arrival order (a snapshot). */
  public List<RecordedQuery> queries() {
    return log.snapshot();
  }

  /** How many queries the servers have received so far. */
  public int queryCount() {
    return log.size();
  }

  /** The queries received by one server, named by host name or address. */
  public List<RecordedQuery> queriesTo(String serverNameOrAddress) {
    InetAddress address = server(serverNameOrAddress).address();
    return log.matching(q -> q.server().equals(address));
  }

  /** Forgets every recorded query, including those not yet taken. */
  public void clearQueries() {
    log.clear();
  }

  /**
   * The oldest query not yet taken, waiting up to {@code timeout} for one to arrive (like
   * mockwebserver's {@code takeRequest}).
   *
   * @throws AssertionError if none arrives in time, so a test fails with a clear message
   */
  public RecordedQuery takeQuery(Duration timeout) {
    return pollQuery(timeout)
        .orElseThrow(() -> new AssertionError("no query reached the lab within " + timeout));
  }

  /** The oldest query not yet taken, or empty if none arrives within {@code timeout}. */
  public Optional<RecordedQuery> pollQuery(Duration timeout) {
    return log.poll(timeout);
  }

  /** Stops every server and thread, releases the port and deletes the hints file. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    network.close();
    try {
      Files.deleteIfExists(rootHintsFile);
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }

  @Override
  public String toString() {
    return "DnsLab[port " + port0() + ", " + servers.size() + " servers]";
  }

  private int port0() {
    return network.port();
  }

  private Optional<LabServer> find(String nameOrAddress) {
    if (looksLikeAddress(nameOrAddress)) {
      try {
        InetAddress address = Address.getByAddress(nameOrAddress);
        return servers.values().stream().filter(s -> s.address().equals(address)).findFirst();
      } catch (UnknownHostException e) {
        // not a literal after all: try it as a name
      }
    }
    Name name = World.Names.absolute(nameOrAddress, "server name");
    return Optional.ofNullable(servers.get(name));
  }

  private static boolean looksLikeAddress(String text) {
    return text.contains(":") || text.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }
}
