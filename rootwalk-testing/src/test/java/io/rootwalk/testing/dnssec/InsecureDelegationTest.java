package io.rootwalk.testing.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.ZoneSpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A zone left unsigned under a signed parent: the parent publishes no DS for it, and every referral
 * to it carries the parent's signed proof of that (RFC 4035 section 3.1.4.1): the NSEC at the cut
 * without DS in its bitmap, the NSEC3 matching the cut (RFC 5155 section 7.2.7), or with opt-out
 * the NSEC3 whose opt-out span covers it (RFC 5155 section 6).
 */
class InsecureDelegationTest {

  private static final Name COM = Name.fromConstantString("com.");
  private static final Name LAME = Name.fromConstantString("lame.com.");
  private static final byte[] SALT = HexFormat.of().parseHex("aabbccdd");

  private static WorldSigner.Builder lameUnsigned() {
    return WorldSigner.builder(DemoWorld.world(), SignedDemoWorldTest.NOW).unsigned("lame.com.");
  }

  @Test
  void givenAnUnsignedChildThenTheParentHasNoDsAndTheChildServesNoSignatures() {
    SignedWorld signed = lameUnsigned().sign();

    assertThat(signed.isSigned("lame.com.")).isFalse();
    assertThat(signed.rrset("lame.com.", Type.DS).size()).isZero();
    assertThat(signed.rrset("example.com.", Type.DS).size()).isOne();
    Message m = SignedAnswers.ask(signed, DemoWorld.NS1_LAME, "www.lame.com.", Type.A);
    assertThat(SignedAnswers.types(m, Section.ANSWER)).containsExactly("www.lame.com. A");
    assertThat(SignedAnswers.signatures(m)).isEmpty();
  }

  @Test
  void givenNsecThenAReferralToTheUnsignedChildCarriesTheNsecAtTheCutWithNsButNoDs() {
    SignedWorld signed = lameUnsigned().sign();

    Message m = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "www.lame.com.", Type.A);

    assertThat(SignedAnswers.types(m, Section.AUTHORITY))
        .containsExactly("lame.com. NS", "lame.com. NS", "lame.com. NSEC", "lame.com. RRSIG NSEC");
    NSECRecord nsec = only(m, NSECRecord.class);
    assertThat(nsec.hasType(Type.NS)).isTrue();
    assertThat(nsec.hasType(Type.DS)).isFalse();
    assertThat(SignedAnswers.verifyAll(signed, m)).isOne();
  }

  @Test
  void givenNsecThenADelegationWithNoChildZoneAtAllIsProvenInsecureToo() {
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), SignedDemoWorldTest.NOW);

    Message m = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "www.broken.com.", Type.A);

    NSECRecord nsec = only(m, NSECRecord.class);
    assertThat(nsec.getName()).isEqualTo(Name.fromConstantString("broken.com."));
    assertThat(nsec.getTypes()).containsExactly(Type.NS, Type.RRSIG, Type.NSEC);
    assertThat(SignedAnswers.verifyAll(signed, m)).isOne();
  }

  @Test
  void givenNsecThenTheParentAnswersADsQueryWithTheSignedNoDataProof() {
    SignedWorld signed = lameUnsigned().sign();

    Message m = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "lame.com.", Type.DS);

    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(SignedAnswers.types(m, Section.AUTHORITY))
        .containsExactly("com. SOA", "com. RRSIG SOA", "lame.com. NSEC", "lame.com. RRSIG NSEC");
    assertThat(SignedAnswers.verifyAll(signed, m)).isEqualTo(2);
  }

  @Test
  void givenNsec3WithoutOptOutThenTheReferralCarriesTheNsec3MatchingTheCutWithOnlyNs() {
    SignedWorld signed = lameUnsigned().nsec3("com.", 5, SALT, false).sign();

    Message m = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "www.lame.com.", Type.A);

    NSEC3Record nsec3 = only(m, NSEC3Record.class);
    assertThat(nsec3.getName()).isEqualTo(Denial.hashedOwner(COM, LAME, 5, SALT));
    assertThat(nsec3.getIterations()).isEqualTo(5);
    assertThat(nsec3.getSalt()).isEqualTo(SALT);
    assertThat(nsec3.getFlags()).isZero();
    // RFC 5155 3.2.1: the types at the original owner, where nothing is signed.
    assertThat(nsec3.getTypes()).containsExactly(Type.NS);
    assertThat(SignedAnswers.verifyAll(signed, m)).isOne();
  }

  @Test
  void givenNsec3OptOutThenTheUnsignedChildHasNoNsec3AndAnOptOutSpanCoversIt() {
    SignedWorld signed = lameUnsigned().nsec3("com.", 0, new byte[0], true).sign();
    Name lameHash = Denial.hashedOwner(COM, LAME, 0, new byte[0]);

    Message m = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "www.lame.com.", Type.A);

    ZoneSpec com = signed.world().zone(COM).orElseThrow();
    assertThat(com.records()).noneMatch(r -> r.getName().equals(lameHash));
    List<NSEC3Record> proof = all(m, NSEC3Record.class);
    // The closest encloser (com. itself) and the span covering the next closer name, lame.com.:
    // one record when the apex's own span is the one that covers it.
    assertThat(proof).hasSizeBetween(1, 2);
    assertThat(proof)
        .anyMatch(r -> r.getName().equals(Denial.hashedOwner(COM, COM, 0, new byte[0])));
    assertThat(proof)
        .anyMatch(r -> covers(r, lameHash) && (r.getFlags() & NSEC3Record.Flags.OPT_OUT) != 0);
    assertThat(SignedAnswers.verifyAll(signed, m)).isEqualTo(proof.size());
  }

  @Test
  void theNsSetAtACutAndTheGlueBelowItAreNotSignedButTheApexNsSetIs() {
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), SignedDemoWorldTest.NOW);
    ZoneSpec com = signed.world().zone(COM).orElseThrow();

    List<String> covered =
        com.records().stream()
            .filter(RRSIGRecord.class::isInstance)
            .map(r -> r.getName() + " " + Type.string(((RRSIGRecord) r).getTypeCovered()))
            .toList();

    assertThat(covered).contains("com. NS", "example.com. DS", "example.com. NSEC");
    assertThat(covered).doesNotContain("example.com. NS", "ns1.example.com. A", "broken.com. NS");
    Message referral = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "www.example.com.", Type.A);
    assertThat(SignedAnswers.types(referral, Section.ADDITIONAL))
        .containsExactly("ns1.example.com. A", "ns2.example.com. A");
  }

  /** Whether the NSEC3's span, from its owner hash to its next hash, covers {@code hashed}. */
  static boolean covers(NSEC3Record nsec3, Name hashed) {
    String owner = nsec3.getName().getLabelString(0).toUpperCase();
    String next = base32hex(nsec3.getNext());
    String h = hashed.getLabelString(0).toUpperCase();
    return owner.compareTo(next) < 0
        ? owner.compareTo(h) < 0 && h.compareTo(next) < 0
        : owner.compareTo(h) < 0 || h.compareTo(next) < 0; // the last span wraps round
  }

  private static String base32hex(byte[] hash) {
    return new org.xbill.DNS.utils.base32(
            org.xbill.DNS.utils.base32.Alphabet.BASE32HEX, false, false)
        .toString(hash);
  }

  private static <T extends Record> T only(Message m, Class<T> type) {
    List<T> found = all(m, type);
    assertThat(found).as("%s", m).hasSize(1);
    return found.get(0);
  }

  private static <T extends Record> List<T> all(Message m, Class<T> type) {
    return m.getSection(Section.AUTHORITY).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }
}
