package io.rootwalk.probe;

import io.rootwalk.TraceStep;
import io.rootwalk.check.Finding;
import io.rootwalk.check.FindingCode;
import io.rootwalk.check.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * The NS sets and the SOA, side by side: parent against child (RFC 1034 section 4.2.2 wants them
 * the same), server against server, serial against serial, and the TTLs that decide how long a move
 * takes.
 */
final class NameServerSetFindings {

  private NameServerSetFindings() {}

  static List<Finding> of(CheckFacts f) {
    List<Finding> out = new ArrayList<>();
    List<Name> parentSet = new TreeSet<>(f.parent().nameServers()).stream().toList();
    Map<List<Name>, List<AddressFacts>> childSets = new LinkedHashMap<>();
    Map<Long, List<AddressFacts>> serials = new LinkedHashMap<>();
    for (AddressFacts a : f.probes().values()) {
      if (!a.apexNameServers().isEmpty()) {
        childSets.computeIfAbsent(a.apexNameServers(), k -> new ArrayList<>()).add(a);
      }
      OptionalLong serial = a.serial();
      if (serial.isPresent()) {
        serials.computeIfAbsent(serial.getAsLong(), k -> new ArrayList<>()).add(a);
      }
    }
    List<Name> childSet =
        childSets.entrySet().stream()
            .max(Comparator.comparingInt(e -> e.getValue().size()))
            .map(Map.Entry::getKey)
            .orElse(List.of());
    if (childSets.size() > 1) {
      out.add(
          Findings.zoneWide(
              FindingCode.NS_INCONSISTENT,
              "the servers disagree on " + f.zone() + "'s apex NS set: " + bySet(childSets),
              nsSteps(childSets)));
    }
    if (!parentSet.isEmpty() && !childSets.isEmpty() && !childSets.containsKey(parentSet)) {
      List<Name> onlyParent = parentSet.stream().filter(n -> !childSet.contains(n)).toList();
      List<Name> onlyChild = childSet.stream().filter(n -> !parentSet.contains(n)).toList();
      List<TraceStep> evidence = new ArrayList<>(f.parent().chosen().orElseThrow().evidence());
      evidence.addAll(nsSteps(childSets));
      out.add(
          Findings.zoneWide(
              FindingCode.NS_PARENT_CHILD_MISMATCH,
              f.parent().parentZone().orElseThrow()
                  + " delegates to "
                  + parentSet
                  + " but the apex lists "
                  + childSet
                  + (onlyParent.isEmpty() ? "" : "; only at the parent: " + onlyParent)
                  + (onlyChild.isEmpty() ? "" : "; only in the zone: " + onlyChild),
              evidence));
    }
    if (serials.size() > 1) {
      out.add(
          Findings.zoneWide(
              FindingCode.SOA_SERIAL_MISMATCH,
              "the servers give different SOA serials: "
                  + serials.entrySet().stream()
                      .map(e -> e.getKey() + " at " + servers(e.getValue()))
                      .collect(Collectors.joining("; "))
                  + " (a secondary that has not transferred the latest version)",
              soaSteps(serials)));
    }
    long threshold = f.options().nsTtlThreshold().toSeconds();
    f.probes().values().stream()
        .filter(a -> a.apexNsTtl().orElse(0) > threshold)
        .max(Comparator.comparingLong(a -> a.apexNsTtl().getAsLong()))
        .ifPresent(
            a ->
                out.add(
                    Findings.zoneWide(
                        FindingCode.NS_TTL_LONG,
                        Severity.WARNING,
                        "the apex NS TTL is "
                            + a.apexNsTtl().getAsLong()
                            + " s at "
                            + servers(List.of(a))
                            + ", above "
                            + threshold
                            + " s: resolvers keep the old servers that long after a move",
                        a.nameServers().orElseThrow().evidence())));
    OptionalLong parentTtl = f.parent().ttl();
    if (parentTtl.isPresent() && parentTtl.getAsLong() > threshold) {
      out.add(
          Findings.zoneWide(
              FindingCode.NS_TTL_LONG,
              Severity.NOTICE,
              f.parent().parentZone().orElseThrow()
                  + "'s delegation NS TTL is "
                  + parentTtl.getAsLong()
                  + " s, above "
                  + threshold
                  + " s: set by the parent's operator, it bounds how fast a move is seen",
              f.parent().chosen().orElseThrow().evidence()));
    }
    if (!parentSet.isEmpty() && parentSet.size() < 2) {
      out.add(
          Findings.zoneWide(
              FindingCode.TOO_FEW_NS,
              f.parent().parentZone().orElseThrow()
                  + " delegates to one server only, "
                  + parentSet.get(0)
                  + " (RFC 1034 section 4.1 and RFC 2182 section 5 ask for two at least)",
              f.parent().chosen().orElseThrow().evidence()));
    } else if (!childSet.isEmpty() && childSet.size() < 2) {
      out.add(
          Findings.zoneWide(
              FindingCode.TOO_FEW_NS,
              "the apex lists one server only, "
                  + childSet.get(0)
                  + " (RFC 1034 section 4.1 and RFC 2182 section 5 ask for two at least)",
              nsSteps(childSets)));
    }
    return out;
  }

  private static String bySet(Map<List<Name>, List<AddressFacts>> sets) {
    return sets.entrySet().stream()
        .map(e -> servers(e.getValue()) + " gives " + e.getKey())
        .collect(Collectors.joining("; "));
  }

  private static String servers(List<AddressFacts> servers) {
    return servers.stream()
        .map(a -> a.server().nameServer() + " (" + a.address().getHostAddress() + ")")
        .collect(Collectors.joining(", "));
  }

  private static List<TraceStep> nsSteps(Map<List<Name>, List<AddressFacts>> sets) {
    return sets.values().stream()
        .flatMap(List::stream)
        .flatMap(a -> a.nameServers().stream())
        .flatMap(p -> p.evidence().stream())
        .toList();
  }

  private static List<TraceStep> soaSteps(Map<Long, List<AddressFacts>> serials) {
    return serials.values().stream()
        .flatMap(List::stream)
        .flatMap(a -> a.bestSoa().stream())
        .flatMap(p -> p.evidence().stream())
        .toList();
  }
}
