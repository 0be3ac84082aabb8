package io.rootwalk.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Adds loopback addresses to {@code lo} for servers (BIND) that only listen on addresses an
 * interface carries, and removes exactly the ones it added. Linux delivers all of 127.0.0.0/8 to
 * {@code lo} anyway, so a {@code /32} alias changes no routing; it only makes the address visible
 * to BIND's interface scan. Needs root (CAP_NET_ADMIN) and iproute2, unless the aliases exist
 * already (as on macOS, where the README has every lab address aliased on {@code lo0}).
 */
final class LoopbackAliases implements AuthoritativeImplementation.HostPreparation {

  private final List<InetAddress> added;

  private LoopbackAliases(List<InetAddress> added) {
    this.added = List.copyOf(added);
  }

  /**
   * Makes every address appear on an interface.
   *
   * @throws AuthoritativeImplementation.HostNotReady if one is missing and cannot be added
   */
  static AuthoritativeImplementation.HostPreparation ensure(List<InetAddress> addresses) {
    List<InetAddress> missing = new ArrayList<>();
    for (InetAddress address : addresses) {
      if (!onAnInterface(address)) {
        missing.add(address);
      }
    }
    if (missing.isEmpty()) {
      return NOTHING;
    }
    List<InetAddress> added = new ArrayList<>();
    for (InetAddress address : missing) {
      String failure = ip("add", address);
      if (failure != null) {
        new LoopbackAliases(added).close();
        StringBuilder howTo = new StringBuilder();
        missing.forEach(a -> howTo.append(" ").append(a.getHostAddress()));
        throw new AuthoritativeImplementation.HostNotReady(
            "BIND only listens on addresses configured on an interface, and "
                + address.getHostAddress()
                + " is not; adding it failed ("
                + failure
                + "). Run the suite as root, or add the"
                + " aliases first: for a in"
                + howTo
                + "; do sudo ip addr add $a/32 dev lo; done");
      }
      added.add(address);
    }
    return new LoopbackAliases(added);
  }

  @Override
  public void close() {
    for (InetAddress address : added) {
      ip("del", address);
    }
  }

  private static boolean onAnInterface(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  /** Runs {@code ip -4 addr VERB address/32 dev lo}; null on success, else what went wrong. */
  private static String ip(String verb, InetAddress address) {
    List<String> command =
        List.of("ip", "-4", "addr", verb, address.getHostAddress() + "/32", "dev", "lo");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return String.join(" ", command) + " did not finish";
      }
      return process.exitValue() == 0
          ? null
          : String.join(" ", command)
              + ": exit "
              + process.exitValue()
              + ": "
              + new String(output, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return String.join(" ", command) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted running " + command, e));
    }
  }
}
