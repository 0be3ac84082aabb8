package io.rootwalk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rootwalk.Limits;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.Status;
import io.rootwalk.spi.SecondLevelCache;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Given a resolver walking the demo hierarchy with its metrics bound to a registry, when lookups
 * end in NOERROR, NXDOMAIN and SERVFAIL, then the registry's meters say so.
 */
class RootwalkMetricsTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private Resolver resolver;

  @BeforeEach
  void bind() {
    resolver = walking(Limits.DEFAULT);
    new RootwalkMetrics(resolver, Tags.of("resolver", "lab")).bindTo(registry);
  }

  @AfterEach
  void close() {
    resolver.close();
  }

  private Resolver walking(Limits limits) {
    DnsLab dns = lab.get();
    return Resolver.builder()
        .rootHints(RootHints.fromFile(dns.rootHintsFile())) // loopback only, never the real root
        .upstreamPort(dns.port())
        .queryTimeout(Duration.ofMillis(400))
        .deadline(Duration.ofSeconds(5))
        .limits(limits)
        .build();
  }

  @Test
  void lookupsAreCountedByStatusAndSERVFAILsByReason() {
    assertThat(resolver.lookup("www.example.com", Type.A).status()).isEqualTo(Status.NOERROR);
    assertThat(resolver.lookup("www.example.com", Type.A).status()).isEqualTo(Status.NOERROR);
    assertThat(resolver.lookup("nope.example.com", Type.A).status()).isEqualTo(Status.NXDOMAIN);
    assertThat(resolver.lookup("www.broken.com", Type.A).status()).isEqualTo(Status.SERVFAIL);

    assertThat(counter("rootwalk.lookups", "status", "NOERROR")).isEqualTo(2);
    assertThat(counter("rootwalk.lookups", "status", "NXDOMAIN")).isEqualTo(1);
    assertThat(counter("rootwalk.lookups", "status", "SERVFAIL")).isEqualTo(1);
    assertThat(counter("rootwalk.lookups", "status", "NODATA")).isZero();
    assertThat(counter("rootwalk.lookup.failures", "reason", "MISSING_GLUE")).isEqualTo(1);
    assertThat(counter("rootwalk.lookup.failures", "reason", "TIMEOUT")).isZero();
    assertThat(registry.get("rootwalk.lookups").tag("resolver", "lab").meters()).hasSize(5);
  }

  @Test
  void theTimerAndTheQueryCounterAddUpWhatTheWalksCost() {
    long queries =
        resolver.lookup("www.example.com", Type.A).trace().upstreamQueries()
            + resolver.lookup("www.example.com", Type.A).trace().upstreamQueries()
            + resolver.lookup("mail.example.com", Type.A).trace().upstreamQueries();

    assertThat(registry.get("rootwalk.upstream.queries").functionCounter().count())
        .isEqualTo(queries)
        .isGreaterThan(0);
    FunctionTimer duration = registry.get("rootwalk.lookup.duration").functionTimer();
    assertThat(duration.count()).isEqualTo(3);
    assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void aLookupWaitingOnASlowServerIsInFlight() throws Exception {
    lab.get().server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(300)));

    CompletableFuture<Resolution> walking = resolver.lookupAsync("n1.wild.example.net", Type.A);

    assertThat(gauge("rootwalk.lookups.in.flight")).isEqualTo(1);
    assertThat(gauge("rootwalk.lookups.queued")).isZero();
    assertThat(walking.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.NOERROR);
  }

  @Test
  void cacheHitsMissesAndSizesComeFromTheCacheStatistics() {
    resolver.lookup("www.example.com", Type.A);
    resolver.lookup("www.example.com", Type.A);
    resolver.lookup("nope.example.com", Type.A);
    resolver.lookup("nope.example.com", Type.A);

    assertThat(counter("rootwalk.cache.hits", "cache", "rrset"))
        .isEqualTo(resolver.cacheStatistics().answerHits())
        .isPositive();
    assertThat(counter("rootwalk.cache.hits", "cache", "negative")).isEqualTo(1);
    assertThat(registry.get("rootwalk.cache.misses").functionCounter().count()).isPositive();
    assertThat(registry.get("rootwalk.cache.size").tag("cache", "delegation").gauge().value())
        .isGreaterThanOrEqualTo(2); // the root and com. at least
    assertThat(registry.get("rootwalk.cache.evictions").functionCounters())
        .extracting(c -> c.getId().getTag("cache"))
        .containsExactlyInAnyOrder("rrset", "negative", "delegation");
  }

  @Test
  void aLimitReachedIsCountedByItsName() {
    Resolver tight = walking(Limits.DEFAULT.withMaxUpstreamQueries(2));
    try {
      MeterRegistry own = new SimpleMeterRegistry();
      new RootwalkMetrics(tight).bindTo(own);

      assertThat(tight.lookup("www.example.com", Type.A).status()).isEqualTo(Status.SERVFAIL);

      assertThat(
              own.get("rootwalk.limits.reached")
                  .tag("limit", "maxUpstreamQueries")
                  .functionCounter()
                  .count())
          .isEqualTo(1);
      assertThat(
              own.get("rootwalk.limits.reached")
                  .tag("limit", "maxChaseDepth")
                  .functionCounter()
                  .count())
          .isZero();
      assertThat(
              own.get("rootwalk.lookup.failures")
                  .tag("reason", "LIMIT_EXCEEDED")
                  .functionCounter()
                  .count())
          .isEqualTo(1);
    } finally {
      tight.close();
    }
  }

  @Test
  void theSecondLevelCacheIsCountedReadsEntriesAndWrites() {
    // A store in a map: enough for counting, the store's own rules are tested where it lives.
    Map<String, byte[]> held = new ConcurrentHashMap<>();
    SecondLevelCache store =
        new SecondLevelCache() {
          @Override
          public CompletionStage<List<Optional<Entry>>> read(List<String> keys) {
            return CompletableFuture.completedFuture(
                keys.stream()
                    .map(k -> Optional.ofNullable(held.get(k)).map(v -> new Entry(v, 60_000)))
                    .toList());
          }

          @Override
          public CompletionStage<Void> write(List<Write> writes) {
            writes.forEach(
                w -> {
                  if (w instanceof Put p) {
                    held.put(p.key(), p.value());
                  }
                });
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void close() {}
        };
    DnsLab dns = lab.get();
    try (Resolver first =
        Resolver.builder()
            .rootHints(RootHints.fromFile(dns.rootHintsFile()))
            .upstreamPort(dns.port())
            .secondLevelCache(store)
            .build()) {
      first.lookup("www.example.com", Type.A);
    }
    Resolver second =
        Resolver.builder()
            .rootHints(RootHints.fromFile(dns.rootHintsFile()))
            .upstreamPort(dns.port())
            .secondLevelCache(store)
            .build();
    MeterRegistry shared = new SimpleMeterRegistry();
    new RootwalkMetrics(second).bindTo(shared);
    try (second) {
      assertThat(second.lookup("www.example.com", Type.A).trace().upstreamQueries()).isZero();
    }

    assertThat(shared.get("rootwalk.secondlevel.reads").functionCounter().count()).isEqualTo(1);
    assertThat(
            shared
                .get("rootwalk.secondlevel.entries")
                .tag("result", "loaded")
                .functionCounter()
                .count())
        .isPositive();
    assertThat(
            shared
                .get("rootwalk.secondlevel.writes")
                .tag("result", "written")
                .functionCounter()
                .count())
        .isZero(); // nothing loaded is written back
    // The lab resolver of this class has none: its meters say zero.
    assertThat(registry.get("rootwalk.secondlevel.reads").functionCounter().count()).isZero();
  }

  private double counter(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).functionCounter().count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
