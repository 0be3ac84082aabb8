package io.rootwalk.probe;

import io.rootwalk.Resolution;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.WorkSpent;
import io.rootwalk.check.AddressReport;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Finding;
import io.rootwalk.check.NameServerReport;
import io.rootwalk.check.ParentDelegation;
import io.rootwalk.check.ServerId;
import io.rootwalk.check.ZoneTransfer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Turns a check's facts and findings into the public {@link DelegationReport}. */
final class CheckReport {

  private CheckReport() {}

  static DelegationReport of(
      CheckFacts facts,
      List<Finding> findings,
      List<Resolution> lookups,
      DirectQueries queries,
      Duration elapsed) {
    return new DelegationReport(
        facts.zone(),
        parent(facts.parent()),
        servers(facts),
        findings,
        trace(lookups, queries, elapsed));
  }

  private static Optional<ParentDelegation> parent(ParentFacts p) {
    return p.chosen()
        .map(
            chosen ->
                new ParentDelegation(
                    p.parentZone().orElseThrow(),
                    p.nameServers(),
                    p.ttl().orElse(0),
                    p.glue(),
                    ServerId.of(chosen.server().nameServer(), chosen.server().address()),
                    p.servers().stream()
                        .map(s -> ServerId.of(s.nameServer(), s.address()))
                        .toList()));
  }

  private static List<NameServerReport> servers(CheckFacts facts) {
    List<NameServerReport> out = new ArrayList<>();
    // Parent-listed names first, then the zone's own; canonical order within each, since servers
    // such as BIND rotate the NS set and a report should read the same run after run.
    List<NameFacts> ordered =
        facts.names().stream()
            .sorted(
                java.util.Comparator.comparing((NameFacts n) -> !n.listedByParent)
                    .thenComparing(n -> n.name))
            .toList();
    for (NameFacts n : ordered) {
      List<AddressReport> addresses = new ArrayList<>();
      for (Map.Entry<InetAddress, Set<io.rootwalk.check.AddressSource>> e :
          n.addresses.entrySet()) {
        AddressFacts a = facts.probes().get(e.getKey());
        addresses.add(a == null ? unasked(e.getKey(), e.getValue()) : asked(a, e.getValue()));
      }
      out.add(new NameServerReport(n.name, n.listedByParent, n.listedByChild, addresses));
    }
    return out;
  }

  private static AddressReport asked(AddressFacts a, Set<io.rootwalk.check.AddressSource> sources) {
    boolean edns = a.soaUdpEdns().usable() || a.soaTcp().usable();
    return new AddressReport(
        a.address(),
        sources,
        true,
        a.answersUdp(),
        a.soaTcp().answered(),
        edns,
        a.authoritative(),
        a.serial(),
        a.apexNameServers(),
        a.apexNsTtl(),
        a.zoneTransfer());
  }

  private static AddressReport unasked(
      InetAddress address, Set<io.rootwalk.check.AddressSource> sources) {
    return new AddressReport(
        address,
        sources,
        false,
        false,
        false,
        false,
        false,
        OptionalLong.empty(),
        List.of(),
        OptionalLong.empty(),
        ZoneTransfer.NOT_TRIED);
  }

  /** The lookups' steps in the order they were made, then every direct query's. */
  private static Trace trace(List<Resolution> lookups, DirectQueries queries, Duration elapsed) {
    List<TraceStep> steps = new ArrayList<>();
    int upstream = queries.sent();
    int aliasHops = 0;
    int chases = 0;
    int depth = 0;
    int nxdomains = 0;
    for (Resolution r : lookups) {
      steps.addAll(r.trace().steps());
      WorkSpent s = r.trace().spent();
      upstream += r.trace().upstreamQueries();
      aliasHops += s.aliasHops();
      chases += s.nameServerChases();
      depth = Math.max(depth, s.maxChaseDepth());
      nxdomains += s.nameServerNxdomains();
    }
    steps.addAll(queries.steps());
    return new Trace(
        steps, upstream, elapsed, new WorkSpent(upstream, aliasHops, chases, depth, nxdomains));
  }
}
