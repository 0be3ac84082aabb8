package io.rootwalk.probe;

import io.rootwalk.Outcome;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.check.Finding;
import io.rootwalk.check.FindingCode;
import io.rootwalk.check.ServerId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.CNAMERecord;

/**
 * The delegation itself: whether the zone resolves at all, and whether the NS names can be found
 * (glue, stale glue, names without addresses, aliases).
 */
final class DelegationFindings {

  private DelegationFindings() {}

  static List<Finding> of(CheckFacts f) {
    List<Finding> out = new ArrayList<>();
    broken(f).ifPresent(out::add);
    Optional<Probe> referral = f.parent().chosen();
    boolean isReferral = referral.map(p -> p.outcome() instanceof Outcome.Referral).orElse(false);
    for (NameFacts n : f.names()) {
      boolean inZone = n.name.subdomain(f.zone());
      if (isReferral && n.listedByParent && inZone && n.glue().isEmpty()) {
        Probe r = referral.get();
        out.add(
            Findings.about(
                ServerId.named(n.name),
                FindingCode.MISSING_GLUE,
                Findings.named(r)
                    + "'s referral for "
                    + f.zone()
                    + " lists "
                    + n.name
                    + ", inside the zone, without an A or AAAA for it: resolvers cannot reach it"
                    + " without reaching the zone first (RFC 9471 section 2)",
                r.evidence()));
      }
      if (inZone && !n.glue().isEmpty()) {
        staleGlue(f, n, referral.orElseThrow()).forEach(out::add);
      }
      if (n.addresses.isEmpty()) {
        out.add(
            Findings.about(
                ServerId.named(n.name),
                FindingCode.NS_UNRESOLVABLE,
                n.name + " has no address: no glue, and " + lookupsSaid(n),
                steps(n.lookups)));
      }
      for (CNAMERecord alias : n.aliases()) {
        out.add(
            Findings.about(
                ServerId.named(n.name),
                FindingCode.NS_IS_ALIAS,
                n.name
                    + " is a CNAME for "
                    + alias.getTarget()
                    + ": an NS record must name the server's canonical name (RFC 2181 section"
                    + " 10.3)",
                steps(n.lookups)));
      }
    }
    return out;
  }

  /** DELEGATION_BROKEN: no usable delegation at the parent, or the zone's SOA does not resolve. */
  private static Optional<Finding> broken(CheckFacts f) {
    if (f.parent().problem().isPresent()) {
      List<TraceStep> evidence = new ArrayList<>(lastSteps(f.parent().dsLookup()));
      f.parent().referrals().forEach(p -> evidence.addAll(p.evidence()));
      return Optional.of(
          Findings.zoneWide(
              FindingCode.DELEGATION_BROKEN,
              f.zone() + " cannot be resolved: " + f.parent().problem().get(),
              evidence));
    }
    Resolution soa = f.zoneSoa();
    if (soa.status() == Status.SERVFAIL || soa.status() == Status.NXDOMAIN) {
      String why =
          soa.failure().map(x -> x.reason() + ", " + x.detail()).orElse(soa.status().toString());
      return Optional.of(
          Findings.zoneWide(
              FindingCode.DELEGATION_BROKEN,
              "a lookup of "
                  + f.zone()
                  + " SOA from the root ends in "
                  + soa.status()
                  + " ("
                  + why
                  + ")",
              lastSteps(soa)));
    }
    return Optional.empty();
  }

  /**
   * STALE_GLUE: a glue address the zone's own servers do not give for the name. Judged only when
   * some server answered the name's address query with authority (NODATA counts: then no glue
   * matches).
   */
  private static List<Finding> staleGlue(CheckFacts f, NameFacts n, Probe referral) {
    Set<InetAddress> child = new LinkedHashSet<>();
    List<TraceStep> evidence = new ArrayList<>(referral.evidence());
    boolean answered = false;
    for (AddressFacts a : f.probes().values()) {
      List<InetAddress> given = a.childAddresses().get(n.name);
      if (given != null) {
        answered = true;
        child.addAll(given);
        a.inZoneAddresses().stream()
            .filter(p -> p.qname().equals(n.name))
            .forEach(p -> evidence.addAll(p.evidence()));
      }
    }
    if (!answered) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (InetAddress glue : n.glue()) {
      if (!child.contains(glue)) {
        String now =
            child.isEmpty()
                ? "no address at all"
                : child.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        out.add(
            Findings.about(
                ServerId.of(n.name, glue),
                FindingCode.STALE_GLUE,
                Findings.named(referral)
                    + " has glue "
                    + n.name
                    + " "
                    + glue.getHostAddress()
                    + ", but the zone's own servers give it "
                    + now
                    + ": resolvers that follow the glue ask the old address",
                evidence));
      }
    }
    return out;
  }

  private static String lookupsSaid(NameFacts n) {
    if (n.lookups.isEmpty()) {
      return "it was not looked up (beyond the check's maxNameServers)";
    }
    return n.lookups.stream()
        .map(
            r ->
                "the lookup of "
                    + r.question()
                    + " ended in "
                    + r.status()
                    + r.failure().map(x -> " (" + x.reason() + ")").orElse(""))
        .collect(Collectors.joining(", "));
  }

  private static List<TraceStep> steps(List<Resolution> lookups) {
    return lookups.stream().flatMap(r -> r.trace().steps().stream()).toList();
  }

  /** The end of a lookup: its last few steps, which show why it ended as it did. */
  private static List<TraceStep> lastSteps(Resolution r) {
    List<TraceStep> steps = r.trace().steps();
    return steps.subList(Math.max(0, steps.size() - 4), steps.size());
  }
}
