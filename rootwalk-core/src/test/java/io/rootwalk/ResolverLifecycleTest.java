package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** Sharing by explicit derivation, zone-cut inspection, and closing with lookups in flight. */
class ResolverLifecycleTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void aDerivedResolverSharesTheCacheAndTwoBuiltOnesShareNothing() {
    try (Resolver first = LabResolvers.builderFor(lab.get()).build();
        Resolver other = LabResolvers.builderFor(lab.get()).build()) {
      first.lookup("www.example.com", Type.A);
      Resolver derived = first.newBuilder().queryTimeout(Duration.ofMillis(900)).build();

      assertThat(derived.lookup("www.example.com", Type.A)).hasStepKinds(StepKind.CACHED_ANSWER);
      assertThat(other.lookup("www.example.com", Type.A)).sentUpstreamQueries(4);
    }
  }

  @Test
  void theClosestZoneCutShowsWhereALookupWouldStartAndHowItsAddressesWereLearned()
      throws Exception {
    try (Resolver r = LabResolvers.builderFor(lab.get()).build()) {
      assertThat(r.closestZoneCut(Name.fromString("www.example.com."))).isEmpty();
      r.lookup("www.example.com", Type.A);

      ZoneCut cut = r.closestZoneCut(Name.fromString("deep.below.example.com.")).orElseThrow();
      assertThat(cut.zone()).hasToString("example.com.");
      assertThat(cut.nameServers())
          .extracting(Name::toString)
          .containsExactly("ns1.example.com.", "ns2.example.com.");
      assertThat(cut.addresses())
          .extracting(ServerAddress::provenance)
          .containsOnly(Provenance.IN_DOMAIN_GLUE);
      assertThat(r.closestZoneCut(Name.fromString("www.example.org.")))
          .get()
          .extracting(ZoneCut::zone)
          .hasToString(".");
    }
  }

  @Test
  void closingEndsLookupsInFlightWithAReasonAndRefusesNewOnes() {
    lab.get().servers().forEach(s -> s.fault(Fault.drop()));
    Resolver r = LabResolvers.builderFor(lab.get()).queryTimeout(Duration.ofSeconds(2)).build();
    CompletableFuture<Resolution> inFlight = r.lookupAsync("www.example.com", Type.A);

    r.close();

    assertThat(inFlight.join()).isServFail(FailureReason.RESOLVER_CLOSED);
    assertThatThrownBy(() -> r.lookup("www.example.com", Type.A))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("resolver is closed");
  }

  @Test
  void closingADerivedResolverStopsOnlyItAndClosingTheOriginalStopsBoth() {
    Resolver original = LabResolvers.builderFor(lab.get()).build();
    Resolver derived = original.newBuilder().build();
    Resolver another = original.newBuilder().build();

    derived.close();
    assertThatThrownBy(() -> derived.lookup("www.example.com", Type.A))
        .isInstanceOf(IllegalStateException.class);
    assertThat(original.lookup("www.example.com", Type.A)).isNoError();

    original.close();
    assertThatThrownBy(() -> another.lookup("www.example.com", Type.A))
        .isInstanceOf(IllegalStateException.class);
  }
}
