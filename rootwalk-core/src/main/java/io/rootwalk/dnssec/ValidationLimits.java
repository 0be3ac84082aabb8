package io.rootwalk.dnssec;

/**
 * How much validation work one lookup may cause: the KeyTrap defence (CVE-2023-50387) and its NSEC3
 * sibling (CVE-2023-50868). RFC 4035 section 5.3.1 would have a validator try every key whose tag
 * matches every signature; a zone of colliding key tags and many signatures then costs millions of
 * signature checks for one query. The daemons' fixes of February 2024 cap that work, and a
 * validator that hits a cap gives up: the data is not validated, and is not trusted.
 *
 * @param keysPerSignature DNSKEYs tried per RRSIG: key tags collide by chance (RFC 4034 appendix
 *     B), so an honest zone needs one and rarely two; more than this is an attack
 * @param checksPerRRset signature checks per RRset, over all its RRSIGs
 * @param checksPerLookup signature checks per lookup, over everything it validates
 * @param nsec3HashesPerLookup NSEC3 hash computations per lookup
 * @param maxNsec3Iterations NSEC3 records with more iterations than this make the answer insecure
 *     (RFC 9276 section 3.2)
 */
public record ValidationLimits(
    int keysPerSignature,
    int checksPerRRset,
    int checksPerLookup,
    int nsec3HashesPerLookup,
    int maxNsec3Iterations) {

  /**
   * The defaults, after the daemons' fixes:
   *
   * <ul>
   *   <li>keys per signature 4: no daemon names this number; Unbound 1.19.1 gives up a DS match
   *       after 4 failed candidate keys ({@code MAX_DS_MATCH_FAILURES 4}, val_utils.c), and the
   *       same bound fits colliding DNSKEYs for one RRSIG;
   *   <li>checks per RRset 8: Unbound 1.19.1 {@code MAX_VALIDATE_RRSIGS 8} (val_sigcrypt.c);
   *   <li>checks per lookup 128: Unbound 1.19.1 validates at most 8 RRSIGs at once and suspends the
   *       query at most 16 times before it errors out ({@code MAX_VALIDATE_AT_ONCE 8}, {@code
   *       MAX_VALIDATION_SUSPENDS 16}, validator.c), 128 checks in all. BIND 9.18.24 instead stops
   *       a message's validation at its first failure; Knot Resolver 5.7.1 keeps a per-request
   *       budget ({@code vld_limit_crypto_remains}) and, once spent, fails without retrying;
   *   <li>NSEC3 hashes per lookup 128: Unbound 1.19.1 {@code MAX_NSEC3_CALCULATIONS 8} per pass
   *       (val_nsec3.c), over the same 16 suspends;
   *   <li>NSEC3 iterations 150: Unbound's {@code val-nsec3-keysize-iterations} since 1.13.2, BIND's
   *       {@code DNS_NSEC3_MAXITERATIONS} in 9.16.16 to 9.18; RFC 9276 section 3.2 lets validators
   *       treat more as insecure.
   * </ul>
   */
  public static final ValidationLimits DEFAULT = new ValidationLimits(4, 8, 128, 128, 150);

  /**
   * Checks the limits.
   *
   * @param keysPerSignature DNSKEYs tried per RRSIG, at least 1
   * @param checksPerRRset signature checks per RRset, at least 1
   * @param checksPerLookup signature checks per lookup, at least 1
   * @param nsec3HashesPerLookup NSEC3 hashes per lookup, at least 1
   * @param maxNsec3Iterations the NSEC3 iteration ceiling, 0 to 65535
   * @throws IllegalArgumentException if a limit is out of range
   */
  public ValidationLimits {
    positive("keysPerSignature", keysPerSignature);
    positive("checksPerRRset", checksPerRRset);
    positive("checksPerLookup", checksPerLookup);
    positive("nsec3HashesPerLookup", nsec3HashesPerLookup);
    if (maxNsec3Iterations < 0 || maxNsec3Iterations > 0xFFFF) {
      throw new IllegalArgumentException(
          "maxNsec3Iterations must be 0 to 65535 but was " + maxNsec3Iterations);
    }
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1 but was " + value);
    }
  }
}
