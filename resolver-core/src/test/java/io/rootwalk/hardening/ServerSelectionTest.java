package io.rootwalk.hardening;

import io.rootwalk.ResolverInternals;
import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.NXDOMAIN;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static io.rootwalk.StepKind.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Choosing among a zone's servers: the next one on loss or failure, the fast one once measured,
 * and a server that timed out or was lame avoided afterwards (Unbound's infra cache).
 */
class ServerSelectionTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;

  @BeforeEach
  void start() {
    resolver = Hardening.resolverFor(lab.get()).build();
  }

  @AfterEach
  void stop() {
    resolver.close();
  }

  @Test
  void packetLossOnOneOfTwoServersIsAnsweredByTheOtherAndTheDeadOneIsBackedOff() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.drop());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TIMEOUT, ANSWER).sentUpstreamQueries(5);
    List<TraceStep.Exchange> ex = r.trace().exchanges();
    assertThat(ex.get(3).server().name()).hasToString(DemoWorld.NS1_EXAMPLE_COM);
    assertThat(ex.get(3).outcome()).isInstanceOf(Outcome.Timeout.class);
    assertThat(ex.get(4).server().name()).hasToString(DemoWorld.NS2_EXAMPLE_COM);
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM)).hasSize(1);

    // Later lookups in the zone go to the live server: the dead one's RTT estimate was backed off.
    // One pick in 20 explores at random, so allow one unlucky exploration among six lookups.
    int timedOut = 0;
    for (int i = 0; i < 6; i++) {
      Resolution next = resolver.lookup("host" + i + ".example.com", Type.A);
      assertThat(next).isNxDomain();
      assertThat(next.trace().steps().get(0).kind()).isEqualTo(CACHED_DELEGATION);
      assertThat(next.trace().steps().get(next.trace().steps().size() - 1).kind()).isEqualTo(NXDOMAIN);
      if (next.trace().steps().stream().anyMatch(s -> s.kind() == TIMEOUT)) {
        timedOut++;
      }
    }
    assertThat(timedOut).as("lookups that timed out on the dead server again").isLessThanOrEqualTo(1);
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM)).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void theFastServerIsPreferredOnceBothAreMeasured() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.delay(Duration.ofMillis(60)));
    resolver.lookup("www.example.com", Type.A); // measures ns1 (first in delegation order)
    resolver.lookup("mail.example.com", Type.A); // measures ns2 (the unmeasured one goes next)
    int before = lab.get().queryCount();

    for (int i = 0; i < 10; i++) {
      assertThat(resolver.lookup("fast" + i + ".example.com", Type.A)).isNxDomain().sentUpstreamQueries(1);
    }

    List<RecordedQuery> last = Hardening.queriesSince(lab.get(), before);
    long toFast = last.stream()
        .filter(q -> q.server().getHostAddress().equals(DemoWorld.NS2_EXAMPLE_COM_ADDRESS)).count();
    assertThat(last).hasSize(10);
    assertThat(toFast).as("of the last 10 exchanges with example.com, to the fast ns2; log: %s", last)
        .isGreaterThanOrEqualTo(7);
  }

  @Test
  void anUpwardReferralMarksTheServerLameAndItIsSkippedForTheZoneAfterwards() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.upwardReferral());

    Resolution r = resolver.lookup("www.example.com", Type.A);
    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, ANSWER);
    Outcome.Lame lame = (Outcome.Lame) r.trace().exchanges().get(3).outcome();
    assertThat(lame.reason()).isEqualTo(LameReason.UPWARD_REFERRAL);

    int ns1Before = lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM).size();
    for (int i = 0; i < 5; i++) {
      Resolution next = resolver.lookup("lame" + i + ".example.com", Type.A);
      assertThat(next).isNxDomain().hasStepKinds(CACHED_DELEGATION, NXDOMAIN);
      assertThat(next.trace().exchanges().get(0).server().name()).hasToString(DemoWorld.NS2_EXAMPLE_COM);
    }
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM)).hasSize(ns1Before);
    assertThat(ResolverInternals.cache(resolver).delegations().closest(Hardening.name("www.example.com")).orElseThrow().zone())
        .as("the upward referral did not replace the zone cut").hasToString("example.com.");
  }

  @Test
  void servfailMovesOnToTheNextServerAndTheFailureIsListedWhenAllFail() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.servFail());

    Resolution r = resolver.lookup("www.example.com", Type.A);
    assertThat(r).isNoError().hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, ANSWER);
    assertThat(((Outcome.Lame) r.trace().exchanges().get(3).outcome()).reason()).isEqualTo(LameReason.SERVFAIL);

    lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.notAuthoritative());
    Resolution both = resolver.lookup("mail.example.com", Type.A);
    assertThat(both).isServFail(io.rootwalk.FailureReason.ALL_SERVERS_LAME);
    assertThat(both.trace().steps()).extracting(TraceStep::kind).containsExactly(CACHED_DELEGATION, LAME, LAME);
    assertThat(both.failure().orElseThrow().detail())
        .contains(DemoWorld.NS1_EXAMPLE_COM_ADDRESS).contains(DemoWorld.NS2_EXAMPLE_COM_ADDRESS)
        .contains("SERVFAIL").contains("NOT_AUTHORITATIVE");
  }

  static boolean timedOut(Resolution r) {
    return r.trace().steps().stream().map(TraceStep::kind).anyMatch(k -> k == StepKind.TIMEOUT);
  }
}
