package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** What {@link Resolver#lookupStatistics()} counts: every client lookup once, however it ends. */
class LookupStatisticsTest {

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

  @Test
  void walksCacheHitsAndFailuresAreEachCountedOnceByStatus() {
    Resolution walked = lab.lookup("www.example.com", Type.A);
    lab.lookup("www.example.com", Type.A); // a cache hit
    Resolution denied = lab.lookup("nope.example.com", Type.A);
    Resolution broken = lab.lookup("www.broken.com", Type.A);

    LookupStatistics stats = lab.resolver().lookupStatistics();
    assertThat(stats.lookups()).isEqualTo(4);
    assertThat(stats.lookups(Status.NOERROR)).isEqualTo(2);
    assertThat(stats.lookups(Status.NXDOMAIN)).isEqualTo(1);
    assertThat(stats.lookups(Status.SERVFAIL)).isEqualTo(1);
    assertThat(stats.failures(FailureReason.MISSING_GLUE)).isEqualTo(1);
    assertThat(stats.upstreamQueries())
        .isEqualTo(
            walked.trace().upstreamQueries()
                + denied.trace().upstreamQueries()
                + broken.trace().upstreamQueries());
    assertThat(stats.elapsed())
        .isEqualTo(
            walked.trace().elapsed().plus(denied.trace().elapsed()).plus(broken.trace().elapsed()));
    assertThat(stats.limitsReached().values()).allMatch(n -> n == 0);
  }

  @Test
  void identicalLookupsSharingOneWalkCountAsTwoLookupsButItsQueriesOnce() throws Exception {
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(200)));
    Resolver resolver = lab.resolver();

    CompletableFuture<Resolution> first = resolver.lookupAsync("n4.wild.example.net", Type.A);
    CompletableFuture<Resolution> second = resolver.lookupAsync("n4.wild.example.net", Type.A);
    Resolution walked = first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);

    LookupStatistics stats = resolver.lookupStatistics();
    assertThat(stats.lookups(Status.NOERROR)).isEqualTo(2);
    assertThat(stats.upstreamQueries()).isEqualTo(walked.trace().upstreamQueries());
  }

  @Test
  void aLookupRefusedByAFullQueueCountsAsOverloadedAndAsALimitReached() throws Exception {
    // Given a resolver walking one lookup at a time with no queue, and a slow zone
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(300)));
    Resolver resolver = lab.resolver(b -> b.maxLookupsInFlight(1).maxQueuedLookups(0));

    CompletableFuture<Resolution> walking = resolver.lookupAsync("n1.wild.example.net", Type.A);
    Resolution refused = resolver.lookup("n2.wild.example.net", Type.A);
    LookupStatistics during = resolver.lookupStatistics();
    walking.get(10, TimeUnit.SECONDS);

    assertThat(refused.failure().orElseThrow().reason()).isEqualTo(FailureReason.OVERLOADED);
    assertThat(during.inFlight()).isEqualTo(1);
    assertThat(during.limitsReached(Limit.MAX_QUEUED_LOOKUPS)).isEqualTo(1);
    assertThat(during.failures(FailureReason.OVERLOADED)).isEqualTo(1);
    // Counted before its caller saw the answer (its slot may be given back a moment later).
    assertThat(resolver.lookupStatistics().lookups(Status.NOERROR)).isEqualTo(1);
  }

  @Test
  void aCancelledLookupCountsAsCancelled() throws Exception {
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(300)));
    Resolver resolver = lab.resolver();

    CompletableFuture<Resolution> f = resolver.lookupAsync("n3.wild.example.net", Type.A);
    f.cancel(false);

    assertThat(resolver.lookupStatistics().failures(FailureReason.CANCELLED)).isEqualTo(1);
    assertThat(resolver.lookupStatistics().lookups(Status.SERVFAIL)).isEqualTo(1);
  }
}
