package io.rootwalk;

/**
 * Why a server's response showed it does not (properly) serve the zone it was asked as. The server
 * is then marked lame for that zone, briefly after SERVFAIL and for longer otherwise, so later
 * lookups try it last.
 */
public enum LameReason {
  /** RCODE REFUSED: typically the server does not host the zone at all (lame delegation). */
  REFUSED,
  /**
   * RCODE SERVFAIL: the server could not answer; often transient, and a sign of trouble with this
   * question rather than the zone, so RFC 9520 failure caching then holds the question only.
   */
  SERVFAIL,
  /** RCODE NOTAUTH, or an answer or negative response without the AA bit and without a referral. */
  NOT_AUTHORITATIVE,
  /**
   * A referral to the zone we asked as or one above it (RFC 1034 section 5.3.3 forbids going up).
   */
  UPWARD_REFERRAL,
  /** A referral to a zone that does not contain the query name. */
  SIDEWAYS_REFERRAL,
  /**
   * An rcode that is neither an answer nor one of the above (FORMERR, NOTIMP, unassigned). Like
   * SERVFAIL, it fails this question rather than the zone.
   */
  BAD_RCODE,
  /**
   * RA set and AA clear: a recursive resolver listed as an authoritative server ("recursion lame").
   * Its answer is kept as a last resort, used only if every other server fails.
   */
  RECURSION_LAME,
  /**
   * The TC bit over TCP: the server cannot send the whole answer even on a stream, a server failure
   * (RFC 7766 section 6.2.1 leaves nothing further to try with that server).
   */
  TRUNCATED_OVER_TCP,
  /**
   * A referral into the child zone for the child's own DS: DS is parent-side data (RFC 4035 section
   * 3.1.4.1), so the parent's servers must answer it; this one failed that question.
   */
  CHILD_REFERRAL_FOR_DS;

  /**
   * Whether this says the server does not serve the zone at all, rather than failing one question:
   * only then is it skipped for every question of the zone, and an all-lame zone held as a whole
   * (RFC 9520 section 3).
   *
   * @return true for REFUSED, NOTAUTH-style answers and recursion-lame servers
   */
  public boolean zoneWide() {
    return this == REFUSED || this == NOT_AUTHORITATIVE || this == RECURSION_LAME;
  }
}
