package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.dnssec.Denial;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A pre-signed zone served as NSD serves one: DNSSEC records only to DO=1 queries, the RRSIGs of
 * each RRset returned, DS or the proof of no DS at a cut, NSEC and NSEC3 proofs of non-existence.
 * The signatures here are placeholders (nothing is verified when serving).
 */
class SignedZoneServingTest {

  private static final String SIG = "20270101000000 20260101000000 4711 ";

  private static final World NSEC_WORLD =
      World.builder()
          .zone(
              "signed.test.",
              """
              @ IN SOA ns.signed.test. admin.signed.test. 1 3600 900 604800 60
              @ IN RRSIG SOA 13 2 3600 %1$s signed.test. AAAA
              @ IN NS ns.signed.test.
              @ IN RRSIG NS 13 2 3600 %1$s signed.test. AAAA
              @ IN DNSKEY 257 3 13 AAAA
              @ IN RRSIG DNSKEY 13 2 3600 %1$s signed.test. AAAA
              @ IN NSEC child.signed.test. SOA NS DNSKEY RRSIG NSEC
              @ IN RRSIG NSEC 13 2 60 %1$s signed.test. AAAA
              child IN NS ns.child.signed.test.
              child IN DS 1234 13 2 0000000000000000000000000000000000000000000000000000000000000000
              child IN RRSIG DS 13 3 3600 %1$s signed.test. AAAA
              child IN NSEC insecure.signed.test. NS DS RRSIG NSEC
              child IN RRSIG NSEC 13 3 60 %1$s signed.test. AAAA
              ns.child IN A 127.61.0.2
              insecure IN NS ns.insecure.signed.test.
              insecure IN NSEC ns.signed.test. NS RRSIG NSEC
              insecure IN RRSIG NSEC 13 3 60 %1$s signed.test. AAAA
              ns.insecure IN A 127.61.0.3
              ns IN A 127.61.0.1
              ns IN RRSIG A 13 3 3600 %1$s signed.test. AAAA
              ns IN NSEC www.signed.test. A RRSIG NSEC
              ns IN RRSIG NSEC 13 3 60 %1$s signed.test. AAAA
              www IN A 127.61.0.9
              www IN RRSIG A 13 3 3600 %1$s signed.test. AAAA
              www IN NSEC signed.test. A RRSIG NSEC
              www IN RRSIG NSEC 13 3 60 %1$s signed.test. AAAA
              """
                  .formatted(SIG))
          .server("ns.signed.test.", "127.61.0.1", "signed.test.")
          .build();

  private static Message ask(World world, String name, int type, boolean dnssecOk) {
    Message query = Dig.query(name, type);
    query.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return AuthoritativeAnswerer.forServer(world, "ns.signed.test.").answer(query);
  }

  private static List<String> types(Message m, int section) {
    return m.getSection(section).stream()
        .map(
            r ->
                r.getName()
                    + " "
                    + Type.string(r.getType())
                    + (r.getType() == Type.RRSIG
                        ? " " + Type.string(((org.xbill.DNS.RRSIGRecord) r).getTypeCovered())
                        : ""))
        .toList();
  }

  @Test
  void withoutDoTheZoneLooksUnsigned() {
    Message m = ask(NSEC_WORLD, "www.signed.test.", Type.A, false);

    assertThat(types(m, Section.ANSWER)).containsExactly("www.signed.test. A");
    assertThat(m.getSection(Section.AUTHORITY)).isEmpty();
  }

  @Test
  void withDoAnAnswerCarriesItsSignature() {
    Message m = ask(NSEC_WORLD, "www.signed.test.", Type.A, true);

    assertThat(types(m, Section.ANSWER))
        .containsExactly("www.signed.test. A", "www.signed.test. RRSIG A");
  }

  @Test
  void theApexKeySetIsSigned() {
    Message m = ask(NSEC_WORLD, "signed.test.", Type.DNSKEY, true);

    assertThat(types(m, Section.ANSWER))
        .containsExactly("signed.test. DNSKEY", "signed.test. RRSIG DNSKEY");
  }

