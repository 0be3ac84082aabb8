package io.rootwalk.hardening;

import io.rootwalk.ResolverInternals;
import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.EDNS_REJECTED;
import static io.rootwalk.StepKind.MALFORMED;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static io.rootwalk.StepKind.TIMEOUT;
import static io.rootwalk.StepKind.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Outcome;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.TraceStep;
import io.rootwalk.spi.Protocol;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import io.rootwalk.testing.Wire;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * UDP first with EDNS(0) at 1232 bytes; TCP on truncation (RFC 7766, RFC 9471 for referrals);
 * no EDNS only after FORMERR/NOTIMP/BADVERS, remembered per server (RFC 6891 section 7), never
 * because of a timeout (DNS Flag Day 2019); unparseable bytes are a failure of that server only.
 */
class TransportFallbackTest {

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
  void queriesGoOutOverUdpWithEdnsAdvertising1232Bytes() {
    assertThat(resolver.lookup("www.example.com", Type.A)).isNoError();

    assertThat(lab.get().queries()).isNotEmpty().allSatisfy(q -> {
      assertThat(q.protocol()).isEqualTo(Wire.UDP);
      assertThat(q.edns()).isTrue();
      assertThat(q.ednsPayloadSize()).isEqualTo(1232);
      assertThat(q.message().getHeader().getFlag(org.xbill.DNS.Flags.RD)).as("iterative: RD clear").isFalse();
    });
  }

  @Test
  void rfc7766_aTruncatedAnswerIsRetriedOverTcp() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.truncateUdp());
    lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.truncateUdp());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, ANSWER).sentUpstreamQueries(5);
    List<TraceStep.Exchange> ex = r.trace().exchanges();
    assertThat(ex.get(3).protocol()).isEqualTo(Protocol.UDP);
    assertThat(ex.get(4).protocol()).isEqualTo(Protocol.TCP);
    assertThat(ex.get(4).server()).isEqualTo(ex.get(3).server());
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM)).extracting(RecordedQuery::protocol)
        .containsExactly(Wire.UDP, Wire.TCP);
  }

  @Test
  void anAnswerTooBigForTheEdnsBufferComesOverTcp() {
    Resolution r = resolver.lookup("huge.example.net", Type.TXT);

    assertThat(r).isNoError().hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, ANSWER);
    assertThat(r.answers()).hasSize(20);
    assertThat(r.trace().exchanges().get(4).protocol()).isEqualTo(Protocol.TCP);
  }

  @Test
  void rfc9471_aTruncatedReferralIsRetriedOverTcpAndItsGlueUsed() {
    lab.get().server(DemoWorld.A_GTLD).fault(Fault.truncateUdp());
    lab.get().server(DemoWorld.B_GTLD).fault(Fault.truncateUdp());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasStepKinds(PRIMING, REFERRAL, TRUNCATED, REFERRAL, ANSWER);
    TraceStep.Exchange referral = r.trace().exchanges().get(3);
    assertThat(referral.protocol()).isEqualTo(Protocol.TCP);
    assertThat(((Outcome.Referral) referral.outcome()).glue()).hasSize(2);
  }

  @Test
  void dnsFlagDay2019_aServerDroppingEdnsQueriesIsATimeoutNotAReasonToDropEdns() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.dropEdns());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TIMEOUT, ANSWER);
    List<TraceStep.Exchange> ex = r.trace().exchanges();
    assertThat(ex.get(3).server().name()).hasToString(DemoWorld.NS1_EXAMPLE_COM);
    assertThat(ex.get(4).server().name()).hasToString(DemoWorld.NS2_EXAMPLE_COM);
    assertThat(ex).allSatisfy(e -> assertThat(e.edns()).isTrue());
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM)).hasSize(1)
        .allSatisfy(q -> assertThat(q.edns()).isTrue());
    assertThat(ResolverInternals.cache(resolver).infra().noEdns(Hardening.address(DemoWorld.NS1_EXAMPLE_COM_ADDRESS)))
        .as("a timeout must not mark the server as EDNS-incapable").isFalse();
  }

  @Test
  void rfc6891_aServerAnsweringFormerrToEdnsIsAskedAgainWithoutAndRemembered() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.formErrOnEdns());

    Resolution r = resolver.lookup("www.example.net", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.60")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, EDNS_REJECTED, ANSWER).sentUpstreamQueries(5);
    List<TraceStep.Exchange> ex = r.trace().exchanges();
    assertThat(ex.get(3).edns()).isTrue();
    assertThat(((Outcome.EdnsRejected) ex.get(3).outcome()).rcode()).isEqualTo(org.xbill.DNS.Rcode.FORMERR);
    assertThat(ex.get(4).edns()).isFalse();
    assertThat(ex.get(4).server()).isEqualTo(ex.get(3).server());

    Resolution next = resolver.lookup("x.wild.example.net", Type.A);
    assertThat(next).isNoError().hasAddresses("192.0.2.50").hasStepKinds(CACHED_DELEGATION, ANSWER)
        .sentUpstreamQueries(1);
    assertThat(next.trace().exchanges().get(0).edns()).isFalse();
    List<RecordedQuery> toNs1 = lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_NET);
    assertThat(toNs1).extracting(RecordedQuery::edns).containsExactly(true, false, false);
  }

  @Test
  void garbageBytesFromOneServerAreMalformedAndTheOtherServerAnswers() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.garbage());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, MALFORMED, ANSWER).sentUpstreamQueries(5);
    List<TraceStep.Exchange> ex = r.trace().exchanges();
    assertThat(ex.get(3).server().name()).hasToString(DemoWorld.NS1_EXAMPLE_COM);
    assertThat(ex.get(4).server().name()).hasToString(DemoWorld.NS2_EXAMPLE_COM);
    assertThat(ex.get(3).rtt()).as("garbage is reported at once, not after the timeout")
        .isLessThan(java.time.Duration.ofMillis(250));
  }

  @Test
  void garbageFromEveryServerEndsInServfailNamingEach() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.garbage());
    lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.garbage());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isServFail(io.rootwalk.FailureReason.NO_REACHABLE_SERVER)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, MALFORMED, MALFORMED);
    assertThat(r.failure().orElseThrow().detail())
        .contains(DemoWorld.NS1_EXAMPLE_COM_ADDRESS).contains(DemoWorld.NS2_EXAMPLE_COM_ADDRESS).contains("malformed");
  }
}
