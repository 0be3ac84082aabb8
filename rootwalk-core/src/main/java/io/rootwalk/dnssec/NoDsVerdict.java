package io.rootwalk.dnssec;

import io.rootwalk.SecurityStatus;
import java.util.Objects;

/** What {@link NoDsProof} found out about a delegation without DS records. */
public sealed interface NoDsVerdict
    permits NoDsVerdict.Proven, Verdict.Insecure, Verdict.Bogus, Verdict.Exhausted {

  /**
   * The security state of the child zone: INSECURE when the absence is proven (or cannot be
   * checked, as {@link Verdict.Insecure} says), BOGUS otherwise.
   *
   * @return INSECURE or BOGUS
   */
  SecurityStatus status();

  /** How the absence of DS was proven. */
  enum Method {
    /** An NSEC at the delegation name without DS in its bitmap (RFC 4035 section 5.2). */
    NSEC,
    /** An NSEC3 matching the delegation name without DS (RFC 5155 section 8.9). */
    NSEC3,
    /**
     * An Opt-Out NSEC3 covering the next closer name, after a closest encloser proof (RFC 5155
     * sections 6 and 8.9): the delegation may or may not exist, but it is certainly unsigned.
     */
    NSEC3_OPT_OUT
  }

  /**
   * The parent proves the delegation has no DS: the child zone is insecure.
   *
   * @param method the proof
   * @param ttl how long the proof holds, in seconds (the least of its records' verdicts)
   */
  record Proven(Method method, long ttl) implements NoDsVerdict {
    /**
     * Checks the parts.
     *
     * @param method the proof
     * @param ttl seconds, not negative
     */
    public Proven {
      Objects.requireNonNull(method, "method");
      if (ttl < 0) {
        throw new IllegalArgumentException("ttl must be >= 0 but was " + ttl);
      }
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.INSECURE;
    }
  }
}
