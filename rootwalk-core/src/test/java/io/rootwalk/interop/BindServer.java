package io.rootwalk.interop;

import io.rootwalk.testing.ServerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * BIND 9 (ISC) as one foreground process per server address: {@code named -g -4 -n 1 -c
 * named.conf}. Authoritative only ({@code recursion no}), no rndc channel, no built-in empty zones,
 * every state file in the server's own directory. With no zones (and no recursion) BIND answers
 * REFUSED. Transfers are refused ({@code allow-transfer { none; }}) except for the zones {@link
 * ZoneTransfers} opens, which get {@code allow-transfer { any; }}.
 *
 * <p>Unlike NSD and Knot, BIND only listens on addresses it finds on a network interface, and Linux
 * routes 127.0.0.0/8 to {@code lo} without listing 127.53.x.y there: {@link #prepareHost} adds the
 * missing ones as {@code /32} aliases on {@code lo} for the duration of the run (see {@link
 * LoopbackAliases}).
 */
final class BindServer implements AuthoritativeImplementation {

  private final ZoneTransfers transfers;

  BindServer() {
    this(ZoneTransfers.refused());
  }

  private BindServer(ZoneTransfers transfers) {
    this.transfers = transfers;
  }

  @Override
  public BindServer withTransfers(ZoneTransfers transfers) {
    return new BindServer(transfers);
  }

  @Override
  public String label() {
    return "bind";
  }

  @Override
  public String binaryName() {
    return "named";
  }

  @Override
  public String debianPackage() {
    return "bind9";
  }

  @Override
  public HostPreparation prepareHost(List<ServerSpec> servers) {
    return LoopbackAliases.ensure(servers.stream().map(ServerSpec::address).toList());
  }

  @Override
  public List<String> configure(
      Path binary, Path dir, ServerSpec server, int port, Map<Name, Path> zoneFiles) {
    StringBuilder conf = new StringBuilder();
    conf.append("options {\n")
        .append("  directory \"")
        .append(dir)
        .append("\";\n")
        .append("  pid-file \"")
        .append(dir.resolve("named.pid"))
        .append("\";\n")
        .append("  session-keyfile \"")
        .append(dir.resolve("session.key"))
        .append("\";\n")
        .append("  managed-keys-directory \"")
        .append(dir)
        .append("\";\n")
        .append("  listen-on port ")
        .append(port)
        .append(" { ")
        .append(server.address().getHostAddress())
        .append("; };\n")
        .append("  listen-on-v6 { none; };\n")
        .append("  recursion no;\n")
        .append("  notify no;\n")
        .append("  dnssec-validation no;\n")
        .append("  allow-transfer { none; };\n")
        .append("  empty-zones-enable no;\n")
        .append("};\n")
        .append("controls { };\n");
    for (Name zone : server.zones()) {
      conf.append("zone \"")
          .append(zone)
          .append("\" { type primary; file \"")
          .append(zoneFiles.get(zone).toAbsolutePath())
          .append("\";")
          .append(transfers.isOpen(server, zone) ? " allow-transfer { any; };" : "")
          .append(" };\n");
    }
    Path file = dir.resolve("named.conf");
    NsdServer.write(file, conf.toString());
    return List.of(binary.toString(), "-g", "-4", "-n", "1", "-c", file.toString());
  }
}