  @Test
  void aReferralToASignedChildCarriesTheSignedDs() {
    Message m = ask(NSEC_WORLD, "www.child.signed.test.", Type.A, true);

    assertThat(types(m, Section.AUTHORITY))
        .containsExactly(
            "child.signed.test. NS", "child.signed.test. DS", "child.signed.test. RRSIG DS");
  }

  @Test
  void aReferralToAnUnsignedChildProvesThereIsNoDs() {
    Message m = ask(NSEC_WORLD, "www.insecure.signed.test.", Type.A, true);

    assertThat(types(m, Section.AUTHORITY))
        .containsExactly(
            "insecure.signed.test. NS",
            "insecure.signed.test. NSEC",
            "insecure.signed.test. RRSIG NSEC");
  }

  @Test
  void aDsQueryIsAnsweredByTheParentWithTheProofWhenThereIsNone() {
    Message m = ask(NSEC_WORLD, "insecure.signed.test.", Type.DS, true);

    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(types(m, Section.AUTHORITY))
        .containsExactly(
            "signed.test. SOA",
            "signed.test. RRSIG SOA",
            "insecure.signed.test. NSEC",
            "insecure.signed.test. RRSIG NSEC");
  }

  @Test
  void nodataShowsTheNsecWhoseBitmapLacksTheType() {
    Message m = ask(NSEC_WORLD, "www.signed.test.", Type.AAAA, true);

    assertThat(types(m, Section.AUTHORITY))
        .containsExactly(
            "signed.test. SOA",
            "signed.test. RRSIG SOA",
            "www.signed.test. NSEC",
            "www.signed.test. RRSIG NSEC");
  }

  @Test
  void nxdomainShowsTheNsecCoveringTheNameAndTheOneCoveringTheWildcard() {
    Message m = ask(NSEC_WORLD, "nope.signed.test.", Type.A, true);

    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    // nope < ns in canonical order, so insecure's NSEC (insecure -> ns) covers it; *.signed.test
    // sorts before child, so the apex NSEC (apex -> child) covers the wildcard.
    assertThat(types(m, Section.AUTHORITY))
        .containsExactly(
            "signed.test. SOA",
            "signed.test. RRSIG SOA",
            "insecure.signed.test. NSEC",
            "insecure.signed.test. RRSIG NSEC",
            "signed.test. NSEC",
            "signed.test. RRSIG NSEC");
  }

  @Test
  void nsec3OptOutProvesAnUnsignedDelegationByItsClosestEncloser() throws Exception {
    // NSEC3PARAM 1 0 0 -: SHA-1, no extra iterations, no salt.
    String apexHash = hashLabel("opt.test.");
    String childHash = hashLabel("child.opt.test.");
    // One NSEC3 for the apex whose opt-out span covers every other hash, the child's included.
    World world =
        World.builder()
            .zone(
                "opt.test.",
                """
                @ IN SOA ns.signed.test. admin.opt.test. 1 3600 900 604800 60
                @ IN NS ns.signed.test.
                @ IN NSEC3PARAM 1 0 0 -
                %1$s IN NSEC3 1 1 0 - %1$s NS SOA RRSIG NSEC3PARAM
                %1$s IN RRSIG NSEC3 13 3 60 %2$s opt.test. AAAA
                child IN NS ns.elsewhere.test.
                """
                    .formatted(apexHash, SIG))
            .server("ns.signed.test.", "127.61.0.1", "opt.test.")
            .build();

    Message m = ask(world, "www.child.opt.test.", Type.A, true);

    assertThat(childHash).isNotEqualTo(apexHash);
    assertThat(types(m, Section.AUTHORITY))
        .containsExactly(
            "child.opt.test. NS",
            apexHash + ".opt.test. NSEC3",
            apexHash + ".opt.test. RRSIG NSEC3");
  }

  private static String hashLabel(String name) {
    org.xbill.DNS.Name zone = org.xbill.DNS.Name.fromConstantString("opt.test.");
    return Denial.hashedOwner(zone, org.xbill.DNS.Name.fromConstantString(name), 0, new byte[0])
        .getLabelString(0);
  }
}
