package io.rootwalk;

/** The typed causes of SERVFAIL (Unbound's {@code errinf}, as an enum). */
public enum FailureReason {
  /** Every server of a zone failed to answer in time. */
  TIMEOUT,
  /** Every server of a zone was lame: REFUSED, SERVFAIL, not authoritative, or an upward referral. */
  ALL_SERVERS_LAME,
  /** Every server of a zone was unreachable or sent malformed responses. */
  NO_REACHABLE_SERVER,
  /**
   * The delegation's name servers are inside the delegated zone and the parent gave no glue for
   * them: the circular dependency glue exists to break (RFC 9471).
   */
  MISSING_GLUE,
  /** No address could be found for any of the delegation's name servers. */
  NS_ADDRESS_UNRESOLVABLE,
  /** A CNAME or DNAME chain points back at a name already on it. */
  CNAME_LOOP,
  /** A name-server chase needs the very name it is resolving. */
  DELEGATION_LOOP,
  /** A per-lookup work limit was reached; the detail names it. */
  LIMIT_EXCEEDED,
  /** The lookup's overall deadline passed. */
  DEADLINE_EXCEEDED,
  /** A server answered with an rcode the resolver cannot use (e.g. FORMERR without EDNS). */
  UPSTREAM_ERROR,
  /** The zone failed recently and is not retried yet (RFC 9520). */
  CACHED_FAILURE,
  /** The resolver was closed while the lookup was running. */
  RESOLVER_CLOSED,
  /**
   * A cache-only lookup ({@link Resolver#lookupCached}, a stub's RD=0 query) found neither the
   * answer nor its absence in the cache. No query was sent.
   */
  NOT_CACHED
}
