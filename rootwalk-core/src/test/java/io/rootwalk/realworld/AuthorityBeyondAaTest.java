package io.rootwalk.realworld;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.LAST_RESORT;
import static io.rootwalk.StepKind.NODATA;
import static io.rootwalk.StepKind.NXDOMAIN;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.LabResolvers;
import io.rootwalk.LameReason;
import io.rootwalk.Resolution;
import io.rootwalk.cache.Rank;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Servers that omit AA, or set RA, as real ones do (issue 10, classes 1 and 2). Authority is read
 * from AA, RA and the zone's SOA together: AA-clear data from a server without recursion is used at
 * the non-authoritative rank (RFC 2181 section 5.4.1; Unbound's provisional answers), a denial
 * needs AA or the zone's SOA (Knot), and a recursive server's answer is only a last resort.
 */
class AuthorityBeyondAaTest {

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(
          () ->
              DemoWorld.world().toBuilder()
                  .extendZone("example.com.", "alias IN CNAME www\n")
                  .build());

  private void bothExampleComServers(Fault fault) {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(fault);
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(fault);
  }

  @Test
  void rootServersThatOmitAaStillPrime() {
    lab.server(DemoWorld.A_ROOT).fault(Fault.notAuthoritative());
    lab.server(DemoWorld.B_ROOT).fault(Fault.notAuthoritative());

    assertThat(lab.lookup("www.example.com", Type.A))
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  void anAnswerWithoutAaFromAServerWithoutRecursionIsUsedAndCachedBelowAuthoritativeData() {
    bothExampleComServers(Fault.notAuthoritative());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
    assertThat(r.trace().exchanges().get(3).outcome())
        .isInstanceOfSatisfying(
            io.rootwalk.Outcome.Answer.class, a -> assertThat(a.authoritative()).isFalse());
    assertThat(Misbehaviour.cachedRank(lab.resolver(), "www.example.com.", Type.A))
        .isEqualTo(Rank.ANSWER);
  }

  @Test
  void anNxdomainWithoutAaIsBelievedWhenItCarriesTheZonesSoa() {
    bothExampleComServers(Fault.notAuthoritative());

    assertThat(lab.lookup("nope.example.com", Type.A))
        .isNxDomain()
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, NXDOMAIN);
  }

  @Test
  void anNxdomainWithNeitherAaNorSoaIsLame() {
    bothExampleComServers(Misbehaviour.withoutAaNorSection(Section.AUTHORITY));

    Resolution r = lab.lookup("nope.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.ALL_SERVERS_LAME);
    assertThat(r).trace().lastExchange().isLame(LameReason.NOT_AUTHORITATIVE);
  }

  @Test
  void anEntirelyEmptyNoerrorFromAServerWithoutRecursionIsNodata() {
    bothExampleComServers(Misbehaviour.withoutAaNorSection(Section.AUTHORITY));

    assertThat(lab.lookup("www.example.com", Type.MX))
        .isNoData()
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA);
  }

  @Test
  void aRecursionLameServerIsPassedOverWhileAnotherServerAnswers() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.recursionLame());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS);
    assertThat(r).trace().lastExchange().wentTo(DemoWorld.NS2_EXAMPLE_COM).isAuthoritativeAnswer();
    assertThat(r.trace().steps()).extracting(s -> s.kind()).doesNotContain(LAST_RESORT);
  }

  @Test
  void aRecursionLameAnswerIsTheLastResortWhenEveryOtherServerFails() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.recursionLame());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.refused());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, LAME, LAST_RESORT);
    assertThat(r.trace().exchanges())
        .filteredOn(e -> e.server().nameServer().toString().equals(DemoWorld.NS1_EXAMPLE_COM))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.outcome())
                    .isInstanceOfSatisfying(
                        io.rootwalk.Outcome.Lame.class,
                        l -> assertThat(l.reason()).isEqualTo(LameReason.RECURSION_LAME)));
    assertThat(Misbehaviour.cachedRank(lab.resolver(), "www.example.com.", Type.A))
        .as("a last resort is cached below anything an authoritative server says")
        .isEqualTo(Rank.ANSWER);
  }

  @Test
  void aProvisionalCopyNeverDisplacesLiveAuthoritativeData() {
    assertThat(lab.lookup("www.example.com", Type.A))
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS);

    // Now the zone's servers answer without AA, and carry a different address for www along
    // an alias: the alias may be used, but www's authoritative RRset must stay as it was.
    Fault poisoning =
        Fault.mutate(
            m -> {
              m.getHeader().unsetFlag(Flags.AA);
              for (org.xbill.DNS.Record r : java.util.List.copyOf(m.getSection(Section.ANSWER))) {
                if (r.getType() == Type.A) {
                  m.removeRecord(r, Section.ANSWER);
                  m.addRecord(
                      new org.xbill.DNS.ARecord(
                          r.getName(), DClass.IN, r.getTTL(), Misbehaviour.address("192.0.2.66")),
                      Section.ANSWER);
                }
              }
              return m;
            });
    bothExampleComServers(poisoning);
    assertThat(lab.lookup("alias.example.com", Type.A))
        .as("the provisional chain is used for the alias it answers")
        .isNoError()
        .hasAddresses("192.0.2.66");

    assertThat(lab.lookup("www.example.com", Type.A))
        .as("the authoritative RRset is still the one cached")
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .sentUpstreamQueries(0);
    assertThat(Misbehaviour.cachedRank(lab.resolver(), "www.example.com.", Type.A))
        .isEqualTo(Rank.AUTHORITATIVE_ANSWER);
  }
}
