package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Bursts: many lookups of distinct names at once, as a server under load or a batch job makes. Each
 * needs its own walk (nothing to share but the referrals), so they exercise the admission queue,
 * the event loops and the completion threads rather than the coalescing that {@code CoalescingTest}
 * covers.
 */
class BurstOfLookupsTest {

  /** Names under {@code *.wild.example.net}: each a distinct question with a real answer. */
  private static String wild(int i) {
    return "n" + i + ".wild.example.net";
  }

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(b -> b.queryTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(20)));

  @Test
  void aThousandConcurrentLookupsOfDistinctColdNamesAreAllAnswered() throws Exception {
    // Given a cold cache, when a thousand distinct names are asked at once
    List<CompletableFuture<Resolution>> burst = lookUpAtOnce(lab.resolver(), 0, 1000);

    // then every one is answered: no queue time was charged to a server, no zone was held failed.
    Map<Status, Integer> statuses = new EnumMap<>(Status.class);
    for (CompletableFuture<Resolution> f : burst) {
      Resolution r = f.get(60, TimeUnit.SECONDS);
      statuses.merge(r.status(), 1, Integer::sum);
      assertThat(r.status()).as("%s: %s", r.question(), r.failure()).isEqualTo(Status.NOERROR);
      assertThat(r.addresses()).extracting(Object::toString).containsExactly("/192.0.2.50");
    }
    assertThat(statuses).containsExactly(Map.entry(Status.NOERROR, 1000));
  }

  @Test
  void lookupAsyncStartsNoThreadPerLookup() throws Exception {
    Resolver resolver = lab.resolver();
    lookUpAtOnce(resolver, 0, 50).forEach(CompletableFuture::join); // the pools are started
    long idBefore = nextThreadId();

    List<CompletableFuture<Resolution>> burst = lookUpAtOnce(resolver, 50, 1000);
    burst.addAll(lookUpAtOnce(resolver, 50, 1000)); // the same names again: cache hits or joins
    CompletableFuture.allOf(burst.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

    // At most the completion pool's threads, which start on demand, however many lookups ran.
    assertThat(nextThreadId() - idBefore - 1)
        .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 2L);
  }

  /**
   * Thread ids are handed out in sequence as threads are made, so the gap between two fresh ids
   * counts every thread made in between (the module does not read {@code java.management}, whose
   * thread counters would say the same).
   */
  @SuppressWarnings("deprecation") // getId(): threadId() is JDK 19+
  private static long nextThreadId() {
    return new Thread(() -> {}).getId();
  }

  @Test
  void callbacksOfNetworkLookupsRunOnTheResolversOwnThreadsAndCacheHitsOnTheCallers()
      throws Exception {
    // A slow zone, so that the dependent below is attached long before the answer comes in.
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(200)));
    Resolver resolver = lab.resolver();
    AtomicReference<String> walked = new AtomicReference<>();
    resolver
        .lookupAsync(wild(1), Type.A)
        .thenRun(() -> walked.set(Thread.currentThread().getName()))
        .get(10, TimeUnit.SECONDS);
    AtomicReference<String> hit = new AtomicReference<>();
    CompletableFuture<Resolution> cached = resolver.lookupAsync(wild(1), Type.A);

    assertThat(cached).isDone(); // answered from the cache: complete before lookupAsync returned
    cached.thenRun(() -> hit.set(Thread.currentThread().getName()));
    assertThat(walked.get()).startsWith("rootwalk-callback-");
    assertThat(hit.get()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void lookupsBeyondTheAdmissionQueueAreRefusedAtOnceAsOverloaded() throws Exception {
    // Given a resolver that walks one lookup at a time with room for two more, and a slow zone
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(200)));
    Resolver resolver = lab.resolver(b -> b.maxLookupsInFlight(1).maxQueuedLookups(2));

    // when four distinct names are asked at once
    List<CompletableFuture<Resolution>> admitted = lookUpAtOnce(resolver, 0, 3);
    CompletableFuture<Resolution> refused = resolver.lookupAsync(wild(3), Type.A);

    // then the fourth is refused before any query, saying why, and the queued ones still answer,
    // each within its own deadline counted from its start.
    assertThat(refused).isDone();
    Resolution r = refused.join();
    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.OVERLOADED);
    assertThat(r.trace().upstreamQueries()).isZero();
    for (CompletableFuture<Resolution> f : admitted) {
      assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.NOERROR);
    }
  }

  @Test
  void queueTimeCountsAgainstNeitherTheDeadlineNorTheServer() throws Exception {
    // Given a resolver that walks one lookup at a time with a 1 s deadline, and a slow zone
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.delay(Duration.ofMillis(50)));
    Resolver resolver =
        lab.resolver(
            b ->
                b.maxLookupsInFlight(1)
                    .queryTimeout(Duration.ofMillis(500))
                    .deadline(Duration.ofSeconds(1)));

    // when thirty lookups queue behind each other, the last for longer than a deadline
    List<CompletableFuture<Resolution>> queued = lookUpAtOnce(resolver, 0, 30);
    for (CompletableFuture<Resolution> f : queued) {
      f.get(60, TimeUnit.SECONDS);
    }

    // then every one is answered, and the server's record shows no timeout.
    assertThat(queued).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(Status.NOERROR));
    assertThat(
            ResolverInternals.cache(resolver)
                .infra()
                .state(lab.server(DemoWorld.NS1_EXAMPLE_NET).address())
                .consecutiveTimeouts())
        .isZero();
  }

  private static List<CompletableFuture<Resolution>> lookUpAtOnce(
      Resolver resolver, int from, int count) {
    List<CompletableFuture<Resolution>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      futures.add(resolver.lookupAsync(wild(i), Type.A));
    }
    return futures;
  }
}
