package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Type;

/**
 * Given the demo hierarchy signed with one mistake or one attack in it (the ways real signed zones
 * break: a corrupted signature, stripped signatures, a DS left behind after a key roll, keys
 * without the Zone Key bit, a missing DNSKEY RRset, KeyTrap's colliding keys), when a name in the
 * broken zone is looked up, then the answer is SERVFAIL with the extended error RFC 8914 assigns to
 * that mistake and the trace names it; a zone signed with each supported algorithm validates.
 */
class DnssecBrokenZonesTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** Signs the demo world as {@code how} says, serves it, looks the name up with its anchor. */
  private static Resolution lookUp(UnaryOperator<WorldSigner.Builder> how, String name, int type) {
    SignedWorld signed = how.apply(WorldSigner.builder(DemoWorld.world(), NOW)).sign();
    try (DnsLab lab = DnsLab.start(signed.world());
        Resolver resolver =
            LabResolvers.builderFor(lab)
                .trustAnchors(TrustAnchors.parse(signed.trustAnchorText(), "signed lab"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()) {
      return resolver.lookup(name, type);
    }
  }

  private static void assertBogus(Resolution r, int extendedError, String detail) {
    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure())
        .hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo(FailureReason.DNSSEC_BOGUS));
    assertThat(r.security().status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(extendedError));
    assertThat(r.security().detail()).contains(detail);
    assertThat(r.trace().steps())
        .last()
        .extracting(TraceStep::kind)
        .isEqualTo(StepKind.DNSSEC_BOGUS);
  }

  @Test
  void aCorruptedSignatureIsDnssecBogus() {
    Resolution r =
        lookUp(b -> b.flipSignatureByte("www.example.com.", Type.A), "www.example.com", Type.A);

    assertBogus(r, 6, "www.example.com. A");
  }

  @Test
  void anRRsetWhoseSignaturesWereStrippedHasRrsigsMissing() {
    Resolution r =
        lookUp(b -> b.withoutSignatures("www.example.com.", Type.A), "www.example.com", Type.A);

    assertBogus(r, 10, "www.example.com. A has no RRSIG");
  }

  @Test
  void aZoneSignedWithAnExpiredWindowHasSignatureExpired() {
    Resolution r = lookUp(b -> b.expiredSignatures("example.com."), "www.example.com", Type.A);

    assertBogus(r, 7, "expired");
  }

  @Test
  void aZoneSignedWithAFutureWindowHasSignatureNotYetValid() {
    Resolution r = lookUp(b -> b.notYetValidSignatures("example.com."), "www.example.com", Type.A);

    assertBogus(r, 8, "example.com.");
  }

  @Test
  void aDsLeftBehindAfterAKeyRollHasDnskeyMissing() {
    Resolution r = lookUp(b -> b.dsMatchingNoKey("example.com."), "www.example.com", Type.A);

    assertBogus(r, 9, "no key matches DS");
  }

  @Test
  void keysWithoutTheZoneKeyBitHaveNoZoneKeyBitSet() {
    Resolution r = lookUp(b -> b.keysWithoutZoneBit("example.com."), "www.example.com", Type.A);

    assertBogus(r, 11, "Zone Key bit");
  }

  @Test
  void aSignedDelegationWhoseChildServesNoDnskeyIsBogus() {
    Resolution r = lookUp(b -> b.withoutDnskeys("example.com."), "www.example.com", Type.A);

    assertBogus(r, 9, "DNSKEY");
  }

  @Test
  void aKeySetNotSignedByTheKeyTheDsNamesIsBogus() {
    Resolution r = lookUp(b -> b.dnskeysSignedByZskOnly("example.com."), "www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(r.security().detail()).contains("example.com. DNSKEY");
  }

  @Test
  void collidingKeysCostABoundedNumberOfSignatureChecks() {
    // KeyTrap (CVE-2023-50387): 200 keys share the ZSK's tag and come before it; trying each
    // would be 200 verifications per signature. The validator tries the first few (the cap of
    // ValidationLimits, as the daemons do) and gives up: bogus, at the price of this contrived
    // zone.
    Resolution r = lookUp(b -> b.collidingKeys("example.com.", 200), "www.example.com", Type.A);

    assertBogus(r, 6, "does not verify");
  }

  @Test
  void chainsOfEachSupportedAlgorithmValidate() {
    for (int algorithm :
        new int[] {
          DNSSEC.Algorithm.RSASHA256, DNSSEC.Algorithm.ECDSAP256SHA256, DNSSEC.Algorithm.ED25519
        }) {
      Resolution r = lookUp(b -> b.algorithm(algorithm), "www.example.com", Type.A);

      assertThat(r.security().status())
          .as("algorithm %d", algorithm)
          .isEqualTo(SecurityStatus.SECURE);
    }
  }

  @Test
  void mixedAlgorithmsAlongTheChainValidate() {
    Resolution r =
        lookUp(
            b ->
                b.algorithm(".", DNSSEC.Algorithm.RSASHA256)
                    .algorithm("com.", DNSSEC.Algorithm.ED25519)
                    .algorithm("example.com.", DNSSEC.Algorithm.ECDSAP384SHA384),
            "www.example.com",
            Type.A);

    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
  }

  @Test
  void anOptOutNsec3SpanMakesAnUnsignedDelegationInsecure() {
    Resolution r =
        lookUp(
            b -> b.unsigned("api.example.com.").nsec3("example.com.", 0, new byte[0], true),
            "v2.api.example.com",
            Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.INSECURE);
    assertThat(r.security().detail()).contains("NSEC3");
  }

  @Test
  void anNsec3MatchingTheCutMakesAnUnsignedDelegationInsecure() {
    Resolution r =
        lookUp(
            b -> b.unsigned("api.example.com.").nsec3("example.com.", 0, new byte[0], false),
            "v2.api.example.com",
            Type.A);

    assertThat(r.security().status()).isEqualTo(SecurityStatus.INSECURE);
  }

  @Test
  void aDenialFromASignedZoneIsNeverSecureBeforeItsProofIsChecked() {
    Resolution r = lookUp(UnaryOperator.identity(), "nosuch.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.INDETERMINATE);
    assertThat(r.dnssecRecords()).anyMatch(rec -> rec.getType() == Type.NSEC);
  }
}
