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
 * NSD (NLnet Labs) as one foreground process per server address: {@code nsd -d -c nsd.conf}. No
 * zone database, no privilege drop, no chroot, no remote control; every state file in the server's
 * own directory. With no zones NSD answers REFUSED, as a lame server should. NSD never recurses,
 * answers over TCP as well as UDP, and REFUSES an AXFR unless the zone has a {@code provide-xfr}:
 * only the zones {@link ZoneTransfers} opens get one, for every client.
 */
final class NsdServer implements AuthoritativeImplementation {

  private final ZoneTransfers transfers;

  NsdServer() {
    this(ZoneTransfers.refused());
  }

  private NsdServer(ZoneTransfers transfers) {
    this.transfers = transfers;
  }

  @Override
  public NsdServer withTransfers(ZoneTransfers transfers) {
    return new NsdServer(transfers);
  }

  @Override
  public String label() {
    return "nsd";
  }

  @Override
  public String binaryName() {
    return "nsd";
  }

  @Override
  public String debianPackage() {
    return "nsd";
  }

  @Override
  public List<String> configure(
      Path binary, Path dir, ServerSpec server, int port, Map<Name, Path> zoneFiles) {
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("  ip-address: ")
        .append(server.address().getHostAddress())
        .append('\n')
        .append("  port: ")
        .append(port)
        .append('\n')
        .append("  do-ip6: no\n")
        .append("  reuseport: no\n")
        .append("  server-count: 1\n")
        .append("  verbosity: 1\n")
        .append("  username: \"\"\n")
        .append("  chroot: \"\"\n")
        .append("  database: \"\"\n")
        .append("  zonesdir: ")
        .append(quoted(dir))
        .append('\n')
        .append("  pidfile: ")
        .append(quoted(dir.resolve("nsd.pid")))
        .append('\n')
        .append("  zonelistfile: ")
        .append(quoted(dir.resolve("zone.list")))
        .append('\n')
        .append("  xfrdfile: ")
        .append(quoted(dir.resolve("xfrd.state")))
        .append('\n')
        .append("  xfrdir: ")
        .append(quoted(dir))
        .append('\n')
        .append("remote-control:\n")
        .append("  control-enable: no\n");
    for (Name zone : server.zones()) {
      conf.append("zone:\n")
          .append("  name: \"")
          .append(zone)
          .append("\"\n")
          .append("  zonefile: ")
          .append(quoted(zoneFiles.get(zone)))
          .append('\n');
      if (transfers.isOpen(server, zone)) {
        conf.append("  provide-xfr: 0.0.0.0/0 NOKEY\n").append("  provide-xfr: ::0/0 NOKEY\n");
      }
    }
    Path file = dir.resolve("nsd.conf");
    write(file, conf.toString());
    return List.of(binary.toString(), "-d", "-c", file.toString());
  }

  private static String quoted(Path path) {
    return "\"" + path.toAbsolutePath() + "\"";
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
