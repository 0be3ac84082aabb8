package io.rootwalk.delegation;

import io.rootwalk.Provenance;
import java.net.InetAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One address of one of a delegation's name servers, with how it was learned and whether it was
 * read back from the cache.
 */
public record ServerAddress(
    Name nameServer, InetAddress address, Provenance provenance, boolean cached) {
  public ServerAddress {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(provenance, "provenance");
  }

  public ServerAddress asCached() {
    return cached ? this : new ServerAddress(nameServer, address, provenance, true);
  }
}
