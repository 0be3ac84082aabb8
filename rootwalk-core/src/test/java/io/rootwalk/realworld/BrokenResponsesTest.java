package io.rootwalk.realworld;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.NODATA;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static io.rootwalk.StepKind.TRUNCATED;
import static io.rootwalk.StepKind.YXDOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.FakeTicker;
import io.rootwalk.LabResolvers;
import io.rootwalk.LameReason;
import io.rootwalk.QnameMinimisation;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.spi.Protocol;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Responses real servers send that a well-configured one never would (issue 10, classes 3, 4, 9, 10
 * and 12): an upward referral with AA set, TC over TCP, a DNAME that overflows, a server that
 * refuses minimised names, and TTLs that must not lose a second on the way through the cache.
 */
class BrokenResponsesTest {

  /** A DNAME whose substitution cannot fit in 255 octets for any name with a long first label. */
  private static final String LONG_TARGET = ("x".repeat(60) + ".").repeat(3) + "example.org.";

  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone("example.net.", "long IN DNAME " + LONG_TARGET + "\n")
        .build();
  }

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(BrokenResponsesTest::world)
          .configured(b -> b.ticker(ticker).executor(Runnable::run));

  @Test
  void anUpwardReferralWithAaSetIsLameNotNodata() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM)
        .fault(
            Fault.mutate(
                m -> {
                  Message up = new Message(m.getHeader().getID());
                  up.getHeader().setFlag(Flags.QR);
                  up.getHeader().setFlag(Flags.AA); // claims authority while pointing upward
                  up.addRecord(m.getQuestion(), Section.QUESTION);
                  up.addRecord(
                      new NSRecord(
                          Name.root,
                          DClass.IN,
                          3600,
                          Name.fromConstantString("a.root-servers.net.")),
                      Section.AUTHORITY);
                  return up;
                }));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r).isNoError().hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, ANSWER);
    assertThat(r).trace().exchange(3).isLame(LameReason.UPWARD_REFERRAL);
  }

  @Test
  void truncationOverTcpIsAServerFailureAndTheNextServerIsAsked() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM)
        .fault(
            Fault.mutate(
                m -> {
                  m.getHeader().setFlag(Flags.TC);
                  return m;
                }));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, LAME, ANSWER);
    assertThat(r).trace().exchange(4).over(Protocol.TCP).isLame(LameReason.TRUNCATED_OVER_TCP);
    assertThat(r).trace().lastExchange().wentTo(DemoWorld.NS2_EXAMPLE_COM);
  }

  @Test
  void aDnameThatOverflowsIsYxdomainWithTheDname() {
    Resolution r = lab.lookup("y".repeat(60) + ".long.example.net", Type.A);

    assertThat(r.status()).isEqualTo(Status.YXDOMAIN);
    assertThat(r.rcode()).isEqualTo(Rcode.YXDOMAIN);
    assertThat(r.answers())
        .singleElement()
        .satisfies(d -> assertThat(d.getType()).isEqualTo(Type.DNAME));
    // Changed on purpose (issue 17): with QNAME minimisation on by default the DNAME's owner is
    // probed first (NODATA: it has no A), then the full name meets the overflowing DNAME.
    assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA, YXDOMAIN);
  }

  @Test
  void aServerThatRefusesMinimisedNamesIsAskedTheFullName() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(refusingShortNames("api.example.com."));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(refusingShortNames("api.example.com."));

    Resolution r =
        lab.resolver(b -> b.qnameMinimisation(QnameMinimisation.RELAXED))
            .lookup("v2.api.example.com", Type.A);

    assertThat(r).isNoError();
    java.util.List<io.rootwalk.TraceStep.Exchange> atExampleCom =
        r.trace().exchanges().stream()
            .filter(e -> e.zoneCut().toString().equals("example.com."))
            .toList();
    assertThat(atExampleCom)
        .extracting(e -> e.sent().toString())
        .containsExactly("api.example.com. A", "v2.api.example.com. A");
    assertThat(atExampleCom.get(1).server())
        .as("RFC 9156 section 3: the server that refused the probe is asked the full name")
        .isEqualTo(atExampleCom.get(0).server());
  }

  @Test
  void inStrictModeAServerThatRefusesMinimisedNamesIsLameAndTheNameFails() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(refusingShortNames("api.example.com."));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(refusingShortNames("api.example.com."));

    Resolution r =
        lab.resolver(b -> b.qnameMinimisation(QnameMinimisation.STRICT))
            .lookup("v2.api.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure())
        .get()
        .extracting(Failure::reason)
        .isEqualTo(FailureReason.ALL_SERVERS_LAME);
    assertThat(r.trace().exchanges())
        .filteredOn(e -> e.zoneCut().toString().equals("example.com."))
        .as("strict: never the full name to a server outside api.example.com")
        .extracting(e -> e.sent().toString())
        .containsOnly("api.example.com. A");
  }

  @Test
  void aCachedAnswerKeepsItsWholeTtlUntilAFullSecondHasPassed() {
    Resolution fresh = lab.lookup("www.example.com", Type.A);
    long ttl = fresh.answers().get(0).getTTL();

    ticker.advance(Duration.ofMillis(500));
    assertThat(lab.lookup("www.example.com", Type.A).answers().get(0).getTTL()).isEqualTo(ttl);
    ticker.advance(Duration.ofMillis(600));
    assertThat(lab.lookup("www.example.com", Type.A).answers().get(0).getTTL()).isEqualTo(ttl - 1);
  }

  /** REFUSED for any name above {@code below} or at it: a broken minimiser's foe. */
  private static Fault refusingShortNames(String below) {
    Name longest = Name.fromConstantString(below);
    return Misbehaviour.refusing(q -> !(q.subdomain(longest) && q.labels() > longest.labels()));
  }
}
