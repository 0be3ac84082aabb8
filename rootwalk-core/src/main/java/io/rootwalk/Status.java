package io.rootwalk;

/** How a resolution ended. Every resolution ends in exactly one of these. */
public enum Status {
  /** The name exists and has data of the requested type: {@link Resolution#answers()} holds it. */
  NOERROR,
  /** The name does not exist (RFC 1035 NXDOMAIN, RFC 8020: nor anything below it). */
  NXDOMAIN,
  /** The name exists but has no data of the requested type (RFC 2308 section 2.2). */
  NODATA,
  /**
   * A DNAME on the way would make the name longer than 255 octets (RFC 6672 section 2.2): the
   * answer holds the chain up to that DNAME, and the rcode is YXDOMAIN.
   */
  YXDOMAIN,
  /** No trustworthy answer could be had: {@link Resolution#failure()} says why. */
  SERVFAIL
}
