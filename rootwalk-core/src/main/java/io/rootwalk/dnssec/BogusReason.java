package io.rootwalk.dnssec;

/**
 * Why data that should validate does not, each with the RFC 8914 extended DNS error a resolver
 * returns for it with SERVFAIL.
 */
public enum BogusReason {
  /** A signature or digest does not verify, or a proof does not hold (RFC 8914 4.7). */
  DNSSEC_BOGUS(6, "DNSSEC Bogus"),
  /** Every usable signature had expired (RFC 8914 4.8). */
  SIGNATURE_EXPIRED(7, "Signature Expired"),
  /** Every usable signature had an inception in the future (RFC 8914 4.9). */
  SIGNATURE_NOT_YET_VALID(8, "Signature Not Yet Valid"),
  /** A DS or RRSIG names a key that the zone's DNSKEY RRset does not hold (RFC 8914 4.10). */
  DNSKEY_MISSING(9, "DNSKEY Missing"),
  /** The data should be signed by a supported algorithm and is not (RFC 8914 4.11). */
  RRSIGS_MISSING(10, "RRSIGs Missing"),
  /** The only matching key lacks the Zone Key bit (RFC 8914 4.12, RFC 4034 2.1.1). */
  NO_ZONE_KEY_BIT_SET(11, "No Zone Key Bit Set"),
  /** No NSEC or NSEC3 proves the denial the answer claims (RFC 8914 4.13). */
  NSEC_MISSING(12, "NSEC Missing");

  private final int edeCode;
  private final String phrase;

  BogusReason(int edeCode, String phrase) {
    this.edeCode = edeCode;
    this.phrase = phrase;
  }

  /**
   * The extended DNS error code (RFC 8914 section 4).
   *
   * @return the INFO-CODE
   */
  public int edeCode() {
    return edeCode;
  }

  /**
   * The code's name as the IANA registry spells it.
   *
   * @return e.g. {@code "Signature Expired"}
   */
  public String phrase() {
    return phrase;
  }
}
