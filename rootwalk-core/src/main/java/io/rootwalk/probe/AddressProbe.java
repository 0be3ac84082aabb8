package io.rootwalk.probe;

import io.rootwalk.ServerAddress;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.spi.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The fixed questions a check asks every address of every name server: first the zone's SOA three
 * ways (UDP with EDNS(0), UDP without, TCP), which show whether the server answers at all, over
 * what, and with authority; then, over the best way that worked, the apex NS set, the addresses of
 * the in-zone NS names (for glue), one AXFR over TCP and one RD=1 query for a name outside the
 * zone.
 */
final class AddressProbe {

  private final Name zone;
  private final Name outsideName;
  private final CheckOptions options;
  private final DirectQueries queries;

  /**
   * @param outsideName asked with RD=1: a name outside the zone that the lab and the world can both
   *     resolve (the parent's apex), so only a recursive server answers it without authority
   */
  AddressProbe(Name zone, Name outsideName, CheckOptions options, DirectQueries queries) {
    this.zone = zone;
    this.outsideName = outsideName;
    this.options = options;
    this.queries = queries;
  }

  CompletableFuture<AddressFacts> run(ServerAddress server, Set<Name> inZoneNameServers) {
    CompletableFuture<Probe> udpEdns = ask(server, zone, Type.SOA, Protocol.UDP, true, false);
    CompletableFuture<Probe> udpPlain = ask(server, zone, Type.SOA, Protocol.UDP, false, false);
    CompletableFuture<Probe> tcp = ask(server, zone, Type.SOA, Protocol.TCP, true, false);
    return CompletableFuture.allOf(udpEdns, udpPlain, tcp)
        .thenCompose(
            done -> {
              Probe e = udpEdns.join();
              Probe p = udpPlain.join();
              Probe t = tcp.join();
              Optional<Probe> best =
                  e.usable()
                      ? Optional.of(e)
                      : p.usable()
                          ? Optional.of(p)
                          : t.usable() ? Optional.of(t) : Optional.empty();
              if (best.isEmpty()) {
                AddressFacts silent =
                    new AddressFacts(
                        server,
                        zone,
                        e,
                        p,
                        t,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty());
                return CompletableFuture.completedFuture(silent);
              }
              return rest(server, inZoneNameServers, e, p, t, best.get());
            });
  }

  private CompletableFuture<AddressFacts> rest(
      ServerAddress server,
      Set<Name> inZoneNameServers,
      Probe udpEdns,
      Probe udpPlain,
      Probe tcp,
      Probe best) {
    Protocol protocol = best.protocol();
    boolean edns = best.edns();
    CompletableFuture<Probe> ns = askWhole(server, zone, Type.NS, protocol, edns, false);
    CompletableFuture<Optional<Probe>> transfer =
        options.zoneTransfer()
            ? ask(server, zone, Type.AXFR, Protocol.TCP, false, false).thenApply(Optional::of)
            : CompletableFuture.completedFuture(Optional.empty());
    CompletableFuture<Optional<Probe>> recursion =
        options.recursion()
            ? askWhole(server, outsideName, Type.SOA, protocol, edns, true).thenApply(Optional::of)
            : CompletableFuture.completedFuture(Optional.empty());
    CompletableFuture<List<Probe>> addresses =
        ns.thenCompose(
            nsProbe -> {
              // The in-zone names of both sides: the parent's, and this server's own apex set.
              Set<Name> names = new TreeSet<>(inZoneNameServers);
              AddressFacts partial =
                  new AddressFacts(
                      server,
                      zone,
                      udpEdns,
                      udpPlain,
                      tcp,
                      Optional.of(nsProbe),
                      List.of(),
                      Optional.empty(),
                      Optional.empty());
              partial.apexNameServers().stream().filter(n -> n.subdomain(zone)).forEach(names::add);
              List<CompletableFuture<Probe>> asked = new ArrayList<>();
              for (Name name : names) {
                asked.add(askWhole(server, name, Type.A, protocol, edns, false));
                asked.add(askWhole(server, name, Type.AAAA, protocol, edns, false));
              }
              return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                  .thenApply(v -> asked.stream().map(CompletableFuture::join).toList());
            });
    return CompletableFuture.allOf(ns, transfer, recursion, addresses)
        .thenApply(
            v ->
                new AddressFacts(
                    server,
                    zone,
                    udpEdns,
                    udpPlain,
                    tcp,
                    Optional.of(ns.join()),
                    addresses.join(),
                    transfer.join(),
                    recursion.join()));
  }

  private CompletableFuture<Probe> ask(
      ServerAddress server, Name qname, int qtype, Protocol protocol, boolean edns, boolean rd) {
    return queries.ask(zone, server, qname, qtype, protocol, edns, rd);
  }

  private CompletableFuture<Probe> askWhole(
      ServerAddress server, Name qname, int qtype, Protocol protocol, boolean edns, boolean rd) {
    return queries.askWhole(zone, server, qname, qtype, protocol, edns, rd);
  }
}
