package io.rootwalk;

/**
 * A flat name for every kind of trace step, so tests and tools can compare whole step sequences
 * ({@code extracting(TraceStep::kind).containsExactly(PRIMING, REFERRAL, REFERRAL, ANSWER)}). The
 * first thirteen name an exchange's {@link Outcome}, the next six a {@link
 * TraceStep.CacheHit.What}, then a {@link TraceStep.Chase}, a {@link TraceStep.LastResort} and the
 * DNSSEC {@link TraceStep.Validation} checks.
 */
public enum StepKind {
  /** An exchange that primed the root NS set: {@link Outcome.Priming}. */
  PRIMING,
  /** An exchange that got a delegation to a child zone: {@link Outcome.Referral}. */
  REFERRAL,
  /** An exchange that got the data asked for: {@link Outcome.Answer}. */
  ANSWER,
  /** An exchange that got an alias to follow elsewhere: {@link Outcome.Cname}. */
  CNAME,
  /** An exchange that got NXDOMAIN: {@link Outcome.NxDomain}. */
  NXDOMAIN,
  /** An exchange that got NODATA: {@link Outcome.NoData}. */
  NODATA,
  /** An exchange whose DNAME substitution overflowed (RFC 6672): {@link Outcome.YxDomain}. */
  YXDOMAIN,
  /** An exchange with a lame server: {@link Outcome.Lame}. */
  LAME,
  /** An exchange whose server rejected EDNS(0): {@link Outcome.EdnsRejected}. */
  EDNS_REJECTED,
  /** An exchange whose UDP response was truncated: {@link Outcome.Truncated}. */
  TRUNCATED,
  /** An exchange that got no response in time: {@link Outcome.Timeout}. */
  TIMEOUT,
  /** An exchange whose response did not parse: {@link Outcome.Malformed}. */
  MALFORMED,
  /** An exchange whose server could not be reached: {@link Outcome.Unreachable}. */
  UNREACHABLE,
  /** A cached answer RRset: {@link TraceStep.CacheHit.What#ANSWER}. */
  CACHED_ANSWER,
  /** A cached alias, followed: {@link TraceStep.CacheHit.What#CNAME}. */
  CACHED_CNAME,
  /** A cached NXDOMAIN or NODATA: {@link TraceStep.CacheHit.What#NEGATIVE}. */
  CACHED_NEGATIVE,
  /** A cached zone cut the walk started from: {@link TraceStep.CacheHit.What#DELEGATION}. */
  CACHED_DELEGATION,
  /** A recent failure, held (RFC 9520): {@link TraceStep.CacheHit.What#FAILURE}. */
  CACHED_FAILURE,
  /** An expired answer served (RFC 8767): {@link TraceStep.CacheHit.What#STALE_ANSWER}. */
  STALE_ANSWER,
  /** A nested resolution of a name server's address: {@link TraceStep.Chase}. */
  CHASE,
  /** An answer kept from a recursion-lame server, used after every other server failed. */
  LAST_RESORT,
  /** A zone's DNSKEY RRset trusted, through a trust anchor or its parent's DS. */
  DNSSEC_KEYS,
  /** A delegation proven to have no DS: everything below it is insecure. */
  DNSSEC_NO_DS,
  /** An answer RRset whose signature verified with its zone's trusted keys. */
  DNSSEC_SECURE,
  /** An answer RRset in an insecure zone, or whose algorithm this validator cannot check. */
  DNSSEC_INSECURE,
  /** A check that failed: the answer is bogus (RFC 4035 section 5.5). */
  DNSSEC_BOGUS,
  /** A denial answered from validated NSEC ranges without a query (RFC 8198). */
  DNSSEC_SYNTHESIZED,
  /** The second-level cache held something for the name: it was loaded into the own cache. */
  SECOND_LEVEL_HIT,
  /** The second-level cache held nothing usable for the name. */
  SECOND_LEVEL_MISS,
  /** The second-level cache did not answer in time, or failed: the lookup walked without it. */
  SECOND_LEVEL_UNAVAILABLE;

  /**
   * The lower-case, hyphenated form used in JSON and text.
   *
   * @return e.g. {@code "cached-delegation"} for {@link #CACHED_DELEGATION}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
