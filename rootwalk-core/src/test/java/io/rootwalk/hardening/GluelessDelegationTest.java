package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CHASE;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.LabResolvers;
import io.rootwalk.Limits;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.WorkSpent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Delegations whose name servers have no glue: chased in nested resolutions, but never in a loop
 * and never without bound (NXNSAttack, Afek et al. 2020; Unbound's target fetch policy and {@code
 * MAX_TARGET_NX}).
 */
class GluelessDelegationTest {

  @RegisterExtension final LabResolvers lab = Hardening.lab(HardeningWorld.world());

  @Test
  void aGluelessChainThreeChasesDeepStillResolves() {
    Resolution r = lab.lookup("www.target.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses("192.0.2.200")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER)
        .trace()
        .hasChasesFor("ns.hop1.net.", "ns.hop2.org.", "ns.hop3.com.")
        .everyChase(c -> c.endedIn(Status.NOERROR))
        .exchange(3)
        .wentTo(HardeningWorld.TARGET_SERVER);
    assertThat(r.trace().spent().maxChaseDepth()).isEqualTo(3);
    assertThat(r.trace().spent().nameServerChases()).isEqualTo(3);
    assertThat(r.trace().upstreamQueries())
        .isEqualTo(lab.get().queryCount())
        .isLessThanOrEqualTo(20);
  }

  @Test
  void maxChaseDepthStopsADeeperChainAndTheFailureNamesTheLimit() {
    Resolution r =
        lab.resolver(b -> b.limits(Limits.DEFAULT.withMaxChaseDepth(1)))
            .lookup("www.target.com", Type.A);

    assertThat(r.failure().orElseThrow().reason())
        .as("%s%ntrace:%n%s", r, r.trace().render())
        .isEqualTo(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("maxChaseDepth");
    assertThat(r.trace().spent().maxChaseDepth()).isLessThanOrEqualTo(1);
    assertThat(lab.get().queriesTo(HardeningWorld.TARGET_SERVER)).isEmpty();
  }

  @Test
  void aDelegationLoopWithoutGlueEndsInServfailPromptly() {
    long start = System.nanoTime();
    Resolution r = lab.lookup("www.loopa.com", Type.A);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r)
        .isServFail(FailureReason.DELEGATION_LOOP)
        .trace()
        .startsWith(PRIMING, REFERRAL, REFERRAL, CHASE);
    assertThat(r.failure().orElseThrow().detail()).contains("ns.loopb.com.");
    assertThat(r.trace().upstreamQueries())
        .isEqualTo(lab.get().queryCount())
        .isLessThanOrEqualTo(10);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void nameServersThatDoNotExistEndInServfailNamingThem() {
    Resolution r = lab.lookup("www.nxns.com", Type.A);

    assertThat(r)
        .isServFail(FailureReason.NS_ADDRESS_UNRESOLVABLE)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, CHASE, CHASE)
        .trace()
        .hasChaseCount(3)
        .everyChase(c -> c.endedIn(Status.NXDOMAIN).trace().endsWith(StepKind.NXDOMAIN));
    assertThat(r.failure().orElseThrow().detail())
        .contains(
            "ns1.nonexistent.example.net.",
            "ns2.nonexistent.example.net.",
            "ns3.nonexistent.example.net.");
    assertThat(r.trace().spent().nameServerNxdomains()).isEqualTo(3);
    assertThat(r.trace().upstreamQueries())
        .isEqualTo(lab.get().queryCount())
        .isLessThanOrEqualTo(12);
  }

  @Test
  void nxnsAttack_twentyGluelessNameServersInANonexistentDomainCostFewQueries() {
    Resolution r = lab.lookup("www.nxns20.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure().orElseThrow().reason())
        .isIn(FailureReason.LIMIT_EXCEEDED, FailureReason.NS_ADDRESS_UNRESOLVABLE);
    WorkSpent spent = r.trace().spent();
    Limits limits = Limits.DEFAULT;
    assertThat(spent.nameServerChases())
        .isLessThanOrEqualTo(limits.maxGluelessFetchesPerDelegation());
    assertThat(spent.nameServerNxdomains()).isLessThanOrEqualTo(limits.maxNameServerNxdomains());
    assertThat(spent.upstreamQueries())
        .isEqualTo(r.trace().upstreamQueries())
        .isLessThanOrEqualTo(30);
    assertThat(lab.get().queryCount())
        .as("queries the lab saw; trace:%n%s", r.trace().render())
        .isLessThanOrEqualTo(30);
    assertThat(lab.get().queries())
        .filteredOn(q -> q.qname().toString().endsWith(".nxns.example.net."))
        .hasSizeLessThanOrEqualTo(limits.maxGluelessFetchesPerDelegation() + 2);
  }

  @Test
  void nxnsAttack_theNxdomainLimitHoldsAcrossDelegationsOfOneLookup() {
    Resolution r =
        lab.resolver(b -> b.limits(Limits.DEFAULT.withMaxNameServerNxdomains(2)))
            .lookup("www.nxns.com", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("maxNameServerNxdomains");
    assertThat(r.trace().spent().nameServerNxdomains()).isLessThanOrEqualTo(3);
  }
}
