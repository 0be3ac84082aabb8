package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.TraceStep;
import io.rootwalk.testing.DnsLabExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Upstream address policy: unspecified, multicast and broadcast addresses are never queried,
 * whatever a delegation says; loopback only when the hints are loopback (a lab) or allowed.
 */
class AddressPolicyTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(HardeningWorld.world());

  @Test
  void glueAtUnspecifiedMulticastOrBroadcastAddressesIsNeverQueried() {
    try (Resolver resolver = Hardening.resolverFor(lab.get()).build()) {
      Resolution r = resolver.lookup("www.badaddr.com", Type.A);

      assertThat(r).isServFail(FailureReason.NO_REACHABLE_SERVER).hasStepKinds(PRIMING, REFERRAL, REFERRAL);
      assertThat(r.failure().orElseThrow().detail()).contains("address policy").contains("badaddr.com.");
      assertThat(Hardening.allExchanges(r)).extracting(e -> e.server().address().getAddress().getHostAddress())
          .doesNotContain("0.0.0.0", "224.0.0.1", "255.255.255.255");
      assertThat(lab.get().queryCount()).isEqualTo(3);
    }
  }

  @Test
  void aForbiddenAddressBesideAGoodOneIsSkipped() {
    try (Resolver resolver = Hardening.resolverFor(lab.get()).build()) {
      Resolution r = resolver.lookup("www.mixed.com", Type.A);

      assertThat(r).isNoError().hasAddresses("192.0.2.210").hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
      TraceStep.Exchange answer = r.trace().exchanges().get(3);
      assertThat(answer.server().name()).hasToString("ns2.mixed.com.");
      assertThat(lab.get().queriesTo(HardeningWorld.MIXED_SERVER)).hasSize(1);
    }
  }

  @Test
  void loopbackServersRefusedByTheBuilderSendNothingAtAll() {
    try (Resolver resolver = Hardening.resolverFor(lab.get()).allowLoopbackServers(false).build()) {
      Resolution r = resolver.lookup("www.example.com", Type.A);

      assertThat(r).isServFail(FailureReason.NO_REACHABLE_SERVER).sentUpstreamQueries(0);
      assertThat(r.trace().steps()).isEmpty();
      assertThat(lab.get().queryCount()).isZero();
    }
  }

  @Test
  void byDefaultLabHintsThatAreAllLoopbackAllowLoopbackDelegations() {
    try (Resolver resolver = Hardening.resolverFor(lab.get()).build()) {
      assertThat(resolver.rootHints().allLoopback()).isTrue();
      List<TraceStep.Exchange> ex = resolver.lookup("www.example.com", Type.A).trace().exchanges();
      assertThat(ex).hasSize(4);
    }
  }
}
