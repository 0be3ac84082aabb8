package io.rootwalk;

import java.net.InetAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/** An address for a delegation's name server, as given in a referral's additional section. */
public record Glue(Name nameServer, InetAddress address, Provenance kind) {
  public Glue {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
  }
}
