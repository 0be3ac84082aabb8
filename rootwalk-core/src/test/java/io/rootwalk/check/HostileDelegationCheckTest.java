package io.rootwalk.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.LabResolvers;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Given parents and servers that try to make a check do unbounded work, when the zone is checked,
 * then the work stays within {@link CheckOptions} and the report still comes.
 */
class HostileDelegationCheckTest {

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

  private static final Name ZONE = Name.fromConstantString("example.com.");

  /** com.'s servers add 200 in-domain NS names, each with 10 glue addresses nobody listens on. */
  private static Message bloated(Message response) {
    if (response.getQuestion() == null
        || !response.getQuestion().getName().equals(ZONE)
        || response.getQuestion().getType() != Type.NS) {
      return response;
    }
    try {
      for (int i = 0; i < 200; i++) {
        Name ns = Name.fromString("extra" + i + ".example.com.");
        response.addRecord(new NSRecord(ZONE, DClass.IN, 172800, ns), Section.AUTHORITY);
        for (int j = 0; j < 10; j++) {
          InetAddress a = InetAddress.getByName("127.53." + (200 + j) + "." + (i % 250 + 1));
          response.addRecord(new ARecord(ns, DClass.IN, 172800, a), Section.ADDITIONAL);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return response;
  }

  @Test
  void aReferralWithHundredsOfNameServersIsLookedAtUpToTheBounds() {
    lab.server(DemoWorld.A_GTLD).fault(Fault.mutate(HostileDelegationCheckTest::bloated));
    lab.server(DemoWorld.B_GTLD).fault(Fault.mutate(HostileDelegationCheckTest::bloated));
    CheckOptions options = CheckOptions.defaults().withQueryTimeout(Duration.ofMillis(300));

    DelegationReport r = lab.resolver().check(ZONE, options);

    assertThat(r.servers()).hasSizeLessThanOrEqualTo(options.maxNameServers());
    assertThat(r.servers())
        .allSatisfy(ns -> assertThat(ns.addresses()).hasSizeLessThanOrEqualTo(8));
    assertThat(
            r.servers().stream()
                .flatMap(ns -> ns.addresses().stream())
                .filter(AddressReport::probed))
        .hasSizeLessThanOrEqualTo(options.maxAddresses());
    // The extra names' addresses are silent: each is reported, none hangs the check.
    assertThat(r.findings(FindingCode.SERVER_UNREACHABLE)).isNotEmpty();
    assertThat(r.findings(FindingCode.NS_PARENT_CHILD_MISMATCH)).hasSize(1);
  }

  @Test
  void serversThatNeverAnswerEndTheCheckWithinItsDeadline() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.drop());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.drop());
    // Each query may wait 5 s, the whole check 1 s: the deadline, not the timeouts, bounds it.
    CheckOptions options =
        CheckOptions.defaults()
            .withQueryTimeout(Duration.ofSeconds(5))
            .withDeadline(Duration.ofSeconds(1));

    DelegationReport r = lab.resolver().check(ZONE, options);

    assertThat(CheckFindings.of(r))
        .contains(
            "ERROR DELEGATION_BROKEN",
            "ERROR SERVER_UNREACHABLE " + DemoWorld.NS1_EXAMPLE_COM + " 127.53.10.1",
            "ERROR SERVER_UNREACHABLE " + DemoWorld.NS2_EXAMPLE_COM + " 127.53.10.2");
    assertThat(r.findings(FindingCode.SERVER_UNREACHABLE).get(0).detail()).contains("no response");
  }

  @Test
  void theRootAndRelativeNamesAreRefusedBeforeAnyQuery() {
    assertThatThrownBy(() -> lab.resolver().check("."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("root");
    assertThatThrownBy(() -> lab.resolver().check("bad..name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                lab.resolver()
                    .checkAsync(Name.fromConstantString("relative"), CheckOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void aServerThatAnswersGarbageIsLameNotMissing() {
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.garbage());

    DelegationReport r = lab.resolver().check(ZONE, CheckOptions.defaults());

    assertThat(CheckFindings.of(r))
        .containsExactly(
            "ERROR LAME_SERVER " + DemoWorld.NS2_EXAMPLE_COM + " 127.53.10.2",
            "NOTICE NS_TTL_LONG",
            "NOTICE SINGLE_NETWORK");
    assertThat(r.findings().get(0).detail()).contains("malformed");
  }
}
