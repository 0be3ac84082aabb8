package io.rootwalk.testing.dnssec;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * A zone's key pair: the public half as the DNSKEY record a zone publishes, the private half to
 * sign with.
 *
 * @param dnskey the DNSKEY record, owned by the zone apex
 * @param privateKey the JCA private key that signs for it
 */
public record SigningKey(DNSKEYRecord dnskey, PrivateKey privateKey) {

  /** DNSKEY flags of a zone-signing key: the Zone Key bit only (RFC 4034 section 2.1.1). */
  public static final int ZSK_FLAGS = DNSKEYRecord.Flags.ZONE_KEY;

  /** DNSKEY flags of a key-signing key: Zone Key and Secure Entry Point (RFC 4034 2.1.1). */
  public static final int KSK_FLAGS = DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY;

  /** The TTL the DNSKEY records get. */
  public static final long DNSKEY_TTL = 3600;

  public SigningKey {
    Objects.requireNonNull(dnskey, "dnskey");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * A fresh key pair for {@code zone}: RSA 2048 for RSASHA256 (8) and RSASHA512 (10), P-256 for
   * ECDSAP256SHA256 (13), P-384 for ECDSAP384SHA384 (14), Ed25519 (15) and Ed448 (16).
   *
   * @param zone the zone apex that publishes the key
   * @param algorithm a DNSSEC algorithm number ({@link DNSSEC.Algorithm})
   * @param flags DNSKEY flags, usually {@link #ZSK_FLAGS} or {@link #KSK_FLAGS}
   * @return the key
   * @throws IllegalArgumentException for an algorithm this list does not name
   */
  public static SigningKey generate(Name zone, int algorithm, int flags) {
    try {
      KeyPair pair = generator(algorithm).generateKeyPair();
      DNSKEYRecord dnskey =
          new DNSKEYRecord(
              zone,
              DClass.IN,
              DNSKEY_TTL,
              flags,
              DNSKEYRecord.Protocol.DNSSEC,
              algorithm,
              pair.getPublic());
      return new SigningKey(dnskey, pair.getPrivate());
    } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
      throw new IllegalStateException("cannot make a key for algorithm " + algorithm, e);
    }
  }

  private static KeyPairGenerator generator(int algorithm) throws GeneralSecurityException {
    KeyPairGenerator g;
    switch (algorithm) {
      case DNSSEC.Algorithm.RSASHA256:
      case DNSSEC.Algorithm.RSASHA512:
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g;
      case DNSSEC.Algorithm.ECDSAP256SHA256:
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g;
      case DNSSEC.Algorithm.ECDSAP384SHA384:
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        return g;
      case DNSSEC.Algorithm.ED25519:
        return KeyPairGenerator.getInstance("Ed25519");
      case DNSSEC.Algorithm.ED448:
        return KeyPairGenerator.getInstance("Ed448");
      default:
        throw new IllegalArgumentException(
            "no test key generator for DNSSEC algorithm " + algorithm);
    }
  }

  /** The key's owner, the zone apex. */
  public Name zone() {
    return dnskey.getName();
  }

  /** The key tag (RFC 4034 appendix B) that RRSIG and DS records name it by. */
  public int keyTag() {
    return dnskey.getFootprint();
  }

  /** The DNSSEC algorithm number. */
  public int algorithm() {
    return dnskey.getAlgorithm();
  }

  /**
   * The DS record a parent publishes for this key.
   *
   * @param digestType 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)
   * @return the DS record, with the DNSKEY's TTL
   */
  public DSRecord ds(int digestType) {
    return new DSRecord(zone(), DClass.IN, DNSKEY_TTL, digestType, dnskey);
  }

  /**
   * The same key with other flags, e.g. the Zone Key bit cleared. The key tag changes with the
   * flags, as RFC 4034 appendix B computes it over the whole RDATA.
   *
   * @param flags the new DNSKEY flags
   * @return a key with the same key pair
   */
  public SigningKey withFlags(int flags) {
    return new SigningKey(
        new DNSKEYRecord(
            zone(),
            DClass.IN,
            dnskey.getTTL(),
            flags,
            dnskey.getProtocol(),
            algorithm(),
            dnskey.getKey()),
        privateKey);
  }
}
