package io.rootwalk.dnssec;

/**
 * Why data is treated as insecure rather than validated, each with its RFC 8914 extended DNS error
 * code (which a resolver may attach to an answer it returns without the AD bit).
 */
public enum InsecureReason {
  /**
   * Every key or signature that could vouch for the data uses an algorithm this validator does not
   * implement or must not use (RFC 4035 5.2, RFC 6840 5.2, RFC 8624 3.1; RFC 8914 4.2).
   */
  UNSUPPORTED_DNSKEY_ALGORITHM(1, "Unsupported DNSKEY Algorithm"),
  /** Every DS uses a digest type this validator does not support (RFC 8914 4.3). */
  UNSUPPORTED_DS_DIGEST_TYPE(2, "Unsupported DS Digest Type"),
  /**
   * The NSEC3 records use more iterations than this validator computes (RFC 9276 section 3.2,
   * extended DNS error 27 registered there).
   */
  UNSUPPORTED_NSEC3_ITERATIONS(27, "Unsupported NSEC3 Iterations Value"),
  /**
   * The name falls in an Opt-Out span of the NSEC3 chain (RFC 5155 section 6): unsigned delegations
   * may exist there, so its absence cannot be proven secure. RFC 8914 has no code for this, by
   * design nothing is wrong; 0 is "Other Error" and a server attaches nothing.
   */
  NSEC3_OPT_OUT(0, "Other Error");

  private final int edeCode;
  private final String phrase;

  InsecureReason(int edeCode, String phrase) {
    this.edeCode = edeCode;
    this.phrase = phrase;
  }

  /**
   * The extended DNS error code.
   *
   * @return the INFO-CODE
   */
  public int edeCode() {
    return edeCode;
  }

  /**
   * The code's name as the IANA registry spells it.
   *
   * @return e.g. {@code "Unsupported DS Digest Type"}
   */
  public String phrase() {
    return phrase;
  }
}
