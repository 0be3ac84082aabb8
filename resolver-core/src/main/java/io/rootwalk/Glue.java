package io.rootwalk;

import java.net.InetAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * A name server's address and how it was learned. In an {@link Outcome.Referral} it is glue from
 * the referral's additional section (RFC 9471), which the bailiwick scrubber has already limited to
 * names inside the referring zone; in a {@link ZoneCut} it may also come from the root hints,
 * priming or a chase.
 *
 * @param nameServer the NS name the address belongs to
 * @param address one IPv4 or IPv6 address of it
 * @param kind how the address was learned: in-domain or sibling glue, a hint, priming, a chase
 */
public record Glue(Name nameServer, InetAddress address, Provenance kind) {
  /**
   * Checks that every part is present.
   *
   * @param nameServer the NS name
   * @param address the address
   * @param kind how it was learned
   * @throws NullPointerException if any is null
   */
  public Glue {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
  }
}
