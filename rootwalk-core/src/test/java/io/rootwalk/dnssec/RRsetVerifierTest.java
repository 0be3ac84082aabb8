package io.rootwalk.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.SecurityStatus;
import io.rootwalk.testing.dnssec.SigningKey;
import io.rootwalk.testing.dnssec.Tamper;
import io.rootwalk.testing.dnssec.ZoneSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * Verifying one RRset with a zone's trusted keys (RFC 4035 section 5.3): given a zone signed with a
 * real key, when the RRset or its RRSIG is altered, then the verdict names the RFC 8914 reason.
 */
class RRsetVerifierTest {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Name ZONE = Name.fromConstantString("example.");

  private static ZoneSigner signer(int algorithm) {
    return ZoneSigner.create(
        ZONE, algorithm, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
  }

  private static TrustedKeys keys(ZoneSigner s) {
    return new TrustedKeys(ZONE, List.of(s.ksk().dnskey(), s.zsk().dnskey()), 3600);
  }

  private static Verdict verify(RRset rrset, TrustedKeys keys) {
    return RRsetVerifier.verify(rrset, keys, NOW.getEpochSecond(), ValidationBudget.withDefaults());
  }

  @ParameterizedTest(name = "algorithm {0}")
  @ValueSource(
      ints = {
        DNSSEC.Algorithm.RSASHA256,
        DNSSEC.Algorithm.RSASHA512,
        DNSSEC.Algorithm.ECDSAP256SHA256,
        DNSSEC.Algorithm.ECDSAP384SHA384,
        DNSSEC.Algorithm.ED25519,
        DNSSEC.Algorithm.ED448
      })
  void givenASignedARRsetWhenVerifiedThenSecureWithTheZskTag(int algorithm) {
    ZoneSigner s = signer(algorithm);
    RRset a = s.sign(s.rrset("www 300 IN A 192.0.2.1", "www 300 IN A 192.0.2.2"));

    Verdict v = verify(a, keys(s));

    assertThat(v).isInstanceOf(Verdict.Secure.class);
    assertThat(v.status()).isEqualTo(SecurityStatus.SECURE);
    Verdict.Secure secure = (Verdict.Secure) v;
    assertThat(secure.keyTag()).isEqualTo(s.zsk().keyTag());
    assertThat(secure.wildcard()).isEmpty();
    assertThat(secure.ttl()).isEqualTo(300);
  }

  @ParameterizedTest(name = "algorithm {0}")
  @ValueSource(
      ints = {
        DNSSEC.Algorithm.RSASHA256,
        DNSSEC.Algorithm.ECDSAP256SHA256,
        DNSSEC.Algorithm.ED25519
      })
  void givenASignedRRsetWhenOneByteOfItsRrsigIsFlippedThenBogusDnssecBogus(int algorithm) {
    ZoneSigner s = signer(algorithm);
    RRset a = Tamper.flipSignatureByte(s.sign(s.rrset("www 300 IN A 192.0.2.1")));

    Verdict v = verify(a, keys(s));

    assertThat(v).isInstanceOf(Verdict.Bogus.class);
    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.DNSSEC_BOGUS);
    assertThat(((Verdict.Bogus) v).reason().edeCode()).isEqualTo(6);
  }

  @Test
  void givenAnRRsetWhoseDataChangedAfterSigningThenBogus() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    RRset signed = s.sign(s.rrset("www 300 IN A 192.0.2.1"));
    RRset forged = s.rrset("www 300 IN A 203.0.113.66");
    signed.sigs().forEach(forged::addRR);

    Verdict v = verify(forged, keys(s));

