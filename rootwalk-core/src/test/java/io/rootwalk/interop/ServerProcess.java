package io.rootwalk.interop;

import io.rootwalk.testing.ServerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One running authoritative daemon for one {@link ServerSpec}: started with its output in a log
 * file, known ready once it answers authoritatively for every zone it serves (or REFUSED, for a
 * lame server), and stopped with SIGTERM, then SIGKILL for it and any child it forked.
 */
final class ServerProcess {

  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);
  private static final Duration PROBE_PAUSE = Duration.ofMillis(20);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final ServerSpec server;
  private final Process process;
  private final Path log;
  private final List<String> command;

  private ServerProcess(ServerSpec server, Process process, Path log, List<String> command) {
    this.server = server;
    this.process = process;
    this.log = log;
    this.command = command;
  }

  static ServerProcess start(ServerSpec server, List<String> command, Path dir) {
    Path log = dir.resolve("server.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      return new ServerProcess(server, process, log, command);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  ServerSpec server() {
    return server;
  }

  /**
   * Polls the server until it is ready, the process dies, or {@code within} passes.
   *
   * @throws IllegalStateException with the daemon's log tail if it never got ready
   */
  void awaitReady(int port, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    String lastProblem = "no probe sent";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(describe("exited with status " + process.exitValue()));
      }
      lastProblem = probe(port);
      if (lastProblem == null) {
        return;
      }
      LockSupport.parkNanos(PROBE_PAUSE.toNanos());
    }
    throw new IllegalStateException(
        describe("not ready after " + within.toMillis() + " ms: " + lastProblem));
  }

  /**
   * Null when ready, else why not. A blocking, connected UDP socket rather than dnsjava's
   * SimpleResolver: an ICMP port-unreachable (daemon not bound yet) ends the probe at once, and the
   * timeout is exact.
   */
  private String probe(int port) {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.connect(new InetSocketAddress(server.address(), port));
      socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
      List<Name> zones = server.isLame() ? List.of(Name.root) : server.zones();
      for (Name zone : zones) {
        Message response = exchange(socket, zone);
        if (server.isLame()) {
          return response.getRcode() == Rcode.REFUSED
              ? null
              : "a server without zones answered "
                  + Rcode.string(response.getRcode())
                  + ", not REFUSED";
        }
        if (response.getRcode() != Rcode.NOERROR || !response.getHeader().getFlag(Flags.AA)) {
          return zone
              + " SOA: "
              + Rcode.string(response.getRcode())
              + (response.getHeader().getFlag(Flags.AA) ? "" : " without AA");
        }
      }
      return null;
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static Message exchange(DatagramSocket socket, Name zone) throws IOException {
    Message query = Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    byte[] wire = query.toWire();
    socket.send(new DatagramPacket(wire, wire.length));
    byte[] buffer = new byte[4096];
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      socket.receive(packet);
      Message response = new Message(Arrays.copyOf(buffer, packet.getLength()));
      if (response.getHeader().getID() == query.getHeader().getID()) {
        return response;
      }
    }
  }

  /**
   * Sends SIGTERM to the daemon and returns it with every process it forked (NSD's server and xfrd
   * children), for {@link #awaitGone} to wait on. Signalling every daemon first and waiting
   * afterwards makes stopping a world cost one grace period, not one per server.
   */
  List<ProcessHandle> signalStop() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    all.addAll(process.descendants().toList());
    process.destroy();
    return all;
  }

  /** Stops this daemon alone: SIGTERM, a grace period, then SIGKILL. */
  void stop() {
    awaitGone(signalStop());
  }

  /**
   * Waits until every process is gone; SIGKILLs whatever is left after the grace period. A zombie
   * (exited, not yet reaped by its new parent after the daemon quit) counts as gone.
   */
  static void awaitGone(List<ProcessHandle> processes) {
    if (!waitUntilGone(processes, STOP_GRACE)) {
      processes.stream().filter(h -> !gone(h)).forEach(ProcessHandle::destroyForcibly);
      waitUntilGone(processes, STOP_GRACE);
    }
  }

  private static boolean waitUntilGone(List<ProcessHandle> processes, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (processes.stream().anyMatch(h -> !gone(h))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(PROBE_PAUSE.toNanos());
    }
    return true;
  }

  private static boolean gone(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return true;
    }
    try {
      // /proc/PID/stat: "pid (comm) S ..."; the state follows the last ')'.
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return !handle.isAlive();
    }
  }

  boolean isAlive() {
    return !gone(process.toHandle()) || process.descendants().anyMatch(h -> !gone(h));
  }

  private String describe(String what) {
    InetAddress address = server.address();
    return server.name()
        + " ("
        + address.getHostAddress()
        + ", zones "
        + server.zones()
        + "): `"
        + String.join(" ", command)
        + "` "
        + what
        + "\n--- "
        + log
        + " (last lines) ---\n"
        + logTail();
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
