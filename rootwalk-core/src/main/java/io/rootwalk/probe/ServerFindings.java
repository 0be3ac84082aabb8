package io.rootwalk.probe;

import io.rootwalk.Outcome;
import io.rootwalk.TraceStep;
import io.rootwalk.check.Finding;
import io.rootwalk.check.FindingCode;
import io.rootwalk.check.ServerId;
import io.rootwalk.check.ZoneTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Each address on its own: does it answer, over UDP and TCP, with EDNS(0), with authority; does it
 * recurse or hand out the zone to anyone.
 */
final class ServerFindings {

  private ServerFindings() {}

  static List<Finding> of(CheckFacts f) {
    List<Finding> out = new ArrayList<>();
    for (AddressFacts a : f.probes().values()) {
      ServerId id = ServerId.of(a.server().nameServer(), a.address());
      List<TraceStep> soaSteps = new ArrayList<>();
      List.of(a.soaUdpEdns(), a.soaUdpPlain(), a.soaTcp())
          .forEach(p -> soaSteps.addAll(p.evidence()));
      boolean garbled =
          Stream.of(a.soaUdpEdns(), a.soaUdpPlain(), a.soaTcp())
              .anyMatch(p -> p.outcome() instanceof Outcome.Malformed);
      if (!a.reachable() && garbled) {
        // It does answer, with bytes no resolver can use: a broken server, not a missing one.
        out.add(Findings.about(id, FindingCode.LAME_SERVER, threeWays(f, a), soaSteps));
        continue;
      }
      if (!a.reachable()) {
        out.add(Findings.about(id, FindingCode.SERVER_UNREACHABLE, threeWays(f, a), soaSteps));
        continue;
      }
      lameness(f, a)
          .ifPresent(why -> out.add(Findings.about(id, FindingCode.LAME_SERVER, why, soaSteps)));
      if (a.answersUdp() && !a.soaTcp().answered()) {
        Probe udp = a.soaUdpEdns().answered() ? a.soaUdpEdns() : a.soaUdpPlain();
        out.add(
            Findings.about(
                id,
                FindingCode.NO_TCP,
                "SOA "
                    + f.zone()
                    + " over "
                    + udp.how()
                    + ": "
                    + udp.result()
                    + "; over TCP: "
                    + a.soaTcp().result()
                    + " (RFC 7766 section 5: TCP is required)",
                List.of(udp.step().orElseThrow(), a.soaTcp().step().orElseThrow())));
      }
      Probe plain = a.soaUdpPlain();
      Probe edns = a.soaUdpEdns();
      if (plain.answered() && plain.rcode() != Rcode.FORMERR && !edns.usable()) {
        out.add(
            Findings.about(
                id,
                FindingCode.EDNS_BROKEN,
                "SOA "
                    + f.zone()
                    + " over UDP without EDNS: "
                    + plain.result()
                    + "; with EDNS(0): "
                    + edns.result()
                    + ednsWhy(edns),
                List.of(plain.step().orElseThrow(), edns.step().orElseThrow())));
      }
      a.recursion()
          .filter(ServerFindings::recursed)
          .ifPresent(
              p ->
                  out.add(
                      Findings.about(
                          id,
                          FindingCode.OPEN_RECURSION,
                          "SOA "
                              + p.qname()
                              + " (outside "
                              + f.zone()
                              + ") with RD=1 over "
                              + p.how()
                              + ": "
                              + p.result()
                              + ": it resolves names for anyone (RFC 5358)",
                          p.evidence())));
      a.transfer()
          .filter(p -> a.zoneTransfer() == ZoneTransfer.ALLOWED)
          .ifPresent(
              p ->
                  out.add(
                      Findings.about(
                          id,
                          FindingCode.ZONE_TRANSFER_OPEN,
                          "AXFR "
                              + f.zone()
                              + " over TCP from an unknown client: "
                              + p.section(Section.ANSWER).size()
                              + " records handed out (RFC 5936 section 6: limit transfers)",
                          soaSteps)));
    }
    return out;
  }

  /** What the three SOA probes got, for details: "SOA z to a over UDP+EDNS, UDP and TCP: …". */
  private static String threeWays(CheckFacts f, AddressFacts a) {
    return "SOA "
        + f.zone()
        + " to "
        + a.address().getHostAddress()
        + " over UDP+EDNS, UDP and TCP: "
        + a.soaUdpEdns().result()
        + "; "
        + a.soaUdpPlain().result()
        + "; "
        + a.soaTcp().result();
  }

  /** What the EDNS(0) failure costs, by kind. */
  private static String ednsWhy(Probe edns) {
    if (!edns.answered()) {
      return ": resolvers wait for a timeout before they retry without EDNS, on every query"
          + " (DNS Flag Day 2019 stopped retrying)";
    }
    if (edns.rcode() == Rcode.BADVERS) {
      return ": BADVERS to version 0, which every EDNS server speaks (RFC 6891 section 6.1.3)";
    }
    return ": the server speaks no EDNS(0) at all (RFC 6891 section 7), so no large answers over"
        + " UDP, no DNSSEC, no cookies";
  }

  /** Why the server is not a proper server of the zone, judged by its best SOA response. */
  private static Optional<String> lameness(CheckFacts f, AddressFacts a) {
    Optional<Probe> best = a.bestSoa();
    if (best.isEmpty()) {
      return Optional.of("no usable answer: " + threeWays(f, a));
    }
    Probe p = best.get();
    String asked = "SOA " + f.zone() + " over " + p.how() + ": ";
    if (p.outcome() instanceof Outcome.Lame lame) {
      return Optional.of(
          switch (lame.reason()) {
            case REFUSED ->
                asked
                    + "REFUSED: the server does not serve the zone (lame delegation, RFC 1912 section 2.8)";
            case UPWARD_REFERRAL ->
                asked
                    + lame.detail()
                    + ": the server does not serve the zone (RFC 1034 section 5.3.3)";
            case RECURSION_LAME ->
                asked + p.result() + ": a recursive resolver, not a server of the zone";
            default -> asked + p.result() + ": the server cannot answer for the zone";
          });
    }
    if (p.rcode() == Rcode.NXDOMAIN) {
      return Optional.of(asked + p.result() + ": the server denies the zone's own apex");
    }
    if (!p.authoritative()) {
      return Optional.of(
          asked
              + p.result()
              + ": without AA the server does not claim the zone (RFC 1035 section 4.1.1)");
    }
    if (!a.authoritative()) {
      return Optional.of(asked + p.result() + ": an authoritative answer without the zone's SOA");
    }
    return Optional.empty();
  }

  /** An answer from a recursive server: RA set, AA clear, and data or NXDOMAIN for the name. */
  private static boolean recursed(Probe p) {
    boolean data = p.rcode() == Rcode.NOERROR && !p.section(Section.ANSWER).isEmpty();
    return p.flag(Flags.RA) && !p.authoritative() && (data || p.rcode() == Rcode.NXDOMAIN);
  }
}
