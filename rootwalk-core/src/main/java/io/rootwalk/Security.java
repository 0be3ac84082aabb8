package io.rootwalk;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What DNSSEC validation said about a {@link Resolution}: the status of the whole answer (the least
 * secure of its RRsets, RFC 4035 section 4.3), why, and for a bogus answer the RFC 8914 extended
 * DNS error a server returns with its SERVFAIL.
 *
 * @param status SECURE, INSECURE, BOGUS or INDETERMINATE
 * @param detail one line naming what decided it: the zone whose keys signed the answer, the
 *     delegation proven unsigned, or the record that failed
 * @param extendedError for BOGUS, the RFC 8914 INFO-CODE (6 DNSSEC Bogus, 7 Signature Expired, 9
 *     DNSKEY Missing…); for INSECURE, the code that says why when there is one (1 Unsupported
 *     DNSKEY Algorithm, 27 Unsupported NSEC3 Iterations Value, which RFC 9276 section 3.2 asks a
 *     resolver to return with such an answer); empty otherwise
 */
public record Security(SecurityStatus status, String detail, OptionalInt extendedError) {

  private static final Security NOT_VALIDATED =
      new Security(SecurityStatus.INDETERMINATE, "not validated", OptionalInt.empty());

  /**
   * Checks that BOGUS has its extended error and SECURE and INDETERMINATE have none.
   *
   * @param status the status
   * @param detail one line
   * @param extendedError the INFO-CODE, for BOGUS
   * @throws IllegalArgumentException if a BOGUS status has no extended error, or a SECURE or
   *     INDETERMINATE one has
   */
  public Security {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(extendedError, "extendedError");
    if (status == SecurityStatus.BOGUS && extendedError.isEmpty()) {
      throw new IllegalArgumentException("a BOGUS status needs its extended error");
    }
    if ((status == SecurityStatus.SECURE || status == SecurityStatus.INDETERMINATE)
        && extendedError.isPresent()) {
      throw new IllegalArgumentException(status + " has no extended error");
    }
  }

  /**
   * The status of an answer nobody validated: validation off, or an answer not covered by it.
   *
   * @return INDETERMINATE, "not validated"
   */
  public static Security notValidated() {
    return NOT_VALIDATED;
  }

  /**
   * Whether a server may set the AD bit on this answer (RFC 4035 section 3.2.3).
   *
   * @return whether the status is SECURE
   */
  public boolean authenticated() {
    return status == SecurityStatus.SECURE;
  }

  @Override
  public String toString() {
    return status + " (" + detail + ")";
  }
}
