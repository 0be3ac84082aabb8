package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.dnssec.ValidationLimits;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.World;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Instant;
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

  private static final Instant NOW = SignedLabs.NOW;

  /** Signs the demo world as {@code how} says, serves it, looks the name up with its anchor. */
  private static Resolution lookUp(UnaryOperator<WorldSigner.Builder> how, String name, int type) {
    return lookUp(how.apply(WorldSigner.builder(DemoWorld.world(), NOW)).sign(), name, type);
  }

  /** Serves {@code signed} as it is and looks the name up with its anchor. */
  private static Resolution lookUp(SignedWorld signed, String name, int type) {
    return lookUp(signed, signed.world(), name, type);
  }

  /** Serves {@code served} and looks the name up with the anchor of {@code signed}. */
  private static Resolution lookUp(SignedWorld signed, World served, String name, int type) {
    return SignedLabs.lookUp(signed, served, UnaryOperator.identity(), name, type);
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
  void anUnsignedDnskeySetLinksNothing() {
    Resolution r =
        lookUp(b -> b.withoutSignatures("example.com.", Type.DNSKEY), "www.example.com", Type.A);

    assertBogus(r, 10, "example.com. DNSKEY");
  }

  @Test
  void aDsForAChildServedUnsignedIsBogusNotInsecure() {
    // The parent still publishes a DS (the child was signed once), but the child's servers now
    // serve the zone unsigned: a DS promises signatures, so this is bogus (RFC 4035 section 5.2),
    // never the insecure answer a stripping attacker would want.
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), NOW);
    World childUnsigned =
        signed.world().toBuilder()
            .withoutZone("api.example.com.")
            .zone(DemoWorld.world().zone("api.example.com.").orElseThrow())
            .build();

    Resolution r = lookUp(signed, childUnsigned, "v2.api.example.com", Type.A);

    assertBogus(r, 9, "api.example.com.");
  }

  @Test
  void anAliasFromASecureZoneIntoAnUnsignedOneIsInsecure() {
    Resolution r = lookUp(b -> b.unsigned("tumblr.com."), "blog.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.INSECURE);
    assertThat(r.trace().steps())
        .filteredOn(s -> s instanceof TraceStep.Validation)
        .extracting(TraceStep::kind)
        .contains(StepKind.DNSSEC_SECURE, StepKind.DNSSEC_NO_DS, StepKind.DNSSEC_INSECURE);
  }

  @Test
  void anAliasFromASecureZoneIntoABrokenOneIsBogus() {
    Resolution r =
        lookUp(b -> b.flipSignatureByte("example.tumblr.com.", Type.A), "blog.example.com", Type.A);

    assertBogus(r, 6, "example.tumblr.com. A");
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
    // Five links of the chain (root keys, DS and keys of com. and example.com.), then the capped
    // tries for www's signature: not two hundred.
    assertThat(r.trace().spent().signatureChecks())
        .isLessThanOrEqualTo(5 + ValidationLimits.DEFAULT.keysPerSignature());
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
}
