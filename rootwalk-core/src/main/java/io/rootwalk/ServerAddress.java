package io.rootwalk;

import java.net.InetAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One address of a name server, with how the resolver learned it: glue in a referral (RFC 9471),
 * the root hints, priming, or a chase of the server's name. The same value describes the glue a
 * referral carried ({@link Outcome.Referral#glue()}), the addresses a cached {@link ZoneCut} knows,
 * and the server an exchange went to ({@link TraceStep.Exchange#server()}).
 *
 * @param nameServer the name server's NS name
 * @param address one IPv4 or IPv6 address of it
 * @param provenance how the address was learned
 * @param cached whether the address was read back from a cached zone cut (perhaps glue learned
 *     lookups ago, still within its TTL) rather than taken from the response just received
 */
public record ServerAddress(
    Name nameServer, InetAddress address, Provenance provenance, boolean cached) {

  /**
   * Checks that every part is present.
   *
   * @param nameServer the NS name
   * @param address the address
   * @param provenance how it was learned
   * @param cached whether it came from the cache
   * @throws NullPointerException if any part is null
   */
  public ServerAddress {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * The same address, marked as read from the cache.
   *
   * @return this address with {@code cached} set
   */
  public ServerAddress asCached() {
    return cached ? this : new ServerAddress(nameServer, address, provenance, true);
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
