package io.rootwalk.check;

/**
 * How much a {@link Finding} matters. Part of the JSON contract: {@code rootwalk check} exits 2
 * when any finding is an ERROR, 1 when the worst is a WARNING, 0 otherwise.
 */
public enum Severity {
  /** The delegation is broken, or a listed server or address of it is: lookups fail or stall. */
  ERROR,
  /** Works today, but against the RFCs or the usual operating practice; fix it before it bites. */
  WARNING,
  /** Worth knowing, nothing to fix now (or nothing the zone's owner can fix). */
  NOTICE;

  /**
   * Whether this is at least as serious as {@code other}.
   *
   * @param other the severity to compare with
   * @return true when this is {@code other} or more serious
   */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
