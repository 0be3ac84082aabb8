package io.rootwalk.interop;

import io.rootwalk.testing.ServerSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.xbill.DNS.Name;

/**
 * A real authoritative DNS server implementation the interop suite can run: it writes a
 * configuration for one {@link ServerSpec} of a world (its address, the shared port and exactly the
 * zones the world gives that address) and says how to start the daemon in the foreground. {@link
 * InteropWorld} does the rest: one process per server address, readiness, shutdown.
 */
interface AuthoritativeImplementation {

  /** A short lower-case label used in display names, e.g. {@code nsd}. */
  String label();

  /** The daemon's executable name, e.g. {@code nsd}, {@code knotd}, {@code named}. */
  String binaryName();

  /** The Debian package that provides {@link #binaryName()}. */
  String debianPackage();

  /**
   * Writes the configuration for one server into {@code dir} (its own, empty directory for pid,
   * state and control files) and returns the command line that runs the daemon in the foreground
   * until it gets SIGTERM.
   *
   * @param binary the resolved executable
   * @param dir the server's private working directory
   * @param server the address and zones to serve; no zones means a lame server (REFUSED)
   * @param port the port to listen on (UDP and TCP)
   * @param zoneFiles the master file of every zone of the world, by origin
   */
  List<String> configure(
      Path binary, Path dir, ServerSpec server, int port, Map<Name, Path> zoneFiles);

  /**
   * This implementation with another transfer policy. By default every daemon refuses AXFR to
   * everyone, as a careful operator configures an authoritative server; a scenario opens a zone on
   * one server to reproduce the mistake {@code ZONE_TRANSFER_OPEN} reports.
   */
  AuthoritativeImplementation withTransfers(ZoneTransfers transfers);

  /**
   * Anything the implementation needs from the host before its processes can start (BIND needs its
   * addresses to exist on an interface); the returned handle undoes it. Empty reason = ready.
   */
  default HostPreparation prepareHost(List<ServerSpec> servers) {
    return HostPreparation.NOTHING;
  }

  /**
   * Where the binary is: the system property {@code rootwalk.interop.LABEL} if set (a path, e.g. to
   * a self-built daemon), else {@code PATH}, then the sbin directories Debian installs into.
   */
  default Optional<Path> findBinary() {
    String override = System.getProperty("rootwalk.interop." + label());
    if (override != null) {
      return Optional.of(Path.of(override)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(
            Stream.of(path.split(File.pathSeparator)).filter(p -> !p.isBlank()),
            Stream.of("/usr/sbin", "/usr/local/sbin", "/sbin"))
        .map(dir -> Path.of(dir, binaryName()))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The message shown when the binary is missing: which one, and how to install it. */
  default String missingMessage() {
    return label()
        + " interop tests need the '"
        + binaryName()
        + "' binary, which is not on PATH"
        + " nor in /usr/sbin: install it with `sudo apt-get install -y "
        + debianPackage()
        + "`"
        + " (Debian/Ubuntu) or point -Drootwalk.interop."
        + label()
        + "=PATH at one"
        + (System.getProperty("rootwalk.interop." + label()) == null
            ? ""
            : " (rootwalk.interop."
                + label()
                + "="
                + System.getProperty("rootwalk.interop." + label())
                + " is not an executable file)");
  }

  /** A host change made for the servers, undone by {@link #close()}. */
  interface HostPreparation extends AutoCloseable {
    HostPreparation NOTHING = () -> {};

    @Override
    void close();
  }

  /** Thrown by {@link #prepareHost} when the host cannot run the servers; skips or fails. */
  final class HostNotReady extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HostNotReady(String message) {
      super(message);
    }
  }
}
