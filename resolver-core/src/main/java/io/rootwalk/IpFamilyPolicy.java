package io.rootwalk;

/** Which address families the resolver sends upstream queries over. */
public enum IpFamilyPolicy {
  /** Both, chosen by measured RTT (the default). */
  ANY,
  /** Both, but every IPv4 address of a zone is tried before any IPv6 one. */
  PREFER_IPV4,
  /** Both, but every IPv6 address of a zone is tried before any IPv4 one. */
  PREFER_IPV6,
  /** IPv4 only: for hosts without IPv6 connectivity. */
  IPV4_ONLY,
  /** IPv6 only. */
  IPV6_ONLY;

  public boolean allowsIpv4() {
    return this != IPV6_ONLY;
  }

  public boolean allowsIpv6() {
    return this != IPV4_ONLY;
  }
}
