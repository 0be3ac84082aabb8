package io.rootwalk;

/** The four security states of RFC 4033 section 5 (and RFC 4035 section 4.3). */
public enum SecurityStatus {
  /** An unbroken chain of signed DNSKEY and DS records leads from a trust anchor to the data. */
  SECURE,
  /**
   * Proven to have no chain of trust: a signed proof that a delegation has no DS, or only
   * algorithms or digests this validator does not support (RFC 4035 section 5.2).
   */
  INSECURE,
  /** A chain of trust should exist but does not validate: the data must not be used. */
  BOGUS,
  /**
   * No trust anchor covers the data, so nothing can be said about it: also the status of every
   * answer when the resolver does not validate (a resolver built with its own root hints and no
   * trust anchor). A lookup with checking disabled (CD) is still validated: it gets its real
   * status, BOGUS included, with the data.
   */
  INDETERMINATE
}
