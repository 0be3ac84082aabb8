package io.rootwalk.dnssec;

import io.rootwalk.SecurityStatus;
import java.util.Objects;

/** What {@link DenialProof} found out about an NXDOMAIN or NODATA answer. */
public sealed interface DenialVerdict
    permits DenialVerdict.Proven, Verdict.Insecure, Verdict.Bogus, Verdict.Exhausted {

  /**
   * The security state of the denial.
   *
   * @return SECURE when proven, INSECURE or BOGUS
   */
  SecurityStatus status();

  /**
   * The signed NSEC or NSEC3 records prove the denial.
   *
   * @param how which proof held, in words naming the records (for the trace)
   * @param ttl how long the proof holds, in seconds: the least TTL of the records it used
   */
  record Proven(String how, long ttl) implements DenialVerdict {
    /**
     * Checks the parts.
     *
     * @param how the proof, in words
     * @param ttl seconds, not negative
     */
    public Proven {
      Objects.requireNonNull(how, "how");
      if (ttl < 0) {
        throw new IllegalArgumentException("ttl must be >= 0 but was " + ttl);
      }
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.SECURE;
    }
  }
}
