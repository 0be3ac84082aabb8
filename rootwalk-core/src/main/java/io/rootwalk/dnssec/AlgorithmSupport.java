package io.rootwalk.dnssec;

import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.DNSSEC;

/**
 * Which DNSSEC signing algorithms and DS digest types this validator checks. Data that only an
 * algorithm or digest outside these sets could vouch for is insecure, not bogus (RFC 4035 section
 * 5.2, RFC 6840 section 5.2): a validator must not fail a zone for using something it does not
 * know.
 *
 * <p>Signing algorithms, after the validation column of RFC 8624 section 3.1:
 *
 * <ul>
 *   <li>validated: RSASHA1 (5) and RSASHA1-NSEC3-SHA1 (7), which RFC 8624 still lists as MUST
 *       validate (RFC 9905 deprecates them for signing only), RSASHA256 (8), RSASHA512 (10),
 *       ECDSAP256SHA256 (13), ECDSAP384SHA384 (14), ED25519 (15) and ED448 (16). dnsjava 3.6.4
 *       verifies all of them with the JDK's providers; Ed25519 and Ed448 need JDK 15+ (JEP 339),
 *       which the Java 17 baseline has;
 *   <li>treated as unsupported: RSAMD5 (1), DSA (3) and DSA-NSEC3-SHA1 (6), which RFC 8624 says
 *       MUST NOT be validated; ECC-GOST (12), a MAY there, which the JDK cannot verify; and every
 *       number not named here.
 * </ul>
 *
 * <p>Each algorithm is also probed once against the running JDK: a JDK whose security policy
 * refuses SHA-1 signatures makes 5 and 7 unsupported, so their zones are insecure rather than bogus
 * (as Unbound 1.16.1 does when its crypto library refuses SHA-1).
 *
 * <p>DS digest types, after RFC 8624 section 3.3: SHA-1 (1), SHA-256 (2) and SHA-384 (4). GOST R
 * 34.11-94 (3) is a MAY there and the JDK has no implementation; 0 MUST NOT be used.
 */
public final class AlgorithmSupport {

  private static final Set<Integer> SIGNATURE_ALGORITHMS =
      Set.of(
              DNSSEC.Algorithm.RSASHA1,
              DNSSEC.Algorithm.RSA_NSEC3_SHA1,
              DNSSEC.Algorithm.RSASHA256,
              DNSSEC.Algorithm.RSASHA512,
              DNSSEC.Algorithm.ECDSAP256SHA256,
              DNSSEC.Algorithm.ECDSAP384SHA384,
              DNSSEC.Algorithm.ED25519,
              DNSSEC.Algorithm.ED448)
          .stream()
          .filter(AlgorithmSupport::jdkVerifies)
          .collect(Collectors.toUnmodifiableSet());

  private static final Set<Integer> DIGEST_TYPES =
      Set.of(DNSSEC.Digest.SHA1, DNSSEC.Digest.SHA256, DNSSEC.Digest.SHA384);

  private AlgorithmSupport() {}

  /**
   * Whether signatures and keys of this algorithm are verified.
   *
   * @param algorithm the DNSSEC algorithm number
   * @return true if validated, false if data vouched for only by it is insecure
   */
  public static boolean signatureAlgorithm(int algorithm) {
    return SIGNATURE_ALGORITHMS.contains(algorithm);
  }

  /**
   * Whether DS records of this digest type are checked.
   *
   * @param digestType the DS digest type
   * @return true if checked
   */
  public static boolean digestType(int digestType) {
    return DIGEST_TYPES.contains(digestType);
  }

  /**
   * The signing algorithms verified on this JDK.
   *
   * @return their numbers
   */
  public static Set<Integer> signatureAlgorithms() {
    return SIGNATURE_ALGORITHMS;
  }

  private static boolean jdkVerifies(int algorithm) {
    try {
      Signature.getInstance(DNSSEC.algString(algorithm));
      return true;
    } catch (NoSuchAlgorithmException | DNSSEC.UnsupportedAlgorithmException e) {
      return false;
    }
  }
}
