package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.LabResolvers;
import io.rootwalk.Limits;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.WorkSpent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The per-lookup budget: every limit ends in SERVFAIL with {@link FailureReason#LIMIT_EXCEEDED}
 * naming it, CNAME loops are detected, and every resolution reports what it spent.
 */
class WorkLimitsTest {

  @RegisterExtension final LabResolvers lab = Hardening.lab(HardeningWorld.world());

  private Resolver withLimits(Limits limits) {
    return lab.resolver(b -> b.limits(limits));
  }

  @Test
  void everyResolutionReportsWhatItSpent() {
    Resolution r = lab.lookup("s0.example.net", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.102");
    WorkSpent spent = r.trace().spent();
    assertThat(spent.upstreamQueries())
        .isEqualTo(r.trace().upstreamQueries())
        .isEqualTo(lab.get().queryCount());
    assertThat(spent.aliasHops()).isEqualTo(2);
    assertThat(spent.nameServerChases()).isZero();
    assertThat(spent.nameServerNxdomains()).isZero();
  }

  @Test
  void aCnameLoopIsDetected() {
    Resolution r = lab.lookup("loop1.example.net", Type.A);

    assertThat(r).isServFail(FailureReason.CNAME_LOOP);
    assertThat(r.failure().orElseThrow().detail()).contains("loop1.example.net.");
    assertThat(r.trace().upstreamQueries()).isLessThanOrEqualTo(6);
  }

  @Test
  void anAliasChainLongerThanMaxAliasHopsEndsInLimitExceeded() {
    Resolution r = lab.lookup("c0.example.net", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("maxAliasHops");
    assertThat(r.trace().spent().aliasHops()).isEqualTo(Limits.DEFAULT.maxAliasHops());
    assertThat(lab.get().queryCount()).isLessThanOrEqualTo(Limits.DEFAULT.maxAliasHops() + 8);
  }

  @Test
  void aChainWithinMaxAliasHopsResolvesAndOneBeyondASmallerLimitDoesNot() {
    assertThat(
            withLimits(Limits.DEFAULT.withMaxAliasHops(HardeningWorld.LONG_CHAIN_HOPS))
                .lookup("c0.example.net", Type.A))
        .isNoError()
        .hasAddresses("192.0.2.113");

    Resolution r = withLimits(Limits.DEFAULT.withMaxAliasHops(1)).lookup("s0.example.net", Type.A);
    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("maxAliasHops (1)");
  }

  @Test
  void maxUpstreamQueriesEndsTheLookupWhenReached() {
    Resolution r =
        withLimits(Limits.DEFAULT.withMaxUpstreamQueries(3)).lookup("www.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED).sentUpstreamQueries(3);
    assertThat(r.failure().orElseThrow().detail()).contains("maxUpstreamQueries (3)");
    assertThat(r.trace().spent().upstreamQueries()).isEqualTo(3);
    assertThat(lab.get().queryCount()).isEqualTo(3);
  }

  @Test
  void maxUpstreamQueriesCountsNestedChases() {
    Resolution r =
        withLimits(Limits.DEFAULT.withMaxUpstreamQueries(6)).lookup("www.target.com", Type.A);

    assertThat(r.failure().orElseThrow().reason())
        .as("%s%ntrace:%n%s", r, r.trace().render())
        .isEqualTo(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("maxUpstreamQueries");
    assertThat(r.trace().spent().upstreamQueries()).isLessThanOrEqualTo(6);
    assertThat(lab.get().queryCount()).isLessThanOrEqualTo(6);
  }

  @Test
  void aLimitReachedInsideAChaseDoesNotMarkTheZonesOnTheWayAsFailedForOtherLookups() {
    Resolver r6 = withLimits(Limits.DEFAULT.withMaxUpstreamQueries(6));
    assertThat(r6.lookup("www.target.com", Type.A)).hasStatus(io.rootwalk.Status.SERVFAIL);

    // Resolving ns.hop1.net. on its own needs 5 queries from here: within this lookup's budget.
    Resolution r = r6.lookup("ns.hop1.net", Type.A);
    assertThat(r).isNoError().hasAddresses(HardeningWorld.TARGET_SERVER);
  }

  @Test
  void maxQueriesPerNameStopsRetryingOneName() {
    Resolution r =
        withLimits(Limits.DEFAULT.withMaxQueriesPerName(2)).lookup("www.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("maxQueriesPerName (2)");
    assertThat(lab.get().queryCount()).isEqualTo(2);
  }
}
