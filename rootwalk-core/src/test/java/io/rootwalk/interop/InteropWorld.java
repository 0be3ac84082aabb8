package io.rootwalk.interop;

import io.rootwalk.RootHints;
import io.rootwalk.testing.ServerSpec;
import io.rootwalk.testing.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.xbill.DNS.Name;

/**
 * A {@link World} served by real daemons of one {@link AuthoritativeImplementation}: zone files
 * written from the world, one process per server address serving exactly that server's zones, all
 * on one port chosen here. {@link #close()} stops every process it started (a JVM shutdown hook
 * does the same if the run is cut short) and undoes any host preparation.
 */
final class InteropWorld implements AutoCloseable {

  private static final Duration READY_WITHIN = Duration.ofSeconds(20);
  private static final int PORT_ATTEMPTS = 3;
  private static final int PORT_PROBES = 50;

  /** Below Linux's ephemeral range (32768-60999), so client sockets rarely hold these ports. */
  private static final int LOW_PORT = 20000;

  private static final int HIGH_PORT = 32000;

  private final AuthoritativeImplementation implementation;
  private final World world;
  private final Path dir;
  private final int port;
  private final List<ServerProcess> processes;
  private final AuthoritativeImplementation.HostPreparation host;
  private final Thread shutdownHook;
  private final Duration startup;

  private InteropWorld(
      AuthoritativeImplementation implementation,
      World world,
      Path dir,
      int port,
      List<ServerProcess> processes,
      AuthoritativeImplementation.HostPreparation host,
      Duration startup) {
    this.implementation = implementation;
    this.world = world;
    this.dir = dir;
    this.port = port;
    this.processes = processes;
    this.host = host;
    this.startup = startup;
    this.shutdownHook = new Thread(this::stopAll, "interop-stop-" + implementation.label());
  }

  /**
   * Starts one daemon per server of {@code world} and waits until each answers.
   *
   * @throws AuthoritativeImplementation.HostNotReady if the host cannot run this implementation
   * @throws IllegalStateException if a daemon does not start; its log tail is in the message
   */
  static InteropWorld start(AuthoritativeImplementation implementation, Path binary, World world) {
    long began = System.nanoTime();
    Path dir = createTempDir(implementation);
    Map<Name, Path> zoneFiles = new HashMap<>();
    List<Path> written = world.writeZoneFiles(dir.resolve("zones"));
    for (int i = 0; i < written.size(); i++) {
      zoneFiles.put(world.zones().get(i).origin(), written.get(i));
    }
    List<InetAddress> addresses = world.servers().stream().map(ServerSpec::address).toList();
    AuthoritativeImplementation.HostPreparation host = implementation.prepareHost(world.servers());
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int port = freePort(addresses);
      Path attemptDir = dir.resolve("port-" + port);
      List<ServerProcess> started = new ArrayList<>();
      try {
        for (ServerSpec server : world.servers()) {
          Path serverDir = attemptDir.resolve(server.address().getHostAddress());
          Files.createDirectories(serverDir);
          List<String> command =
              implementation.configure(binary, serverDir, server, port, zoneFiles);
          started.add(ServerProcess.start(server, command, serverDir));
        }
        for (ServerProcess process : started) {
          process.awaitReady(port, READY_WITHIN);
        }
        InteropWorld running =
            new InteropWorld(
                implementation,
                world,
                dir,
                port,
                List.copyOf(started),
                host,
                Duration.ofNanos(System.nanoTime() - began));
        Runtime.getRuntime().addShutdownHook(running.shutdownHook);
        return running;
      } catch (IllegalStateException e) {
        stopTogether(started);
        lastFailure = e;
        if (!String.valueOf(e.getMessage()).toLowerCase().contains("in use")) {
          break; // not a lost race for the port: retrying would fail the same way
        }
      } catch (IOException | RuntimeException e) {
        stopTogether(started);
        host.close();
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
    }
    host.close();
    throw lastFailure;
  }

  World world() {
    return world;
  }

  int port() {
    return port;
  }

  /** The world's own root hints: loopback root servers, never the IANA ones. */
  RootHints rootHints() {
    return RootHints.parse(world.namedRoot(), "interop " + implementation.label());
  }

  Duration startup() {
    return startup;
  }

  int processCount() {
    return processes.size();
  }

  /** The last lines of the log of the daemon for this server, for failure messages. */
  String logOf(String serverName) {
    return processes.stream()
        .filter(p -> p.server().name().toString().equals(serverName))
        .map(ServerProcess::logTail)
        .findFirst()
        .orElse("(no such server)");
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run: stopping twice is harmless
    }
    stopAll();
    if (processes.stream().noneMatch(ServerProcess::isAlive)) {
      deleteQuietly(dir);
    }
  }

  private synchronized void stopAll() {
    try {
      stopTogether(processes);
    } finally {
      host.close();
    }
  }

  /** SIGTERM to every daemon at once, then one shared grace period before SIGKILL. */
  private static void stopTogether(List<ServerProcess> processes) {
    List<ProcessHandle> stopping = new ArrayList<>();
    processes.forEach(p -> stopping.addAll(p.signalStop()));
    ServerProcess.awaitGone(stopping);
  }

  private static Path createTempDir(AuthoritativeImplementation implementation) {
    try {
      return Files.createTempDirectory("rootwalk-interop-" + implementation.label() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** A port free for UDP and TCP on every address, tried at random in 20000-32000. */
  private static int freePort(List<InetAddress> addresses) {
    for (int probe = 0; probe < PORT_PROBES; probe++) {
      int port = ThreadLocalRandom.current().nextInt(LOW_PORT, HIGH_PORT);
      if (addresses.stream().allMatch(a -> free(a, port))) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no port in " + LOW_PORT + "-" + HIGH_PORT + " is free on all of " + addresses);
  }

  private static boolean free(InetAddress address, int port) {
    try (ServerSocket tcp = new ServerSocket();
        DatagramSocket udp = new DatagramSocket(null)) {
      tcp.bind(new InetSocketAddress(address, port));
      udp.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory left behind is not worth failing a test run for
    }
  }

  @Override
  public String toString() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("servers", processes.size());
    facts.put("port", port);
    facts.put("startup", startup.toMillis() + " ms");
    facts.put("dir", dir);
    return implementation.label() + " " + facts;
  }
}
