package io.rootwalk.interop;

import io.rootwalk.testing.ServerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Knot DNS (CZ.NIC) as one foreground process per server address: {@code knotd -c knot.conf}. Zones
 * are loaded whole from the world's files and never written back; no journal; the timer database
 * and control socket live in the server's own directory. With no zones Knot answers REFUSED. Knot
 * never recurses, answers over TCP as well as UDP, and turns down (NOTAUTH) an AXFR no ACL allows:
 * only the zones {@link ZoneTransfers} opens get an ACL, for every client.
 */
final class KnotServer implements AuthoritativeImplementation {

  private final ZoneTransfers transfers;

  KnotServer() {
    this(ZoneTransfers.refused());
  }

  private KnotServer(ZoneTransfers transfers) {
    this.transfers = transfers;
  }

  @Override
  public KnotServer withTransfers(ZoneTransfers transfers) {
    return new KnotServer(transfers);
  }

  @Override
  public String label() {
    return "knot";
  }

  @Override
  public String binaryName() {
    return "knotd";
  }

  @Override
  public String debianPackage() {
    return "knot";
  }

  @Override
  public List<String> configure(
      Path binary, Path dir, ServerSpec server, int port, Map<Name, Path> zoneFiles) {
    Path storage = dir.resolve("db");
    try {
      Files.createDirectories(storage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + storage, e);
    }
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("    rundir: \"")
        .append(dir)
        .append("\"\n")
        .append("    pidfile: \"")
        .append(dir.resolve("knot.pid"))
        .append("\"\n")
        .append("    listen: ")
        .append(server.address().getHostAddress())
        .append('@')
        .append(port)
        .append('\n')
        .append("    udp-workers: 1\n")
        .append("    tcp-workers: 1\n")
        .append("    background-workers: 1\n")
        .append("database:\n")
        .append("    storage: \"")
        .append(storage)
        .append("\"\n")
        .append("control:\n")
        .append("    listen: \"")
        .append(dir.resolve("knot.sock"))
        .append("\"\n")
        .append("log:\n")
        .append("  - target: stderr\n")
        .append("    any: info\n")
        .append("template:\n")
        .append("  - id: default\n")
        .append("    zonefile-sync: -1\n")
        .append("    zonefile-load: whole\n")
        .append("    journal-content: none\n")
        // The world's broken.com. has an in-domain NS without glue on purpose.
        .append("    semantic-checks: off\n");
    if (server.zones().stream().anyMatch(zone -> transfers.isOpen(server, zone))) {
      // Knot wants a section defined before a zone refers to it.
      conf.append("acl:\n")
          .append("  - id: transfer-to-anyone\n")
          .append("    address: [0.0.0.0/0, ::/0]\n")
          .append("    action: transfer\n");
    }
    if (!server.zones().isEmpty()) {
      conf.append("zone:\n");
      for (Name zone : server.zones()) {
        conf.append("  - domain: \"")
            .append(zone)
            .append("\"\n")
            .append("    file: \"")
            .append(zoneFiles.get(zone).toAbsolutePath())
            .append("\"\n");
        if (transfers.isOpen(server, zone)) {
          conf.append("    acl: transfer-to-anyone\n");
        }
      }
    }
    Path file = dir.resolve("knot.conf");
    NsdServer.write(file, conf.toString());
    return List.of(binary.toString(), "-c", file.toString());
  }
}
