package io.rootwalk;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One name server address as the resolver used it: the server's name, the address and port the
 * query went to, how that address was learned, and whether it came out of the cache.
 */
public record Upstream(Name name, InetSocketAddress address, Provenance provenance, boolean cached) {
  public Upstream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(provenance, "provenance");
  }

  /** {@code "in-domain glue"}, or {@code "in-domain glue, cached"}. */
  public String provenanceLabel() {
    return cached ? provenance.label() + ", cached" : provenance.label();
  }
}
