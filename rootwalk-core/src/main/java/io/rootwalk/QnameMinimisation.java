package io.rootwalk;

/**
 * How much of a query name each server is sent (RFC 9156, QNAME minimisation): the root sees {@code
 * com. A}, com.'s servers see {@code example.com. A}, and only example.com's servers see {@code
 * www.example.com.} with the real type. Set with {@code ResolverBuilder.qnameMinimisation}; the
 * default is {@link #RELAXED}, as Unbound, Knot Resolver, BIND and PowerDNS Recursor ship it. The
 * trace shows every minimised probe.
 */
public enum QnameMinimisation {
  /** Every server is sent the full name and the real type, as before RFC 7816. */
  OFF,

  /**
   * Minimise, and fall back to the full name where a server mishandles minimised names (RFC 9156
   * section 3): an NXDOMAIN or REFUSED for a probe has the same server asked the full name once,
   * and the rest of that lookup asks full names. Some servers answer NXDOMAIN for an empty
   * non-terminal (RFC 9156 section 2.4.1), which without the fallback would make names below it
   * unresolvable. Unbound's {@code qname-minimisation: yes} with {@code qname-minimisation-strict:
   * no} behaves this way.
   */
  RELAXED,

  /**
   * Minimise and never fall back: an NXDOMAIN for a probe is taken to deny every name below it (RFC
   * 8020), and a server that refuses a probe counts as failed like any other lame server. No server
   * outside the zone that holds the name ever sees it in full; names behind servers that mishandle
   * empty non-terminals fail to resolve. Unbound's {@code qname-minimisation-strict: yes}.
   */
  STRICT
}
