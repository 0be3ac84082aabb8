package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Given the demo hierarchy signed with NSEC, with NSEC3 (no salt, 0 iterations, as RFC 9276 asks),
 * with NSEC3 opt-out, or with NSEC3 at 500 iterations, when a name that does not exist or a type a
 * name does not have is looked up, then the denial is SECURE when its NSEC or NSEC3 records prove
 * it (RFC 4035 section 5.4, RFC 5155 section 8), INSECURE where opt-out or the iteration count
 * leaves it unprovable, and BOGUS when the proof is missing, is for another name, or lies.
 */
class DnssecDenialTest {

  private static final Instant NOW = SignedLabs.NOW;

  private static Resolution lookUp(
      UnaryOperator<WorldSigner.Builder> how, UnaryOperator<DnsLab> faults, String name, int type) {
    SignedWorld signed = how.apply(WorldSigner.builder(DemoWorld.world(), NOW)).sign();
    return lookUp(signed, faults, name, type);
  }

  private static Resolution lookUp(
      SignedWorld signed, UnaryOperator<DnsLab> faults, String name, int type) {
    return SignedLabs.lookUp(signed, signed.world(), faults, name, type);
  }

  private static Resolution lookUp(UnaryOperator<WorldSigner.Builder> how, String name, int type) {
    return lookUp(how, UnaryOperator.identity(), name, type);
  }

  private static UnaryOperator<WorldSigner.Builder> nsec3(int iterations, boolean optOut) {
    return b -> b.nsec3(iterations, new byte[0], optOut);
  }

