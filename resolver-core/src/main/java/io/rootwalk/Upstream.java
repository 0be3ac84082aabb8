package io.rootwalk;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One name server address as the resolver used it: the server's name, the address and port the
 * query went to, how that address was learned, and whether it came out of the cache.
 *
 * @param name the name server's name
 * @param address where the query went: the address, and the port all upstream queries use
 * @param provenance how the resolver learned the address
 * @param cached whether the address was read back from a cached zone cut (perhaps glue learned
 *     lookups ago, still within its TTL) rather than taken from the response just received
 */
public record Upstream(
    Name name, InetSocketAddress address, Provenance provenance, boolean cached) {
  /**
   * Checks that every part is present.
   *
   * @param name the name server's name
   * @param address the address and port
   * @param provenance how the address was learned
   * @param cached whether it came from the cache
   * @throws NullPointerException if any part is null
   */
  public Upstream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * How the address was known, as the trace shows it.
   *
   * @return the provenance's label, e.g. {@code "in-domain glue"}, with {@code ", cached"} appended
   *     when the address came from the cache
   */
  public String provenanceLabel() {
    return cached ? provenance.label() + ", cached" : provenance.label();
  }
}
