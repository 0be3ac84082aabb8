package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CNAME;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.LameReason;
import io.rootwalk.Rejection;
import io.rootwalk.Resolution;
import io.rootwalk.ResolverInternals;
import io.rootwalk.TraceAssert;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Cache-poisoning attempts by a server that is authoritative for example.com (Kashpureff 1997,
 * Kaminsky 2008, and their relatives): each lie is dropped by the bailiwick scrubber, listed in the
 * exchange's {@code rejected()}, and never reaches the cache: asking for the poisoned data later
 * goes to the rightful servers.
 */
class BailiwickPoisoningTest {

  @RegisterExtension final LabResolvers lab = Hardening.lab(DemoWorld.world());

  /** Installs the same rewrite on both example.com servers, for answers to {@code when}. */
  private void exampleComServers(Predicate<Message> when, Consumer<Message> edit) {
    Fault f = Hardening.mutateWhen(when, edit);
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(f);
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(f);
  }

  /**
   * Given both example.com servers add {@code lies} to {@code section} of their www.example.com A
   * answers.
   */
  private void exampleComServersAddToTheWwwAnswer(int section, org.xbill.DNS.Record... lies) {
    exampleComServers(Hardening.asking("www.example.com.", Type.A), Hardening.add(section, lies));
  }

  /** What the resolver's cache holds for {@code name}/{@code type}. */
  private Optional<?> cached(String name, int type) {
    return ResolverInternals.cache(lab.resolver()).rrsets().get(Hardening.name(name), type);
  }

  @Test
  void authorityNsClaimingTheParentOrAnotherTldIsRejectedAndNeverCached() {
    exampleComServersAddToTheWwwAnswer(
        Section.AUTHORITY,
        Hardening.rr("com.", Type.NS, "ns1.example.com."),
        Hardening.rr("org.", Type.NS, "ns1.example.com."));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
        .trace()
        .exchange(3)
        .hasRejected("AUTHORITY com. NS", "AUTHORITY org. NS");
    Delegation com =
        ResolverInternals.cache(lab.resolver())
            .delegations()
            .closest(Hardening.name("anything.com."))
            .orElseThrow();
    assertThat(com.zone()).hasToString("com.");
    assertThat(com.nameServers())
        .extracting(Name::toString)
        .containsExactlyInAnyOrder(DemoWorld.A_GTLD, DemoWorld.B_GTLD);
    assertThat(
            ResolverInternals.cache(lab.resolver())
                .delegations()
                .closest(Hardening.name("www.example.org."))
                .orElseThrow()
                .zone())
        .isEqualTo(Name.root);

    int toExampleCom = exampleComQueries();
    Resolution org = lab.lookup("www.example.org", Type.A);
    assertThat(org)
        .isNoError()
        .hasAddresses("192.0.2.100")
        .hasStepKinds(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER)
        .trace()
        .exchange(0)
        .wentToOneOf(DemoWorld.A_ROOT, DemoWorld.B_ROOT);
    assertThat(exampleComQueries())
        .as("example.com's servers were not asked about org.")
        .isEqualTo(toExampleCom);
  }

  @Test
  void additionalAddressForAnUnrelatedNameIsRejectedAndNeverCached() {
    exampleComServersAddToTheWwwAnswer(
        Section.ADDITIONAL,
        Hardening.rr("www.bank.com.", Type.A, "6.6.6.6"),
        Hardening.rr("mail.example.com.", Type.A, "6.6.6.6"));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .trace()
        .hasRejected("ADDITIONAL www.bank.com. A", "ADDITIONAL mail.example.com. A");
    assertThat(cached("www.bank.com.", Type.A)).isEmpty();
    assertThat(cached("mail.example.com.", Type.A)).isEmpty();

    Resolution bank = lab.lookup("www.bank.com", Type.A);
    assertThat(bank)
        .isNxDomain()
        .hasStepKinds(
            CACHED_DELEGATION, io.rootwalk.StepKind.NXDOMAIN, io.rootwalk.StepKind.NXDOMAIN)
        .trace()
        .exchange(0)
        .atZoneCut("com.");
    // Changed on purpose (issue 17): with QNAME minimisation on by default, com. is probed with
    // bank.com. A, and its NXDOMAIN is confirmed with the full name at the same server before it
    // counts (RFC 9156 section 3); both went to com., none to the forged address.
    assertThat(bank).trace().exchange(1).atZoneCut("com.");
    Resolution mail = lab.lookup("mail.example.com", Type.A);
    assertThat(mail)
        .isNoError()
        .hasAddresses("93.184.216.50")
        .hasStepKinds(CACHED_DELEGATION, ANSWER);
  }

  @Test
  void answerRecordsForOtherNamesAreRejectedAndNeverCached() {
    exampleComServersAddToTheWwwAnswer(
        Section.ANSWER,
        Hardening.rr("www.victim.com.", Type.A, "6.6.6.6"),
        Hardening.rr("mail.example.com.", Type.A, "6.6.6.6"),
        Hardening.rr("www.example.com.", Type.AAAA, "2001:db8::666"),
        Hardening.rr("com.", Type.DNAME, "evil.org."));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers("www.example.com. A 93.184.216.34")
        .trace()
        .exchange(3)
        .hasRejected(
            "ANSWER www.victim.com. A",
            "ANSWER mail.example.com. A",
            "ANSWER www.example.com. AAAA",
            "ANSWER com. DNAME");
    assertThat(cached("www.victim.com.", Type.A)).isEmpty();
    assertThat(cached("mail.example.com.", Type.A)).isEmpty();
    assertThat(cached("www.example.com.", Type.AAAA)).isEmpty();
    assertThat(cached("com.", Type.DNAME)).isEmpty();

    assertThat(lab.lookup("www.victim.com", Type.A)).isNxDomain();
    assertThat(lab.lookup("mail.example.com", Type.A)).isNoError().hasAddresses("93.184.216.50");
  }

