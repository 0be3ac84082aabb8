package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Upstream address policy: unspecified, multicast and broadcast addresses are never queried,
 * whatever a delegation says; loopback only when the hints are loopback (a lab) or allowed.
 */
class AddressPolicyTest {

  @RegisterExtension final LabResolvers lab = Hardening.lab(HardeningWorld.world());

  @Test
  void glueAtUnspecifiedMulticastOrBroadcastAddressesIsNeverQueried() {
    Resolution r = lab.lookup("www.badaddr.com", Type.A);

    assertThat(r)
        .isServFail(FailureReason.NO_REACHABLE_SERVER)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL)
        .trace()
        .neverWentTo("0.0.0.0", "224.0.0.1", "255.255.255.255");
    assertThat(r.failure().orElseThrow().detail())
        .contains("address policy")
        .contains("badaddr.com.");
    assertThat(lab.get().queryCount()).isEqualTo(3);
  }

  @Test
  void aForbiddenAddressBesideAGoodOneIsSkipped() {
    Resolution r = lab.lookup("www.mixed.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses("192.0.2.210")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
        .trace()
        .exchange(3)
        .wentTo("ns2.mixed.com.");
    assertThat(lab.get().queriesTo(HardeningWorld.MIXED_SERVER)).hasSize(1);
  }

  @Test
  void loopbackServersRefusedByTheBuilderSendNothingAtAll() {
    Resolution r =
        lab.resolver(b -> b.allowLoopbackServers(false)).lookup("www.example.com", Type.A);

    assertThat(r)
        .isServFail(FailureReason.NO_REACHABLE_SERVER)
        .sentUpstreamQueries(0)
        .trace()
        .hasNoSteps();
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void byDefaultLabHintsThatAreAllLoopbackAllowLoopbackDelegations() {
    assertThat(lab.resolver().rootHints().allLoopback()).isTrue();
    assertThat(lab.lookup("www.example.com", Type.A)).trace().exchanges().hasSize(4);
  }
}
