package io.rootwalk.interop;

import io.rootwalk.testing.ServerSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Who may take a zone by AXFR from a server of an interop world. The suite configures its daemons
 * as a careful operator does, so every transfer is refused ({@link #refused()}); a scenario can
 * open one zone on one server to anyone, the mistake {@code ZONE_TRANSFER_OPEN} reports (RFC 5936
 * section 6).
 */
final class ZoneTransfers {

  private static final ZoneTransfers REFUSED = new ZoneTransfers(Set.of());

  /** (server name, zone origin) pairs whose transfer anyone may take. */
  private final Set<List<Name>> open;

  private ZoneTransfers(Set<List<Name>> open) {
    this.open = Set.copyOf(open);
  }

  /** No transfer for anyone: what every daemon of the suite does unless told otherwise. */
  static ZoneTransfers refused() {
    return REFUSED;
  }

  /** These transfers, and {@code zone} handed to anyone who asks {@code server} for it. */
  ZoneTransfers openToAnyone(String server, String zone) {
    Set<List<Name>> more = new HashSet<>(open);
    more.add(List.of(Name.fromConstantString(server), Name.fromConstantString(zone)));
    return new ZoneTransfers(more);
  }

  /** Whether {@code server} hands {@code zone} to any client that asks. */
  boolean isOpen(ServerSpec server, Name zone) {
    return open.contains(List.of(server.name(), zone));
  }

  @Override
  public String toString() {
    return open.isEmpty() ? "transfers refused" : "transfers open to anyone for " + open;
  }
}
