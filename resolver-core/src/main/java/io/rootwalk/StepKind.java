package io.rootwalk;

/**
 * A flat name for every kind of trace step, so tests and tools can compare whole step sequences
 * ({@code extracting(TraceStep::kind).containsExactly(PRIMING, REFERRAL, REFERRAL, ANSWER)}).
 */
public enum StepKind {
  PRIMING,
  REFERRAL,
  ANSWER,
  CNAME,
  NXDOMAIN,
  NODATA,
  LAME,
  EDNS_REJECTED,
  TRUNCATED,
  TIMEOUT,
  MALFORMED,
  UNREACHABLE,
  CACHED_ANSWER,
  CACHED_CNAME,
  CACHED_NEGATIVE,
  CACHED_DELEGATION,
  CACHED_FAILURE,
  STALE_ANSWER,
  CHASE;

  /** {@code "cached-delegation"}: the lower-case, hyphenated form used in JSON and text. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
