package io.rootwalk;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The addresses of a host: what {@link Resolver#resolveHost} found for a name's A and AAAA records
 * together, the one call an adapter needs (a JDK {@code InetAddressResolver}, an HTTP client's DNS
 * hook). Both underlying {@link Resolution}s are kept, traces and all.
 *
 * <h2>Order</h2>
 *
 * <p>The resolver's {@link IpFamilyPolicy} ({@link ResolverBuilder#ipFamily}) decides which
 * families are asked for and how they are merged. Within a family the addresses keep the order of
 * the answer: the resolver neither sorts nor shuffles (a server's rotation is the server's to do).
 *
 * <ul>
 *   <li>{@link IpFamilyPolicy#ANY} (the default): the families interleaved, IPv6 first (IPv6, IPv4,
 *       IPv6, IPv4, …, then the rest of the longer list). RFC 6724's default policy table gives
 *       IPv6 a higher precedence than IPv4 (section 6, rule 6; section 10.3), and Happy Eyeballs v2
 *       (RFC 8305 section 4) asks a client to interleave the families after that sort, so that the
 *       first IPv4 address comes second and a broken IPv6 path costs one attempt, not one per IPv6
 *       address. A client that tries the list in order gets that effect; one that races connections
 *       gets the list RFC 8305 would build. The JDK's own default is different: with {@code
 *       java.net.preferIPv6Addresses=false} {@link InetAddress#getAllByName} puts every IPv4
 *       address first, for backward compatibility. An adapter that must reproduce that builds its
 *       resolver with {@link IpFamilyPolicy#PREFER_IPV4}. Without the host's source addresses the
 *       resolver cannot apply RFC 6724's other rules; a caller that has them re-sorts.
 *   <li>{@link IpFamilyPolicy#PREFER_IPV6}: every IPv6 address, then every IPv4 one.
 *   <li>{@link IpFamilyPolicy#PREFER_IPV4}: every IPv4 address, then every IPv6 one.
 *   <li>{@link IpFamilyPolicy#IPV4_ONLY}, {@link IpFamilyPolicy#IPV6_ONLY}: that family only; the
 *       other record type is not asked for at all, so {@link #ipv6()} or {@link #ipv4()} is empty.
 * </ul>
 *
 * <h2>Outcome</h2>
 *
 * <ul>
 *   <li>Any address from either lookup: {@link Status#NOERROR}, even when the other lookup failed
 *       (its {@link Resolution} says how). A host with one working family is reachable.
 *   <li>No address, and either lookup says the name does not exist: {@link Status#NXDOMAIN}
 *       (existence does not depend on the type, RFC 8020); likewise {@link Status#YXDOMAIN} for a
 *       DNAME that overflows the name (RFC 6672 section 2.2).
 *   <li>No address, and either lookup failed: {@link Status#SERVFAIL}, with that lookup's {@link
 *       Failure} (the preferred family's when both failed: IPv6 first under {@code ANY}, as above).
 *   <li>Otherwise (both NODATA): {@link Status#NODATA}: the name exists but has no address.
 * </ul>
 *
 * @param name the name asked about
 * @param status how it ended, by the rules above
 * @param canonicalName the end of the alias chain: the owner of the addresses (the preferred
 *     family's when the lookups disagree), or the name a negative answer or failure is about; the
 *     asked name when there is no CNAME or DNAME
 * @param addresses both families merged in the policy's order, without host names attached; empty
 *     unless NOERROR
 * @param failure for SERVFAIL, why; empty otherwise
 * @param ipv4 the A lookup; empty when the policy ({@link IpFamilyPolicy#IPV6_ONLY}) kept it from
 *     being sent
 * @param ipv6 the AAAA lookup; empty when the policy ({@link IpFamilyPolicy#IPV4_ONLY}) kept it
 *     from being sent
 */
public record HostAddresses(
    Name name,
    Status status,
    Name canonicalName,
    List<InetAddress> addresses,
    Optional<Failure> failure,
    Optional<Resolution> ipv4,
    Optional<Resolution> ipv6) {

  /**
   * Copies the addresses and checks that the parts agree with each other.
   *
   * @param name the name asked about
   * @param status how it ended
   * @param canonicalName the end of the alias chain
   * @param addresses the merged addresses
   * @param failure why, for SERVFAIL
   * @param ipv4 the A lookup, if sent
   * @param ipv6 the AAAA lookup, if sent
   * @throws NullPointerException if any part is null
   * @throws IllegalArgumentException if neither lookup is given, a lookup is not the A (or AAAA)
   *     question for {@code name}, a failure is given other than for SERVFAIL (or missing for it),
   *     or addresses are given other than for NOERROR (or missing for it)
   */
  public HostAddresses {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(canonicalName, "canonicalName");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(ipv4, "ipv4");
    Objects.requireNonNull(ipv6, "ipv6");
    if (ipv4.isEmpty() && ipv6.isEmpty()) {
      throw new IllegalArgumentException("at least one of the A and AAAA lookups is needed");
    }
    checkLookup(name, ipv4, Type.A);
    checkLookup(name, ipv6, Type.AAAA);
    if ((status == Status.SERVFAIL) != failure.isPresent()) {
      throw new IllegalArgumentException(
          "a failure reason is given exactly when status is SERVFAIL");
    }
    if ((status == Status.NOERROR) == addresses.isEmpty()) {
      throw new IllegalArgumentException("addresses are given exactly when status is NOERROR");
    }
  }

  private static void checkLookup(Name name, Optional<Resolution> lookup, int type) {
    lookup.ifPresent(
        r -> {
          if (!r.question().equals(new Question(name, type))) {
            throw new IllegalArgumentException(
                "expected the lookup of " + name + " " + Type.string(type) + ": " + r.question());
          }
        });
  }

  /**
   * Merges the two lookups by the rules in the class comment.
   *
   * @param name the name both lookups asked about
   * @param policy the resolver's address-family policy
   * @param ipv4 the A lookup, empty when not sent
   * @param ipv6 the AAAA lookup, empty when not sent
   */
  static HostAddresses merge(
      Name name, IpFamilyPolicy policy, Optional<Resolution> ipv4, Optional<Resolution> ipv6) {
    List<InetAddress> v4 = ipv4.map(Resolution::addresses).orElse(List.of());
    List<InetAddress> v6 = ipv6.map(Resolution::addresses).orElse(List.of());
    List<Resolution> preferred = new ArrayList<>(2);
    if (ipv6First(policy)) {
      ipv6.ifPresent(preferred::add);
      ipv4.ifPresent(preferred::add);
    } else {
      ipv4.ifPresent(preferred::add);
      ipv6.ifPresent(preferred::add);
    }
    List<InetAddress> merged = order(policy, v4, v6);
    if (!merged.isEmpty()) {
      Resolution source =
          preferred.stream().filter(r -> !r.addresses().isEmpty()).findFirst().orElseThrow();
      return new HostAddresses(
          name, Status.NOERROR, source.canonicalName(), merged, Optional.empty(), ipv4, ipv6);
    }
    // Which lookup speaks for the host: a name that does not exist does not exist for any type
    // (RFC 8020), so NXDOMAIN outranks a failure of the other lookup; then a DNAME overflow; then a
    // failure, since "no address" is only known when both lookups were answered.
    Resolution decider =
        first(preferred, Status.NXDOMAIN)
            .or(() -> first(preferred, Status.YXDOMAIN))
            .or(() -> first(preferred, Status.SERVFAIL))
            .orElse(preferred.get(0));
    Status status =
        decider.status() == Status.NOERROR ? Status.NODATA : decider.status(); // NOERROR, no data
    return new HostAddresses(
        name, status, decider.canonicalName(), List.of(), decider.failure(), ipv4, ipv6);
  }

  private static Optional<Resolution> first(List<Resolution> lookups, Status status) {
    return lookups.stream().filter(r -> r.status() == status).findFirst();
  }

  /** Whether the policy puts IPv6 before IPv4: also which lookup decides when both agree. */
  private static boolean ipv6First(IpFamilyPolicy policy) {
    return policy != IpFamilyPolicy.PREFER_IPV4 && policy != IpFamilyPolicy.IPV4_ONLY;
  }

  private static List<InetAddress> order(
      IpFamilyPolicy policy, List<InetAddress> v4, List<InetAddress> v6) {
    List<InetAddress> out = new ArrayList<>(v4.size() + v6.size());
    switch (policy) {
      case ANY -> {
        // RFC 8305 section 4: after the RFC 6724 sort (IPv6 first, section 10.3), the first
        // address of the other family moves up to second place, and so on, one of each in turn.
        for (int i = 0; i < Math.max(v4.size(), v6.size()); i++) {
          if (i < v6.size()) {
            out.add(v6.get(i));
          }
          if (i < v4.size()) {
            out.add(v4.get(i));
          }
        }
      }
      case PREFER_IPV6, IPV6_ONLY -> {
        out.addAll(v6);
        out.addAll(v4);
      }
      case PREFER_IPV4, IPV4_ONLY -> {
        out.addAll(v4);
        out.addAll(v6);
      }
    }
    return out;
  }

  /**
   * Whether there is an address to connect to.
   *
   * @return whether {@link #status()} is {@link Status#NOERROR}
   */
  public boolean hasAddresses() {
    return status == Status.NOERROR;
  }

  @Override
  public String toString() {
    return name
        + " A/AAAA -> "
        + status
        + failure.map(f -> " (" + f + ")").orElse("")
        + (canonicalName.equals(name) ? "" : " via " + canonicalName)
        + (addresses.isEmpty() ? "" : " " + addresses);
  }
}