  private static void assertSecure(Resolution r, Status status) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.security().status()).as("%s", r.security()).isEqualTo(SecurityStatus.SECURE);
    assertThat(r.trace().steps())
        .last()
        .extracting(TraceStep::kind)
        .isEqualTo(StepKind.DNSSEC_SECURE);
  }

  // ---- NSEC ---------------------------------------------------------------------------------

  @Test
  void nxdomainIsProvenByTheNsecCoveringTheNameAndTheOneCoveringTheWildcard() {
    Resolution r = lookUp(UnaryOperator.identity(), "nosuch.example.com", Type.A);

    assertSecure(r, Status.NXDOMAIN);
    assertThat(r.security().detail())
        .contains("covers nosuch.example.com.")
        .contains("*.example.com.");
  }

  @Test
  void nodataIsProvenByTheNsecAtTheNameWithoutTheType() {
    Resolution r = lookUp(UnaryOperator.identity(), "www.example.com", Type.AAAA);

    assertSecure(r, Status.NODATA);
    assertThat(r.security().detail()).contains("NSEC at www.example.com. without AAAA");
  }

  @Test
  void nodataAtAnEmptyNonTerminalIsProvenByTheNsecWhoseNextNameLiesBelowIt() {
    Resolution r = lookUp(UnaryOperator.identity(), "ent.deep.example.net", Type.A);

    assertSecure(r, Status.NODATA);
    assertThat(r.security().detail()).contains("empty non-terminal");
  }

  @Test
  void aWildcardNodataIsProvenByTheCoverAndTheWildcardsOwnNsec() {
    Resolution r = lookUp(UnaryOperator.identity(), "any.wild.example.net", Type.MX);

    assertSecure(r, Status.NODATA);
    assertThat(r.security().detail()).contains("*.wild.example.net.");
  }

  @Test
  void theDsOfAnUnsignedDelegationIsAProvenNodataFromTheParent() {
    // The parent's NSEC at the cut lists NS but no DS (RFC 4035 section 5.4): a secure NODATA.
    Resolution nsec = lookUp(b -> b.unsigned("api.example.com."), "api.example.com", Type.DS);
    Resolution nsec3 =
        lookUp(
            b -> b.unsigned("api.example.com.").nsec3(0, new byte[0], false),
            "api.example.com",
            Type.DS);

    assertSecure(nsec, Status.NODATA);
    assertThat(nsec.security().detail()).contains("NSEC at api.example.com. without DS");
    assertSecure(nsec3, Status.NODATA);
  }

  @Test
  void aDenialWhoseNsecWasStrippedHasNsecMissing() {
    Resolution r =
        lookUp(
            UnaryOperator.identity(),
            lab -> stripping(lab, DemoWorld.NS1_EXAMPLE_COM, DemoWorld.NS2_EXAMPLE_COM),
            "nosuch.example.com",
            Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(12));
  }

  @Test
  void aNodataWhoseNsecListsTheTypeIsBogus() {
    // The zone's own signed NSEC at www replayed as a NODATA for www A: its signature verifies,
    // but its bitmap lists A, so it proves the opposite of the denial.
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), NOW);
    RRset nsecAtWww = signed.rrset("www.example.com.", Type.NSEC);
    UnaryOperator<Message> replay = m -> asNodata(m, nsecAtWww);

    Resolution r = lookUp(signed, lab -> onExampleCom(lab, replay), "www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(6));
    assertThat(r.security().detail()).contains("lists A");
  }

  // ---- RFC 8198: aggressive use of validated NSEC ---------------------------------------------

  @Test
  void aNameInsideAValidatedNsecSpanIsDeniedWithoutAQuery() {
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), NOW);
    try (DnsLab lab = DnsLab.start(signed.world());
        Resolver resolver = SignedLabs.validating(lab, signed).build()) {
      // nosuch. sorts between mail. and ns1.example.com. in canonical order, as does nosuchtoo.
      resolver.lookup("nosuch.example.com", Type.A);
      int before = lab.queryCount();

      Resolution r = resolver.lookup("nosuchtoo.example.com", Type.A);
      Resolution nodata = resolver.lookup("nosuch.example.com", Type.TXT);

      assertThat(lab.queryCount()).isEqualTo(before);
      assertThat(r.status()).isEqualTo(Status.NXDOMAIN);
      assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
      assertThat(r.trace().steps())
          .singleElement()
          .extracting(TraceStep::kind)
          .isEqualTo(StepKind.DNSSEC_SYNTHESIZED);
      assertThat(r.soa()).isPresent();
      assertThat(r.dnssecRecords()).anyMatch(rec -> rec.getType() == Type.NSEC);
      assertThat(nodata.status()).isEqualTo(Status.NXDOMAIN); // RFC 8020 from the cache, too
    }
  }

  @Test
  void aTypeTheNsecBitmapLacksIsDeniedWithoutAQuery() {
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), NOW);
    try (DnsLab lab = DnsLab.start(signed.world());
        Resolver resolver = SignedLabs.validating(lab, signed).build()) {
      resolver.lookup("www.example.com", Type.AAAA); // NODATA, with the NSEC at www
      int before = lab.queryCount();

      Resolution r = resolver.lookup("www.example.com", Type.MX);
      Resolution exists = resolver.lookup("www.example.com", Type.A);

      assertThat(r.status()).isEqualTo(Status.NODATA);
      assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
      assertThat(r.trace().steps())
          .extracting(TraceStep::kind)
          .containsExactly(StepKind.DNSSEC_SYNTHESIZED);
      assertThat(exists.status()).isEqualTo(Status.NOERROR); // A is in the bitmap: asked
      assertThat(lab.queryCount()).isEqualTo(before + 1);
    }
  }

  @Test
  void nsec3SpansAreNotUsedAggressively() {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), NOW).nsec3(0, new byte[0], false).sign();
    try (DnsLab lab = DnsLab.start(signed.world());
        Resolver resolver = SignedLabs.validating(lab, signed).build()) {
      resolver.lookup("nosuch.example.com", Type.A);
      int before = lab.queryCount();

      Resolution r = resolver.lookup("nosuchtoo.example.com", Type.A);

      assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
      assertThat(lab.queryCount()).isGreaterThan(before);
    }
  }

  @Test
  void aSignedProofForAnotherNameIsNsecMissing() {
    // The zone's own signed NSEC at www (www -> the apex) replayed as the proof of nosuch: it
    // verifies, but its span does not hold nosuch, which sorts before www.
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), NOW);
    RRset nsecAtWww = signed.rrset("www.example.com.", Type.NSEC);
    UnaryOperator<Message> replay = m -> withProof(withoutDenials(m), nsecAtWww);

    Resolution r = lookUp(signed, lab -> onExampleCom(lab, replay), "nosuch.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(12));
    assertThat(r.security().detail()).contains("no NSEC covers nosuch.example.com.");
  }

  // ---- NSEC3 --------------------------------------------------------------------------------

  @Test
  void nsec3NxdomainIsProvenByTheClosestEncloserProof() {
    Resolution r = lookUp(nsec3(0, false), "nosuch.example.com", Type.A);

    assertSecure(r, Status.NXDOMAIN);
    assertThat(r.security().detail()).contains("closest encloser example.com.");
  }

  @Test
  void nsec3NodataIsProvenByTheNsec3MatchingTheName() {
    Resolution r = lookUp(nsec3(0, false), "www.example.com", Type.AAAA);

    assertSecure(r, Status.NODATA);
    assertThat(r.security().detail()).contains("NSEC3 matching www.example.com.");
  }

  @Test
  void nsec3NodataAtAnEmptyNonTerminalIsProvenByItsOwnNsec3() {
    Resolution r = lookUp(nsec3(0, false), "ent.deep.example.net", Type.A);

    assertSecure(r, Status.NODATA);
  }

  @Test
  void aWildcardExpansionInAnNsec3ZoneIsSecureWithItsNextCloserCovered() {
    Resolution r = lookUp(nsec3(0, false), "x.wild.example.net", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
  }

  @Test
  void anNxdomainInAnOptOutSpanIsInsecure() {
    Resolution r = lookUp(nsec3(0, true), "nosuch.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.INSECURE);
    assertThat(r.security().detail()).contains("Opt-Out");
  }

  @Test
  void aZoneWithTooManyNsec3IterationsGivesInsecureDenialsButSecureAnswers() {
    // RFC 9276 section 3.2: above the limit (150, Unbound's) a validator need not hash; the
    // denial is then insecure. A positive answer needs no NSEC3 and stays secure.
    Resolution denial = lookUp(nsec3(500, false), "nosuch.example.com", Type.A);
    Resolution answer = lookUp(nsec3(500, false), "www.example.com", Type.A);

    assertThat(denial.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(denial.security().status()).isEqualTo(SecurityStatus.INSECURE);
    assertThat(denial.security().detail()).contains("500 iterations");
    assertThat(denial.security().extendedError()).isEqualTo(OptionalInt.of(27));
    assertThat(answer.security().status()).isEqualTo(SecurityStatus.SECURE);
  }

  @Test
  void anNsec3DenialWithoutItsProofIsBogus() {
    Resolution r =
        lookUp(
            nsec3(0, false),
            lab -> stripping(lab, DemoWorld.NS1_EXAMPLE_COM, DemoWorld.NS2_EXAMPLE_COM),
            "nosuch.example.com",
            Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(12));
  }

  // ---- Faults -------------------------------------------------------------------------------

  /** Both example.com. servers rewrite their responses with {@code rewrite}. */
  private static DnsLab onExampleCom(DnsLab lab, UnaryOperator<Message> rewrite) {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(rewrite));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.mutate(rewrite));
    return lab;
  }

  private static DnsLab stripping(DnsLab lab, String... servers) {
    for (String server : servers) {
      lab.server(server).fault(Fault.mutate(DnssecDenialTest::withoutDenials));
    }
    return lab;
  }

  /** The response without its NSEC and NSEC3 records and their RRSIGs. */
  private static Message withoutDenials(Message response) {
    Message out = response.clone();
    for (Record r : response.getSection(Section.AUTHORITY)) {
      boolean denial = r.getType() == Type.NSEC || r.getType() == Type.NSEC3;
      boolean itsSig =
          r instanceof RRSIGRecord sig
              && (sig.getTypeCovered() == Type.NSEC || sig.getTypeCovered() == Type.NSEC3);
      if (denial || itsSig) {
        out.removeRecord(r, Section.AUTHORITY);
      }
    }
    return out;
  }

  /** A denial with {@code nsec} (and its RRSIGs) added to its authority section. */
  private static Message withProof(Message response, RRset nsec) {
    if (response.getRcode() != org.xbill.DNS.Rcode.NXDOMAIN) {
      return response;
    }
    nsec.rrs(false).forEach(r -> response.addRecord(r, Section.AUTHORITY));
    nsec.sigs().forEach(r -> response.addRecord(r, Section.AUTHORITY));
    return response;
  }

  /**
   * An A answer for www turned into a NODATA: the answer section emptied, the zone's SOA (with its
   * RRSIG) and {@code nsec} put in authority, as a replay of another answer would be.
   */
  private static Message asNodata(Message response, RRset nsec) {
    boolean answersWww =
        response.getSection(Section.ANSWER).stream()
            .anyMatch(r -> r.getType() == Type.A && r.getName().equals(nsec.getName()));
    if (!answersWww) {
      return response;
    }
    Message out = response.clone();
    for (Record r : response.getSection(Section.ANSWER)) {
      out.removeRecord(r, Section.ANSWER);
    }
    nsec.rrs(false).forEach(r -> out.addRecord(r, Section.AUTHORITY));
    nsec.sigs().forEach(r -> out.addRecord(r, Section.AUTHORITY));
    return out;
  }
}
