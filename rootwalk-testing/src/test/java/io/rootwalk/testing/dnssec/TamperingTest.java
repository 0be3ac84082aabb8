package io.rootwalk.testing.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.ZoneSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Each tampering option breaks what it names, and only that: the rest of the world still verifies,
 * so a validator that rejects the data can only be rejecting the defect.
 */
class TamperingTest {

  private static final Instant NOW = SignedDemoWorldTest.NOW;
  private static final String WWW = "www.example.com.";

  private static WorldSigner.Builder demo() {
    return WorldSigner.builder(DemoWorld.world(), NOW);
  }

  private static RRset www(SignedWorld signed) {
    Message m = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_COM, WWW, Type.A);
    return SignedAnswers.rrsets(m, Section.ANSWER).get(0);
  }

  private static void verify(SignedWorld signed, RRset rrset, RRSIGRecord sig, Instant at)
      throws DNSSEC.DNSSECException {
    DNSSEC.verify(rrset, sig, SignedAnswers.key(signed, sig), at);
  }

  @Test
  void aFlippedSignatureByteNoLongerVerifiesWhileTheRestOfTheZoneDoes() {
    SignedWorld signed = demo().flipSignatureByte(WWW, Type.A).sign();
    RRset www = www(signed);
    RRSIGRecord sig = www.sigs().get(0);

    assertThat(sig.getFootprint()).isEqualTo(signed.signer("example.com.").zsk().keyTag());
    assertThatThrownBy(() -> verify(signed, www, sig, NOW))
        .isInstanceOf(DNSSEC.SignatureVerificationException.class);
    Message mx = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_COM, "example.com.", Type.MX);
    assertThat(SignedAnswers.verifyAll(signed, mx)).isOne();
  }

  @Test
  void strippedSignaturesLeaveTheRRsetUnsignedInTheAnswer() {
    SignedWorld signed = demo().withoutSignatures(WWW, Type.A).sign();

    Message m = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_COM, WWW, Type.A);

    assertThat(SignedAnswers.types(m, Section.ANSWER)).containsExactly("www.example.com. A");
    assertThat(signed.rrset(WWW, Type.NSEC).sigs()).hasSize(1);
  }

  @Test
  void anExpiredRRsetFailsOnlyForItsWindow() throws Exception {
    SignedWorld signed = demo().expiredSignatures(WWW, Type.A).sign();
    RRset www = www(signed);
    RRSIGRecord sig = www.sigs().get(0);

    assertThat(sig.getExpire()).isBefore(NOW);
    assertThatThrownBy(() -> verify(signed, www, sig, NOW))
        .isInstanceOf(DNSSEC.SignatureExpiredException.class);
    verify(signed, www, sig, sig.getExpire().minusSeconds(1)); // otherwise a good signature
    assertThat(signed.rrset("example.com.", Type.DNSKEY).sigs().get(0).getExpire()).isAfter(NOW);
  }

  @Test
  void aNotYetValidRRsetFailsOnlyForItsWindow() throws Exception {
    SignedWorld signed = demo().notYetValidSignatures(WWW, Type.A).sign();
    RRset www = www(signed);
    RRSIGRecord sig = www.sigs().get(0);

    assertThat(sig.getTimeSigned()).isAfter(NOW);
    assertThatThrownBy(() -> verify(signed, www, sig, NOW))
        .isInstanceOf(DNSSEC.SignatureNotYetValidException.class);
    verify(signed, www, sig, sig.getTimeSigned().plusSeconds(1));
  }

  @Test
  void anExpiredZoneHasEverySignatureExpiredButItsParentsDsStillValid() {
    SignedWorld signed = demo().expiredSignatures("example.com.").sign();
    ZoneSpec zone = signed.world().zone("example.com.").orElseThrow();

    assertThat(signatures(zone)).hasSizeGreaterThan(10).allMatch(s -> s.getExpire().isBefore(NOW));
    assertThat(signed.rrset("example.com.", Type.DS).sigs().get(0).getExpire()).isAfter(NOW);
  }

  @Test
  void aNotYetValidZoneHasEverySignatureStartingAfterNow() {
    SignedWorld signed = demo().notYetValidSignatures("example.com.").sign();
    ZoneSpec zone = signed.world().zone("example.com.").orElseThrow();

    assertThat(signatures(zone)).allMatch(s -> s.getTimeSigned().isAfter(NOW));
  }

  @Test
  void aDsMatchingNoKeyIsStillValidlySignedByTheParent() {
    SignedWorld signed = demo().dsMatchingNoKey("example.com.").sign();

    Message referral = SignedAnswers.ask(signed, DemoWorld.A_GTLD, WWW, Type.A);

    DSRecord ds = (DSRecord) signed.rrset("example.com.", Type.DS).first();
    assertThat(referral.getSection(Section.AUTHORITY)).contains(ds);
    assertThat(ds.getFootprint()).isEqualTo(signed.signer("example.com.").ksk().keyTag());
    for (Record key : signed.rrset("example.com.", Type.DNSKEY).rrs(false)) {
      DSRecord ofKey = new DSRecord(key.getName(), DClass.IN, 0, 2, (DNSKEYRecord) key);
      assertThat(ds.getDigest()).isNotEqualTo(ofKey.getDigest());
    }
    assertThat(SignedAnswers.verifyAll(signed, referral)).isOne();
  }

  @Test
  void forTheRootTheTrustAnchorIsTheDsThatMatchesNoKey() {
    SignedWorld signed = demo().dsMatchingNoKey(".").sign();

    DSRecord anchor = signed.trustAnchor().get(0);

    assertThat(anchor.getFootprint()).isEqualTo(signed.ds(".").getFootprint());
    assertThat(anchor.getDigest()).isNotEqualTo(signed.ds(".").getDigest());
    assertThat(signed.trustAnchorText()).contains(anchor.rdataToString());
  }

  @Test
  void keysWithoutTheZoneBitAreRefusedThoughTheDsAndKeyTagsAgreeWithThem() {
    SignedWorld signed = demo().keysWithoutZoneBit("example.com.").sign();
    RRset keys = signed.rrset("example.com.", Type.DNSKEY);

    assertThat(keys.rrs(false))
        .hasSize(2)
        .allSatisfy(
            k -> assertThat(((DNSKEYRecord) k).getFlags() & DNSKEYRecord.Flags.ZONE_KEY).isZero());
    DNSKEYRecord ksk = signed.signer("example.com.").ksk().dnskey();
    assertThat(ksk.getFlags()).isEqualTo(DNSKEYRecord.Flags.SEP_KEY);
    DSRecord ds = (DSRecord) signed.rrset("example.com.", Type.DS).first();
    assertThat(ds.getDigest()).isEqualTo(new DSRecord(ksk.getName(), 1, 0, 2, ksk).getDigest());
    RRset www = www(signed);
    RRSIGRecord wwwSig = www.sigs().get(0);
    assertThat(wwwSig.getFootprint()).isEqualTo(signed.signer("example.com.").zsk().keyTag());
    // dnsjava refuses such a key before it looks at the signature (RFC 4034 section 2.1.1).
    assertThatThrownBy(() -> verify(signed, www, wwwSig, NOW))
        .isInstanceOf(DNSSEC.InvalidDnskeyException.class)
        .hasMessageContaining("zone key flag");
  }

  @Test
  void withoutDnskeysTheApexAnswersNoDataWhileTheParentStillHasTheDs() {
    SignedWorld signed = demo().withoutDnskeys("example.com.").sign();

    Message m = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_COM, "example.com.", Type.DNSKEY);

    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(signed.rrset("example.com.", Type.DS).size()).isOne();
  }

  @Test
  void aKeySetSignedByTheZskOnlyHasNoSignatureByTheKeyTheDsNames() throws Exception {
    SignedWorld signed = demo().dnskeysSignedByZskOnly("example.com.").sign();
    RRset keys = signed.rrset("example.com.", Type.DNSKEY);
    ZoneSigner signer = signed.signer("example.com.");

    assertThat(keys.sigs())
        .singleElement()
        .satisfies(s -> assertThat(s.getFootprint()).isEqualTo(signer.zsk().keyTag()));
    int dsTag = ((DSRecord) signed.rrset("example.com.", Type.DS).first()).getFootprint();
    assertThat(dsTag).isEqualTo(signer.ksk().keyTag()).isNotEqualTo(signer.zsk().keyTag());
    DNSSEC.verify(keys, keys.sigs().get(0), signer.zsk().dnskey(), NOW);
  }

  @Test
  void collidingKeysShareTheZsksTagAndComeBeforeTheRealKeysInAValidlySignedSet() {
    SignedWorld signed = demo().collidingKeys("example.com.", 20).sign();
    RRset keys = signed.rrset("example.com.", Type.DNSKEY);
    ZoneSigner signer = signed.signer("example.com.");

    List<Record> all = keys.rrs(false);
    assertThat(all).hasSize(22);
    assertThat(all.subList(0, 20))
        .allSatisfy(
            k -> assertThat(((DNSKEYRecord) k).getFootprint()).isEqualTo(signer.zsk().keyTag()))
        .doesNotContain(signer.zsk().dnskey());
    assertThat(all.subList(20, 22)).containsExactly(signer.ksk().dnskey(), signer.zsk().dnskey());
    SignedAnswers.verify(signed, keys, keys.sigs().get(0));
    assertThat(keys.sigs().get(0).getFootprint()).isEqualTo(signer.ksk().keyTag());
  }

  @Test
  void tamperingWithWhatIsNotThereOrNotSignedFailsToSign() {
    assertThatThrownBy(() -> demo().flipSignatureByte("nope.example.com.", Type.A).sign())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.example.com.");
    assertThatThrownBy(() -> demo().unsigned("lame.com.").dsMatchingNoKey("lame.com.").sign())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsigned");
    assertThatThrownBy(
            () ->
                demo()
                    .flipSignatureByte("ns1.example.com.", Type.A)
                    .unsigned("example.com.")
                    .sign())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not signed");
    assertThatThrownBy(() -> demo().algorithm("nowhere.test.", 13).sign())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere.test.");
  }

  @Test
  void aWorldThatIsAlreadySignedIsRefused() {
    SignedWorld once = WorldSigner.sign(DemoWorld.world(), NOW);

    assertThatThrownBy(() -> WorldSigner.sign(once.world(), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already signed");
  }

  private static List<RRSIGRecord> signatures(ZoneSpec zone) {
    return zone.records().stream()
        .filter(RRSIGRecord.class::isInstance)
        .map(RRSIGRecord.class::cast)
        .toList();
  }
}
