package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.EDNS_REJECTED;
import static io.rootwalk.StepKind.MALFORMED;
import static io.rootwalk.StepKind.NODATA;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static io.rootwalk.StepKind.TIMEOUT;
import static io.rootwalk.StepKind.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.ResolverInternals;
import io.rootwalk.TraceAssert;
import io.rootwalk.spi.Protocol;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import io.rootwalk.testing.Wire;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * UDP first with EDNS(0) at 1232 bytes; TCP on truncation (RFC 7766, RFC 9471 for referrals); no
 * EDNS only after FORMERR/NOTIMP/BADVERS, remembered per server (RFC 6891 section 7), never because
 * of a timeout (DNS Flag Day 2019); unparseable bytes are a failure of that server only.
 */
class TransportFallbackTest {

  @RegisterExtension final LabResolvers lab = Hardening.lab(DemoWorld.world());

  @Test
  void queriesGoOutOverUdpWithEdnsAdvertising1232Bytes() {
    assertThat(lab.lookup("www.example.com", Type.A)).isNoError();

    assertThat(lab.get().queries())
        .isNotEmpty()
        .allSatisfy(
            q -> {
              assertThat(q.protocol()).isEqualTo(Wire.UDP);
              assertThat(q.edns()).isTrue();
              assertThat(q.ednsPayloadSize()).isEqualTo(1232);
              assertThat(q.message().getHeader().getFlag(org.xbill.DNS.Flags.RD))
                  .as("iterative: RD clear")
                  .isFalse();
            });
  }

  @Test
  void rfc7766_aTruncatedAnswerIsRetriedOverTcp() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.truncateUdp());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.truncateUdp());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, ANSWER)
        .sentUpstreamQueries(5);
    TraceAssert trace = assertThat(r).trace();
    trace.exchange(3).over(Protocol.UDP);
    trace.exchange(4).over(Protocol.TCP).wentToSameServerAs(3);
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM))
        .extracting(RecordedQuery::protocol)
        .containsExactly(Wire.UDP, Wire.TCP);
  }

  @Test
  void anAnswerTooBigForTheEdnsBufferComesOverTcp() {
    Resolution r = lab.lookup("huge.example.net", Type.TXT);

    assertThat(r)
        .isNoError()
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, ANSWER)
        .trace()
        .exchange(4)
        .over(Protocol.TCP);
    assertThat(r.answers()).hasSize(20);
  }

  @Test
  void rfc9471_aTruncatedReferralIsRetriedOverTcpAndItsGlueUsed() {
    lab.server(DemoWorld.A_GTLD).fault(Fault.truncateUdp());
    lab.server(DemoWorld.B_GTLD).fault(Fault.truncateUdp());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasStepKinds(PRIMING, REFERRAL, TRUNCATED, REFERRAL, ANSWER)
        .trace()
        .exchange(3)
        .over(Protocol.TCP)
        .hasGlueCount(2);
  }

  @Test
  void dnsFlagDay2019_aServerDroppingEdnsQueriesIsATimeoutNotAReasonToDropEdns() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.dropEdns());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TIMEOUT, ANSWER);
    TraceAssert trace = assertThat(r).trace();
    trace.exchange(3).wentTo(DemoWorld.NS1_EXAMPLE_COM);
    trace.exchange(4).wentTo(DemoWorld.NS2_EXAMPLE_COM);
    trace.exchanges().allSatisfy(e -> assertThat(e.edns()).isTrue());
    assertThat(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM))
        .hasSize(1)
        .allSatisfy(q -> assertThat(q.edns()).isTrue());
    assertThat(
            ResolverInternals.cache(lab.resolver())
                .infra()
                .noEdns(Hardening.address(DemoWorld.NS1_EXAMPLE_COM_ADDRESS)))
        .as("a timeout must not mark the server as EDNS-incapable")
        .isFalse();
  }

  @Test
  void rfc6891_aServerAnsweringFormerrToEdnsIsAskedAgainWithoutAndRemembered() {
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.formErrOnEdns());

    Resolution r = lab.lookup("www.example.net", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses("192.0.2.60")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, EDNS_REJECTED, ANSWER)
        .sentUpstreamQueries(5);
    TraceAssert trace = assertThat(r).trace();
    trace.exchange(3).withEdns().isEdnsRejected(Rcode.FORMERR);
    trace.exchange(4).withoutEdns().wentToSameServerAs(3);

    Resolution next = lab.lookup("x.wild.example.net", Type.A);
    assertThat(next)
        .isNoError()
        .hasAddresses("192.0.2.50")
        .hasStepKinds(CACHED_DELEGATION, NODATA, ANSWER)
        .sentUpstreamQueries(2)
        .trace()
        .exchange(0)
        .withoutEdns();
    // Changed on purpose (issue 17): QNAME minimisation is on by default, so wild.example.net is
    // probed before the full name (two queries); neither carries EDNS, which is what this shows.
    assertThat(next).trace().exchange(1).withoutEdns();
    List<RecordedQuery> toNs1 = lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_NET);
    assertThat(toNs1).extracting(RecordedQuery::edns).containsExactly(true, false, false, false);
  }

  @Test
  void garbageBytesFromOneServerAreMalformedAndTheOtherServerAnswers() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.garbage());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, MALFORMED, ANSWER)
        .sentUpstreamQueries(5);
    TraceAssert trace = assertThat(r).trace();
    trace
        .exchange(3)
        .wentTo(DemoWorld.NS1_EXAMPLE_COM)
        .as("garbage is reported at once, not after the timeout")
        .tookLessThan(Duration.ofMillis(250));
    trace.exchange(4).wentTo(DemoWorld.NS2_EXAMPLE_COM);
  }

  @Test
  void garbageFromEveryServerEndsInServfailNamingEach() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.garbage());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.garbage());

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isServFail(io.rootwalk.FailureReason.NO_REACHABLE_SERVER)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, MALFORMED, MALFORMED);
    assertThat(r.failure().orElseThrow().detail())
        .contains(DemoWorld.NS1_EXAMPLE_COM_ADDRESS)
        .contains(DemoWorld.NS2_EXAMPLE_COM_ADDRESS)
        .contains("malformed");
  }
}