    assertThat(v.status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.DNSSEC_BOGUS);
  }

  @Test
  void givenAnExpiredSignatureThenSignatureExpired() {
    ZoneSigner s =
        signer(DNSSEC.Algorithm.ECDSAP256SHA256)
            .withWindow(NOW.minus(Duration.ofDays(30)), NOW.minusSeconds(1));

    Verdict v = verify(s.sign(s.rrset("www 300 IN A 192.0.2.1")), keys(s));

    assertThat(v).isInstanceOf(Verdict.Bogus.class);
    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.SIGNATURE_EXPIRED);
    assertThat(((Verdict.Bogus) v).reason().edeCode()).isEqualTo(7);
  }

  @Test
  void givenASignatureFromTheFutureThenSignatureNotYetValid() {
    ZoneSigner s =
        signer(DNSSEC.Algorithm.ECDSAP256SHA256)
            .withWindow(NOW.plusSeconds(60), NOW.plus(Duration.ofDays(30)));

    Verdict v = verify(s.sign(s.rrset("www 300 IN A 192.0.2.1")), keys(s));

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.SIGNATURE_NOT_YET_VALID);
    assertThat(((Verdict.Bogus) v).reason().edeCode()).isEqualTo(8);
  }

  @Test
  void givenAnRRsetWithoutRrsigThenRrsigsMissing() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);

    Verdict v = verify(s.rrset("www 300 IN A 192.0.2.1"), keys(s));

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.RRSIGS_MISSING);
    assertThat(((Verdict.Bogus) v).reason().edeCode()).isEqualTo(10);
  }

  @Test
  void givenASignatureByAKeyNotInTheTrustedSetThenDnskeyMissing() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    SigningKey stranger = SigningKey.generate(ZONE, DNSSEC.Algorithm.ECDSAP256SHA256, 256);

    Verdict v = verify(s.sign(s.rrset("www 300 IN A 192.0.2.1"), stranger), keys(s));

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.DNSKEY_MISSING);
  }

  @Test
  void givenTheOnlyMatchingKeyLacksTheZoneKeyBitThenNoZoneKeyBitSet() {
    ZoneSigner good = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    SigningKey noZoneBit = good.zsk().withFlags(0);
    ZoneSigner s = good.withKeys(good.ksk(), noZoneBit);

    Verdict v = verify(s.sign(s.rrset("www 300 IN A 192.0.2.1")), keys(s));

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.NO_ZONE_KEY_BIT_SET);
    assertThat(((Verdict.Bogus) v).reason().edeCode()).isEqualTo(11);
  }

  @Test
  void givenARrsigWhoseSignerIsAnotherZoneThenBogus() {
    ZoneSigner other =
        ZoneSigner.create(
            Name.fromConstantString("other."),
            DNSSEC.Algorithm.ECDSAP256SHA256,
            NOW.minusSeconds(60),
            NOW.plus(Duration.ofDays(1)));
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    RRset a = s.rrset("www 300 IN A 192.0.2.1");
    a.addRR(other.signature(a, other.zsk()));

    Verdict v = verify(a, keys(s));

    assertThat(((Verdict.Bogus) v).detail()).contains("signer other.");
  }

  @Test
  void theTtlToKeepIsTheLeastOfTtlOriginalTtlAndTimeToExpiry() {
    ZoneSigner s =
        signer(DNSSEC.Algorithm.ECDSAP256SHA256)
            .withWindow(NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(120));

    Verdict.Secure v =
        (Verdict.Secure) verify(s.sign(s.rrset("www 86400 IN A 192.0.2.1")), keys(s));

    assertThat(v.ttl()).isEqualTo(120); // RFC 4035 section 5.3.3
  }

  @Test
  void givenAWildcardExpansionThenSecureAndTheWildcardIsReported() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    RRset wildcard = s.sign(s.rrset("*.shop 300 IN A 192.0.2.7"));
    RRset expanded =
        ZoneSigner.moveTo(wildcard, Name.fromConstantString("deep.down.shop.example."));

    Verdict.Secure v = (Verdict.Secure) verify(expanded, keys(s));

    assertThat(v.wildcard()).contains(Name.fromConstantString("*.shop.example."));
  }

  @Test
  void givenARrsigClaimingMoreLabelsThanTheOwnerHasThenBogus() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    RRset deep = s.sign(s.rrset("a.b 300 IN A 192.0.2.7"));
    RRset shallow = ZoneSigner.moveTo(deep, Name.fromConstantString("b.example."));

    Verdict v = verify(shallow, keys(s));

    assertThat(((Verdict.Bogus) v).detail()).contains("labels");
  }

  @Test
  void givenOnlyKeysOfAnUnsupportedAlgorithmThenInsecure() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ECDSAP256SHA256);
    DNSKEYRecord gost =
        new DNSKEYRecord(ZONE, 1, 3600, 257, 3, DNSSEC.Algorithm.ECC_GOST, new byte[64]);

    Verdict v =
        verify(s.sign(s.rrset("www 300 IN A 192.0.2.1")), new TrustedKeys(ZONE, List.of(gost), 1));

    assertThat(v).isInstanceOf(Verdict.Insecure.class);
    assertThat(((Verdict.Insecure) v).reason().edeCode()).isEqualTo(1);
  }

  @Test
  void keyTrapGivenManyKeysSharingTheTagThenAtMostTheCapIsTriedPerSignature() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ED25519);
    List<DNSKEYRecord> keys = new ArrayList<>(Tamper.collidingKeys(s.zsk(), 20));
    keys.add(s.zsk().dnskey()); // the real key last: never reached
    ValidationBudget budget = ValidationBudget.withDefaults();

    Verdict v =
        RRsetVerifier.verify(
            s.sign(s.rrset("www 300 IN A 192.0.2.1")),
            new TrustedKeys(ZONE, keys, 3600),
            NOW.getEpochSecond(),
            budget);

    assertThat(v.status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(budget.checksSpent()).isEqualTo(ValidationLimits.DEFAULT.keysPerSignature());
  }

  @Test
  void keyTrapGivenManyBadSignaturesThenThePerRRsetCapEndsIt() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ED25519);
    RRset a = s.rrset("www 300 IN A 192.0.2.1");
    for (int i = 0; i < 20; i++) {
      // Ed25519 is deterministic: another inception makes another signature, not a duplicate.
      ZoneSigner other = s.withWindow(s.inception().plusSeconds(i), s.expiration());
      a.addRR(other.signature(a, s.zsk()));
    }
    RRset flipped = Tamper.flipSignatureByte(a);
    ValidationBudget budget = ValidationBudget.withDefaults();

    Verdict v = RRsetVerifier.verify(flipped, keys(s), NOW.getEpochSecond(), budget);

    assertThat(v).isInstanceOf(Verdict.Exhausted.class);
    assertThat(((Verdict.Exhausted) v).limit()).isEqualTo(ValidationBudget.Limit.CHECKS_PER_RRSET);
    assertThat(budget.checksSpent()).isEqualTo(ValidationLimits.DEFAULT.checksPerRRset());
  }

  @Test
  void theLookupBudgetIsSharedAndItsExhaustionIsItsOwnOutcome() {
    ZoneSigner s = signer(DNSSEC.Algorithm.ED25519);
    ValidationBudget budget = ValidationBudget.of(new ValidationLimits(4, 8, 3, 8, 150));
    RRset a = s.sign(s.rrset("www 300 IN A 192.0.2.1"));
    long now = NOW.getEpochSecond();

    for (int i = 0; i < 3; i++) {
      assertThat(RRsetVerifier.verify(a, keys(s), now, budget).status())
          .isEqualTo(SecurityStatus.SECURE);
    }
    Verdict fourth = RRsetVerifier.verify(a, keys(s), now, budget);

    assertThat(fourth).isInstanceOf(Verdict.Exhausted.class);
    assertThat(((Verdict.Exhausted) fourth).limit())
        .isEqualTo(ValidationBudget.Limit.CHECKS_PER_LOOKUP);
    assertThat(fourth.status()).isEqualTo(SecurityStatus.BOGUS);
  }
}
