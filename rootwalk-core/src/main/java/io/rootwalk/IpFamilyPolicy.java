package io.rootwalk;

/**
 * Which address families the resolver sends upstream queries over ({@code
 * ResolverBuilder.ipFamily}), and so which address records it chases for name servers that came
 * without glue: A before AAAA, unless IPv6 is preferred or the only family.
 *
 * <p>The same policy orders the addresses {@link Resolver#resolveHost} returns, and an {@code
 * _ONLY} policy keeps it from asking for the other family's records at all: a host that cannot
 * reach IPv6 name servers cannot reach IPv6 web servers either. {@link HostAddresses} gives the
 * order.
 */
public enum IpFamilyPolicy {
  /**
   * Both, chosen by measured RTT (the default); host addresses interleaved, IPv6 first (RFC 8305
   * section 4).
   */
  ANY,
  /**
   * Both, but every IPv4 address of a zone is tried before any IPv6 one (among the servers not
   * known to be lame for it).
   */
  PREFER_IPV4,
  /**
   * Both, but every IPv6 address of a zone is tried before any IPv4 one (among the servers not
   * known to be lame for it), and glueless name servers are chased for AAAA first.
   */
  PREFER_IPV6,
  /** IPv4 only: for hosts without IPv6 connectivity. */
  IPV4_ONLY,
  /** IPv6 only. */
  IPV6_ONLY;

  /**
   * Whether IPv4 server addresses may be queried, and A records chased for glueless name servers.
   *
   * @return false only for {@link #IPV6_ONLY}
   */
  public boolean allowsIpv4() {
    return this != IPV6_ONLY;
  }

  /**
   * Whether IPv6 server addresses may be queried, and AAAA records chased for glueless name
   * servers.
   *
   * @return false only for {@link #IPV4_ONLY}
   */
  public boolean allowsIpv6() {
    return this != IPV4_ONLY;
  }
}
