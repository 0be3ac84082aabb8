package io.rootwalk.testing;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One authoritative server of a {@link World}: its host name, the loopback address it listens on
 * and the zones it serves. A server with no zones is a lame server: it answers REFUSED to
 * everything.
 *
 * @param name the server's host name, absolute (for example {@code ns1.example.com.})
 * @param address a loopback address ({@code 127.0.0.0/8} or {@code ::1})
 * @param zones the origins of the zones it serves; may be empty
 */
public record ServerSpec(Name name, InetAddress address, List<Name> zones) {

  public ServerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    zones = List.copyOf(zones);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "server "
              + name
              + ": address "
              + address.getHostAddress()
              + " is not a loopback address; lab servers live in 127.0.0.0/8 or ::1 only");
    }
  }

  /** Whether this server serves the zone with this origin. */
  public boolean serves(Name origin) {
    return zones.contains(origin);
  }

  /** Whether the server serves no zone at all, so every query gets REFUSED. */
  public boolean isLame() {
    return zones.isEmpty();
  }
}
