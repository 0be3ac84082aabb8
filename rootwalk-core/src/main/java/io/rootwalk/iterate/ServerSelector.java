package io.rootwalk.iterate;

import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.Question;
import io.rootwalk.ServerAddress;
import io.rootwalk.cache.InfraCache;
import io.rootwalk.delegation.Delegation;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;

/**
 * Picks the next server address of a delegation to ask: never one already tried at this cut, never
 * one the address policy forbids; among the rest, the first server never measured (in delegation
 * order, so every server gets measured and a fresh walk is reproducible), else the lowest smoothed
 * RTT, with an occasional random pick so a server that was slow once is measured again (Unbound's
 * RTT band serves the same end). Servers known to be lame for the zone come last.
 */
final class ServerSelector {

  /** One pick in this many explores a random candidate instead of the fastest. */
  private static final int EXPLORE_ONE_IN = 20;

  private final InfraCache infra;
  private final boolean allowLoopback;
  private final IpFamilyPolicy family;
  private final RandomGenerator random;

  private final boolean explore;

  ServerSelector(
      InfraCache infra,
      boolean allowLoopback,
      IpFamilyPolicy family,
      RandomGenerator random,
      boolean explore) {
    this.infra = infra;
    this.allowLoopback = allowLoopback;
    this.family = family;
    this.random = random;
    this.explore = explore;
  }

  /**
   * Whether the resolver may send a query to {@code address}. Unspecified, multicast and broadcast
   * addresses are never valid servers. Loopback and link-local ones are refused unless allowed: a
   * delegation to 127.0.0.1 learned from the network aims the resolver at services on its own host.
   */
  boolean permitted(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      if ((b[0] & 0xff) == 255
          && (b[1] & 0xff) == 255
          && (b[2] & 0xff) == 255
          && (b[3] & 0xff) == 255) {
        return false;
      }
      if ((b[0] & 0xff) == 0) {
        return false; // "this network", RFC 1122 section 3.2.1.3
      }
    }
    if (address instanceof Inet6Address ? !family.allowsIpv6() : !family.allowsIpv4()) {
      return false;
    }
    if (!allowLoopback && (address.isLoopbackAddress() || address.isLinkLocalAddress())) {
      return false;
    }
    return true;
  }

  Optional<ServerAddress> next(
      Delegation delegation, Collection<InetAddress> tried, Question asking) {
    List<ServerAddress> candidates = new ArrayList<>();
    Set<InetAddress> seen = new HashSet<>();
    for (ServerAddress a : delegation.addresses()) {
      if (!tried.contains(a.address()) && permitted(a.address()) && seen.add(a.address())) {
        candidates.add(a);
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    // The zone's own NS set ranks above the parent's (RFC 2181 section 5.4.1): its servers first.
    List<Name> childSideList = delegation.childNameServers();
    if (!childSideList.isEmpty()) {
      Set<Name> childSide = new HashSet<>(childSideList);
      candidates.sort(Comparator.comparing(c -> childSide.contains(c.nameServer()) ? 0 : 1));
    }
    List<ServerAddress> usable = new ArrayList<>();
    for (ServerAddress a : candidates) {
      if (infra
          .lameReason(a.address(), delegation.zone(), asking.name(), asking.type())
          .isEmpty()) {
        usable.add(a);
      }
    }
    if (usable.isEmpty()) {
      usable = candidates; // all known lame: ask anyway rather than fail without evidence
    }
    if (family == IpFamilyPolicy.PREFER_IPV4 || family == IpFamilyPolicy.PREFER_IPV6) {
      boolean v6First = family == IpFamilyPolicy.PREFER_IPV6;
      List<ServerAddress> preferred = new ArrayList<>();
      for (ServerAddress a : usable) {
        if ((a.address() instanceof Inet6Address) == v6First) {
          preferred.add(a);
        }
      }
      if (!preferred.isEmpty()) {
        usable = preferred;
      }
    }
    ServerAddress best = null;
    long bestRtt = Long.MAX_VALUE;
    for (ServerAddress a : usable) {
      InfraCache.ServerState s = infra.state(a.address());
      if (!s.measured()) {
        return Optional.of(a); // in delegation order, so a fresh resolver's walk is reproducible
      }
      if (s.srttMicros() < bestRtt) {
        bestRtt = s.srttMicros();
        best = a;
      }
    }
    if (explore && usable.size() > 1 && random.nextInt(EXPLORE_ONE_IN) == 0) {
      // Exploration re-measures slow servers, not dead ones: a server in timeout backoff waits
      // until the others fail or its record expires (Unbound's infra-host-ttl does the same).
      List<ServerAddress> explorable = new ArrayList<>();
      for (ServerAddress a : usable) {
        if (infra.state(a.address()).consecutiveTimeouts() == 0) {
          explorable.add(a);
        }
      }
      if (!explorable.isEmpty()) {
        return Optional.of(explorable.get(random.nextInt(explorable.size())));
      }
    }
    return Optional.ofNullable(best);
  }
}
