package io.rootwalk.probe;

import io.rootwalk.check.Finding;
import io.rootwalk.check.FindingCode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * Where the servers are and what reaching them takes: shared addresses, one network for all, and a
 * referral too big for a plain 512-byte UDP response.
 */
final class TopologyFindings {

  /** RFC 1035 section 4.2.1: the most a UDP response without EDNS(0) may carry. */
  private static final int PLAIN_UDP_LIMIT = 512;

  private TopologyFindings() {}

  static List<Finding> of(CheckFacts f) {
    List<Finding> out = new ArrayList<>();
    Map<InetAddress, List<Name>> owners = new LinkedHashMap<>();
    for (NameFacts n : f.names()) {
      n.addresses
          .keySet()
          .forEach(a -> owners.computeIfAbsent(a, k -> new ArrayList<>()).add(n.name));
    }
    owners.forEach(
        (address, names) -> {
          if (names.size() > 1) {
            out.add(
                Findings.zoneWide(
                    FindingCode.SHARED_ADDRESS,
                    names.stream().map(Name::toString).collect(Collectors.joining(" and "))
                        + " share the address "
                        + address.getHostAddress()
                        + ": one server, not "
                        + names.size()
                        + " (RFC 2182 section 3.1)",
                    List.of()));
          }
        });
    singleNetwork(owners.keySet()).ifPresent(out::add);
    referralSize(f).ifPresent(out::add);
    return out;
  }

  private static Optional<Finding> singleNetwork(Set<InetAddress> addresses) {
    if (addresses.size() < 2) {
      return Optional.empty();
    }
    Set<String> networks = new LinkedHashSet<>();
    for (InetAddress a : addresses) {
      networks.add(network(a));
    }
    long families = addresses.stream().map(a -> a instanceof Inet4Address).distinct().count();
    if (networks.size() > families) {
      return Optional.empty();
    }
    return Optional.of(
        Findings.zoneWide(
            FindingCode.SINGLE_NETWORK,
            "every address is in "
                + String.join(" and ", networks)
                + ": one outage or one route leak there takes every server (RFC 2182 section 3.1)",
            List.of()));
  }

  /** The /24 of an IPv4 address or the /48 of an IPv6 one, as a prefix. */
  private static String network(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
    }
    return String.format("%x:%x:%x::/48", word(b, 0), word(b, 2), word(b, 4));
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  /**
   * REFERRAL_TOO_LARGE: the referral the parent sent with EDNS(0), less its OPT record, is over 512
   * bytes, or the same query without EDNS came back truncated.
   */
  private static Optional<Finding> referralSize(CheckFacts f) {
    Optional<Probe> chosen = f.parent().chosen();
    if (chosen.isEmpty() || chosen.get().response().isEmpty()) {
      return Optional.empty();
    }
    Message referral = chosen.get().response().get().clone();
    OPTRecord opt = referral.getOPT();
    if (opt != null) {
      referral.removeRecord(opt, Section.ADDITIONAL);
    }
    int size = referral.toWire().length;
    Optional<Probe> plain = f.parent().plainReferral();
    boolean truncated = plain.map(p -> p.flag(Flags.TC)).orElse(false);
    if (size <= PLAIN_UDP_LIMIT && !truncated) {
      return Optional.empty();
    }
    List<io.rootwalk.TraceStep> evidence = new ArrayList<>(chosen.get().evidence());
    plain.ifPresent(p -> evidence.addAll(p.evidence()));
    return Optional.of(
        Findings.zoneWide(
            FindingCode.REFERRAL_TOO_LARGE,
            Findings.named(chosen.get())
                + "'s referral for "
                + f.zone()
                + " is "
                + size
                + " bytes without EDNS, over the 512 of plain UDP"
                + (truncated ? "; asked without EDNS it came back truncated (TC=1)" : "")
                + ": clients without EDNS need TCP to follow it (RFC 9471 section 3)",
            evidence));
  }
}
