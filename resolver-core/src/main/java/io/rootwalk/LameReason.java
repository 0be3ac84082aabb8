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
  BAD_RCODE
}