  @Test
  void kaminskyStyleOutOfZoneTargetAddressIsRejectedAndTheTargetAskedWhereItLives() {
    exampleComServers(
        Hardening.asking("www.example.com.", Type.A),
        m -> {
          m.removeAllRecords(Section.ANSWER);
          m.addRecord(
              Hardening.rr("www.example.com.", Type.CNAME, "www.example.org."), Section.ANSWER);
          m.addRecord(Hardening.rr("www.example.org.", Type.A, "6.6.6.6"), Section.ANSWER);
        });

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers("www.example.com. CNAME www.example.org.", "www.example.org. A 192.0.2.100")
        .hasStepKinds(
            PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER)
        .trace()
        .exchange(3)
        .hasRejectedExactly("ANSWER www.example.org. A");
    assertThat(
            ResolverInternals.cache(lab.resolver())
                .rrsets()
                .get(Hardening.name("www.example.org."), Type.A)
                .orElseThrow()
                .rrset()
                .first()
                .rdataToString())
        .isEqualTo("192.0.2.100");
  }

  @Test
  void referralGlueForNameServersOutsideTheReferringZoneIsRejected() {
    // com.'s servers add an NS outside com. with "glue", and glue for a com. name no NS names.
    Fault poison =
        Hardening.mutateWhen(
            Hardening.askingUnder("example.com."),
            m -> {
              m.addRecord(
                  Hardening.rr("example.com.", Type.NS, "ns1.example.org."), Section.AUTHORITY);
              m.addRecord(
                  Hardening.rr("ns1.example.org.", Type.A, "127.53.12.1"), Section.ADDITIONAL);
              m.addRecord(
                  Hardening.rr("ns1.tumblr.com.", Type.A, "127.53.14.1"), Section.ADDITIONAL);
            });
    lab.server(DemoWorld.A_GTLD).fault(poison);
    lab.server(DemoWorld.B_GTLD).fault(poison);

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
        .trace()
        .exchange(2)
        .hasRejected("ADDITIONAL ns1.example.org. A", "ADDITIONAL ns1.tumblr.com. A")
        .hasGlueAddresses(DemoWorld.NS1_EXAMPLE_COM_ADDRESS, DemoWorld.NS2_EXAMPLE_COM_ADDRESS);
    assertThat(lab.get().queriesTo("127.53.12.1")).isEmpty();

    Resolution tumblr = lab.lookup("example.tumblr.com", Type.A);
    assertThat(tumblr).isNoError().hasAddresses("192.0.2.30");
    assertThat(lab.get().queriesTo("127.53.14.1"))
        .as("the planted ns1.tumblr.com address was never used")
        .isEmpty();
    assertThat(lab.get().queriesTo("127.53.12.1")).hasSize(1);
  }

  @Test
  void aSidewaysReferralInsideTheZoneIsLameAndNotFollowed() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM)
        .fault(
            Hardening.mutateWhen(
                Hardening.asking("www.example.com.", Type.A),
                m ->
                    referInstead(
                        m,
                        Hardening.rr("mail.example.com.", Type.NS, "ns.mail.example.com."),
                        Hardening.rr("ns.mail.example.com.", Type.A, "127.53.12.1"))));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertSidewaysThenAnswer(r);
    assertThat(
            ResolverInternals.cache(lab.resolver())
                .delegations()
                .closest(Hardening.name("www.mail.example.com."))
                .orElseThrow()
                .zone())
        .hasToString("example.com.");
    assertThat(lab.get().queriesTo("127.53.12.1")).isEmpty();
  }

  @Test
  void aSidewaysReferralToAnotherZoneIsLameAndNotFollowed() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM)
        .fault(
            Hardening.mutateWhen(
                Hardening.asking("www.example.com.", Type.A),
                m -> referInstead(m, Hardening.rr("tumblr.com.", Type.NS, "ns1.example.com."))));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertSidewaysThenAnswer(r);
    Delegation tumblr =
        ResolverInternals.cache(lab.resolver())
            .delegations()
            .closest(Hardening.name("example.tumblr.com."))
            .orElseThrow();
    assertThat(tumblr.zone()).hasToString("com.");
  }

  private void assertSidewaysThenAnswer(Resolution r) {
    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, ANSWER)
            .trace();
    trace
        .exchange(3)
        .wentTo(DemoWorld.NS1_EXAMPLE_COM)
        .isLame(LameReason.SIDEWAYS_REFERRAL)
        .hasRejectedFrom(Rejection.Section.AUTHORITY);
    trace.exchange(4).wentTo(DemoWorld.NS2_EXAMPLE_COM);
  }

  /** Turns an answer into a non-authoritative referral made of {@code ns} and its glue. */
  private static void referInstead(
      Message m, org.xbill.DNS.Record ns, org.xbill.DNS.Record... glue) {
    m.removeAllRecords(Section.ANSWER);
    m.removeAllRecords(Section.AUTHORITY);
    m.getHeader().unsetFlag(Flags.AA);
    m.addRecord(ns, Section.AUTHORITY);
    for (org.xbill.DNS.Record g : glue) {
      m.addRecord(g, Section.ADDITIONAL);
    }
  }

  private int exampleComQueries() {
    return lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM).size()
        + lab.get().queriesTo(DemoWorld.NS2_EXAMPLE_COM).size();
  }
}
