package io.rootwalk.inet;

import io.rootwalk.Failure;
import io.rootwalk.HostAddresses;
import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.LookupOptions;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * The JDK's name service, answered by walking from the root: forward lookups through {@link
 * Resolver#resolveHost}, reverse lookups as PTR queries under {@code in-addr.arpa.} or {@code
 * ip6.arpa.}. Every outcome but an address is an {@link UnknownHostException} whose message says
 * which (NXDOMAIN, NODATA, or SERVFAIL with its reason); nothing is handed to the host's resolver
 * on failure.
 *
 * <p>Two kinds of name are not DNS questions and never leave the JVM: {@code localhost} and names
 * under it resolve to the loopback addresses (RFC 6761 section 6.3), and the host's own name
 * ({@link InetAddress#getLocalHost}) goes to the JDK's built-in resolver, which reads it from the
 * system's configuration ({@code /etc/hosts}) as the JDK always has.
 */
final class RootwalkInetResolver implements InetAddressResolver {

  private static final Name LOCALHOST = Name.fromConstantString("localhost.");

  private final Supplier<WalkSetup> setup;
  private final InetAddressResolver builtin;
  private final String localHostName;

  /** One resolver per family policy, all sharing the first one's cache and sockets. */
  private final Map<IpFamilyPolicy, Resolver> byFamily = new EnumMap<>(IpFamilyPolicy.class);

  /**
   * A resolver that walks with what {@code setup} gives.
   *
   * @param setup the walk's resolver, or why there is none; asked at every lookup, built once
   * @param builtin the JDK's own resolver, for the host's own name only
   * @param localHostName the host's own name, as the system configuration gives it
   */
  RootwalkInetResolver(
      Supplier<WalkSetup> setup, InetAddressResolver builtin, String localHostName) {
    this.setup = setup;
    this.builtin = builtin;
    this.localHostName = localHostName;
  }

  @Override
  public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy)
      throws UnknownHostException {
    Resolver base = walker(host);
    if (host.equalsIgnoreCase(localHostName)) {
      return builtin.lookupByName(host, lookupPolicy);
    }
    Name name;
    try {
      name = Question.parseName(host);
    } catch (IllegalArgumentException e) {
      throw new UnknownHostException(host + ": not a DNS name: " + e.getMessage());
    }
    IpFamilyPolicy family = familyFor(lookupPolicy.characteristics());
    if (name.subdomain(LOCALHOST)) {
      return loopback(host, family);
    }
    HostAddresses found = resolver(base, family).resolveHost(name, LookupOptions.defaults());
    if (!found.hasAddresses()) {
      throw new UnknownHostException(host + ": " + why(found.status(), found.failure(), family));
    }
    // Named after the question, as the JDK's own resolver does, so getHostName() needs no PTR.
    List<InetAddress> named = new ArrayList<>();
    for (InetAddress a : found.addresses()) {
      named.add(InetAddress.getByAddress(host, a.getAddress()));
    }
    return named.stream();
  }

  @Override
  public String lookupByAddress(byte[] addr) throws UnknownHostException {
    if (addr.length != 4 && addr.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + addr.length);
    }
    Name reverse = ReverseMap.fromAddress(addr);
    Resolver base = walker(reverse.toString());
    Resolution r = base.lookup(reverse, Type.PTR);
    Optional<String> target =
        r.answers().stream()
            .filter(PTRRecord.class::isInstance)
            .map(rec -> ((PTRRecord) rec).getTarget().toString(true))
            .findFirst();
    if (r.status() != Status.NOERROR || target.isEmpty()) {
      Status status = r.status() == Status.NOERROR ? Status.NODATA : r.status();
      throw new UnknownHostException(
          reverse + ": " + whyNot(status, r.failure().map(Object::toString), "PTR record"));
    }
    return target.get();
  }

  /** The walk's resolver, or the setup's problem as this lookup's failure. */
  private Resolver walker(String asked) throws UnknownHostException {
    WalkSetup s = setup.get();
    if (s instanceof WalkSetup.Unusable unusable) {
      throw new UnknownHostException(
          asked + ": Rootwalk cannot resolve names in this JVM: " + unusable.problem());
    }
    return ((WalkSetup.Ready) s).resolver();
  }

  private synchronized Resolver resolver(Resolver base, IpFamilyPolicy family) {
    return byFamily.computeIfAbsent(family, f -> base.newBuilder().ipFamily(f).build());
  }

  /**
   * The JDK's lookup policy as Rootwalk's: which families to ask for, and which comes first. The
   * JDK always sets at least one of IPV4 and IPV6, and an order flag only with both; with both and
   * neither flag, Rootwalk's own order (RFC 8305 interleaving) applies.
   */
  static IpFamilyPolicy familyFor(int characteristics) {
    boolean v4 = (characteristics & LookupPolicy.IPV4) != 0;
    boolean v6 = (characteristics & LookupPolicy.IPV6) != 0;
    if (v4 && !v6) {
      return IpFamilyPolicy.IPV4_ONLY;
    }
    if (v6 && !v4) {
      return IpFamilyPolicy.IPV6_ONLY;
    }
    if ((characteristics & LookupPolicy.IPV4_FIRST) != 0) {
      return IpFamilyPolicy.PREFER_IPV4;
    }
    if ((characteristics & LookupPolicy.IPV6_FIRST) != 0) {
      return IpFamilyPolicy.PREFER_IPV6;
    }
    return IpFamilyPolicy.ANY;
  }

  private static Stream<InetAddress> loopback(String host, IpFamilyPolicy family)
      throws UnknownHostException {
    InetAddress v4 = InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
    byte[] one = new byte[16];
    one[15] = 1;
    InetAddress v6 = InetAddress.getByAddress(host, one);
    return switch (family) {
      case IPV4_ONLY -> Stream.of(v4);
      case IPV6_ONLY -> Stream.of(v6);
      case PREFER_IPV4 -> Stream.of(v4, v6);
      case PREFER_IPV6, ANY -> Stream.of(v6, v4);
    };
  }

  private static String why(Status status, Optional<Failure> failure, IpFamilyPolicy family) {
    String wanted =
        switch (family) {
          case IPV4_ONLY -> "IPv4 address (A record)";
          case IPV6_ONLY -> "IPv6 address (AAAA record)";
          default -> "address (A or AAAA record)";
        };
    return whyNot(status, failure.map(Object::toString), wanted);
  }

  private static String whyNot(Status status, Optional<String> failure, String wanted) {
    return switch (status) {
      case NXDOMAIN -> "no such name (NXDOMAIN)";
      case NODATA, NOERROR -> "the name has no " + wanted + " (NODATA)";
      case YXDOMAIN -> "a DNAME makes the name too long (YXDOMAIN)";
      case SERVFAIL -> "the lookup failed (SERVFAIL): " + failure.orElse("no reason given");
    };
  }
}
