package io.rootwalk;

/**
 * The typed causes of SERVFAIL (Unbound's {@code errinf}, as an enum): {@link Failure#reason()}.
 * The first three say how the servers of the zone cut where resolution stopped failed; the evidence
 * is in the trace's {@link TraceStep.Exchange} steps.
 */
public enum FailureReason {
  /** Every server of a zone failed to answer in time, even when retried with the full timeout. */
  TIMEOUT,
  /**
   * Every server of a zone was lame ({@link LameReason}): REFUSED, SERVFAIL, not authoritative, a
   * referral up or sideways, or an unusable rcode.
   */
  ALL_SERVERS_LAME,
  /**
   * Every server of a zone failed, not all by timeout nor all by lameness (unreachable, malformed
   * responses, or a mix), or no address of them was one the resolver may query (loopback and
   * link-local addresses outside a lab, a family {@link IpFamilyPolicy} excludes).
   */
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
  /**
   * The resolver itself failed unexpectedly while resolving (an internal error, logged): the lookup
   * still ends in a SERVFAIL rather than hanging. Despite the name, a server that answers with an
   * unusable rcode is lame ({@link LameReason#BAD_RCODE}), not this.
   */
  UPSTREAM_ERROR,
  /**
   * The zone, or this question at it, failed recently and is not retried yet (RFC 9520): a resolver
   * must not hammer servers that just failed. The hold doubles with each repeat failure.
   */
  CACHED_FAILURE,
  /** The resolver was closed while the lookup was running. */
  RESOLVER_CLOSED,
  /**
   * The resolver was already running its maximum of lookups and its admission queue was full
   * ({@code ResolverBuilder.maxLookupsInFlight}, {@code maxQueuedLookups}): the lookup was refused
   * at once, before any query, and says nothing about any server.
   */
  OVERLOADED,
  /**
   * The caller gave up: it cancelled the lookup's future, or interrupted the thread waiting in a
   * blocking lookup. The walk sent nothing more once it knew, and what it had learned until then
   * was kept; like {@link #OVERLOADED} it says nothing about any server.
   */
  CANCELLED,
  /**
   * The answer should be signed and its signatures, or the chain of DS and DNSKEY records from the
   * trust anchor to it, do not validate (RFC 4035 section 5.5): the data must not be used. {@link
   * Resolution#security()} says which check failed, with its RFC 8914 extended error.
   */
  DNSSEC_BOGUS
}
