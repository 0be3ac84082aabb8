package io.rootwalk.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.SecurityStatus;
import io.rootwalk.testing.dnssec.Tamper;
import io.rootwalk.testing.dnssec.ZoneSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * A zone's DNSKEY RRset against the DS set that vouches for it (RFC 4035 section 5.2): given a
 * signed child and its parent's DS, when the link is broken in each way the issue names, then the
 * verdict says which.
 */
class KeySetValidatorTest {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Name ZONE = Name.fromConstantString("example.");

  private final ZoneSigner signer =
      ZoneSigner.create(
          ZONE,
          DNSSEC.Algorithm.ECDSAP256SHA256,
          NOW.minus(Duration.ofDays(1)),
          NOW.plus(Duration.ofDays(30)));

  private static KeySetVerdict validate(RRset dnskeys, List<DSRecord> ds) {
    return KeySetValidator.validate(
        dnskeys, ds, NOW.getEpochSecond(), ValidationBudget.withDefaults());
  }

  private static BogusReason reason(KeySetVerdict v) {
    assertThat(v).isInstanceOf(Verdict.Bogus.class);
    return ((Verdict.Bogus) v).reason();
  }

  @Test
  void givenTheParentsDsForTheKskThenEveryKeyOfTheSetIsTrusted() {
    KeySetVerdict v = validate(signer.dnskeys(), List.of(signer.ds()));

    assertThat(v).isInstanceOf(KeySetVerdict.Trusted.class);
    KeySetVerdict.Trusted t = (KeySetVerdict.Trusted) v;
    assertThat(t.dsKeyTag()).isEqualTo(signer.ksk().keyTag());
    assertThat(t.keys().keys()).containsExactly(signer.ksk().dnskey(), signer.zsk().dnskey());
    assertThat(t.keys().zone()).isEqualTo(ZONE);
    // and the trusted set then verifies the zone's data
    RRset a = signer.sign(signer.rrset("www 300 IN A 192.0.2.1"));
    assertThat(
            RRsetVerifier.verify(a, t.keys(), NOW.getEpochSecond(), ValidationBudget.withDefaults())
                .status())
        .isEqualTo(SecurityStatus.SECURE);
  }

  @Test
  void sha384AndSha1DigestsLinkToo() {
    assertThat(validate(signer.dnskeys(), List.of(signer.ksk().ds(DNSSEC.Digest.SHA384))))
        .isInstanceOf(KeySetVerdict.Trusted.class);
    assertThat(validate(signer.dnskeys(), List.of(signer.ksk().ds(DNSSEC.Digest.SHA1))))
        .isInstanceOf(KeySetVerdict.Trusted.class);
  }

  @Test
  void givenADsMatchingNoKeyThenDnskeyMissing() {
    KeySetVerdict v = validate(signer.dnskeys(), List.of(Tamper.dsMatchingNoKey(signer.ds())));

    assertThat(reason(v)).isEqualTo(BogusReason.DNSKEY_MISSING);
    assertThat(reason(v).edeCode()).isEqualTo(9);
  }

  @Test
  void givenAnUnsignedDnskeySetThenRrsigsMissing() {
    KeySetVerdict v = validate(Tamper.withoutSignatures(signer.dnskeys()), List.of(signer.ds()));

    assertThat(reason(v)).isEqualTo(BogusReason.RRSIGS_MISSING);
  }

  @Test
  void givenADnskeySetSignedOnlyByTheZskThenRrsigsMissing() {
    RRset keys = Tamper.withoutSignatures(signer.dnskeys());
    RRset byZsk = signer.sign(keys, signer.zsk());

    assertThat(reason(validate(byZsk, List.of(signer.ds())))).isEqualTo(BogusReason.RRSIGS_MISSING);
  }

  @Test
  void givenAFlippedByteInTheDnskeySignatureThenDnssecBogus() {
    KeySetVerdict v = validate(Tamper.flipSignatureByte(signer.dnskeys()), List.of(signer.ds()));

    assertThat(reason(v)).isEqualTo(BogusReason.DNSSEC_BOGUS);
  }

  @Test
  void givenAnExpiredDnskeySignatureThenSignatureExpired() {
    ZoneSigner old =
        signer.withWindow(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)));

    assertThat(reason(validate(old.dnskeys(), List.of(old.ds()))))
        .isEqualTo(BogusReason.SIGNATURE_EXPIRED);
  }

  @Test
  void givenTheDsKeyLacksTheZoneKeyBitThenNoZoneKeyBitSet() {
    ZoneSigner s = signer.withKeys(signer.ksk().withFlags(257 & ~256), signer.zsk());

    assertThat(reason(validate(s.dnskeys(), List.of(s.ds()))))
        .isEqualTo(BogusReason.NO_ZONE_KEY_BIT_SET);
  }

  @Test
  void givenOnlyDsOfAnUnsupportedDigestTypeThenInsecure() {
    DSRecord gost =
        new DSRecord(
            ZONE, 1, 3600, signer.ksk().keyTag(), 13, DNSSEC.Digest.GOST3411, new byte[32]);

    KeySetVerdict v = validate(signer.dnskeys(), List.of(gost));

    assertThat(v).isInstanceOf(Verdict.Insecure.class);
    assertThat(((Verdict.Insecure) v).reason())
        .isEqualTo(InsecureReason.UNSUPPORTED_DS_DIGEST_TYPE);
    assertThat(((Verdict.Insecure) v).reason().edeCode()).isEqualTo(2);
  }

  @Test
  void givenOnlyDsOfUnsupportedAlgorithmsThenInsecure() {
    DSRecord dsa = new DSRecord(ZONE, 1, 3600, 1234, DNSSEC.Algorithm.DSA, 2, new byte[32]);
    DSRecord md5 = new DSRecord(ZONE, 1, 3600, 1235, DNSSEC.Algorithm.RSAMD5, 2, new byte[32]);

    KeySetVerdict v = validate(signer.dnskeys(), List.of(dsa, md5));

    assertThat(((Verdict.Insecure) v).reason())
        .isEqualTo(InsecureReason.UNSUPPORTED_DNSKEY_ALGORITHM);
  }

  @Test
  void anUnsupportedDsBesideAGoodOneIsIgnoredNotFatal() {
    DSRecord gost =
        new DSRecord(
            ZONE, 1, 3600, signer.ksk().keyTag(), 13, DNSSEC.Digest.GOST3411, new byte[32]);

    assertThat(validate(signer.dnskeys(), List.of(gost, signer.ds())))
        .isInstanceOf(KeySetVerdict.Trusted.class);
  }

  @Test
  void aSha1DsIsIgnoredWhenTheSetHoldsASha256One() {
    // RFC 4509 section 3: the SHA-1 DS matches, the SHA-256 one does not; only SHA-256 counts.
    DSRecord sha1 = signer.ksk().ds(DNSSEC.Digest.SHA1);
    DSRecord brokenSha256 = Tamper.dsMatchingNoKey(signer.ds());

    assertThat(KeySetValidator.usable(List.of(sha1, brokenSha256))).containsExactly(brokenSha256);
    assertThat(reason(validate(signer.dnskeys(), List.of(sha1, brokenSha256))))
        .isEqualTo(BogusReason.DNSKEY_MISSING);
  }

  @Test
  void anEmptyDsSetIsMisuseNotAVerdict() {
    assertThatThrownBy(() -> validate(signer.dnskeys(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no DS");
  }
}
