package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * A caller that gives up: a cancelled future or an interrupted thread stops the walk before its
 * next query and gives its place among the lookups in flight back at once, while callers sharing
 * the walk keep theirs. The example.com servers drop every query, so a walk that went on would ask
 * the other one a query timeout later; the tests watch for that query, never for a time.
 */
class CancellationTest {

  private static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);

  /** Long enough for the next query of a walk that was not stopped to have arrived. */
  private static final Duration QUIET = QUERY_TIMEOUT.multipliedBy(4);

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(b -> b.queryTimeout(QUERY_TIMEOUT).deadline(Duration.ofSeconds(30)));

  private void exampleComDropsEverything() {
    lab.server("ns1.example.com.").fault(Fault.drop());
    lab.server("ns2.example.com.").fault(Fault.drop());
  }

  /** Waits until the walk has a query outstanding at one of example.com's servers. */
  private RecordedQuery awaitQueryToExampleCom() {
    Set<InetAddress> exampleCom =
        Set.of(
            lab.get().address("ns1.example.com.").getAddress(),
            lab.get().address("ns2.example.com.").getAddress());
    while (true) {
      RecordedQuery q = lab.get().takeQuery(Duration.ofSeconds(10));
      if (exampleCom.contains(q.server())) {
        return q;
      }
    }
  }

  @Test
  void aCancelledLookupSendsNothingMore() throws Exception {
    exampleComDropsEverything();
    CompletableFuture<Resolution> lookup =
        lab.resolver()
            .lookupAsync(Question.of("www.example.com", Type.A), LookupOptions.defaults());
    awaitQueryToExampleCom();

    assertThat(lookup.cancel(false)).isTrue();

    assertThat(ResolverInternals.openUpstreamChannels(lab.resolver()))
        .as("the socket waiting for example.com's answer is closed at once, not at its timeout")
        .isZero();
    assertThat(lab.get().pollQuery(QUIET))
        .as("the other example.com server is never asked")
        .isEmpty();
    assertThat(lookup).isCancelled();
    assertThat(ResolverInternals.lookupsRunning(lab.resolver())).isZero();
  }

  @Test
  void withoutCancellingTheWalkGoesOnToTheNextServer() throws Exception {
    // The control for the test above: the query it waits for does arrive when nobody cancels.
    exampleComDropsEverything();
    CompletableFuture<Resolution> lookup = lab.resolver().lookupAsync("www.example.com", Type.A);
    RecordedQuery first = awaitQueryToExampleCom();

    RecordedQuery next = awaitQueryToExampleCom();

    assertThat(next.server()).isNotEqualTo(first.server());
    assertThat(lookup.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.SERVFAIL);
  }

  @Test
  void cancellingGivesTheSlotToTheNextLookupAtOnce() throws Exception {
    // One lookup at a time, and a query timeout far longer than the test waits: the queued lookup
    // can only be answered if the cancelled one gave its slot back.
    Resolver one =
        lab.resolver(
            b ->
                b.maxLookupsInFlight(1)
                    .queryTimeout(Duration.ofSeconds(60))
                    .deadline(Duration.ofSeconds(120)));
    exampleComDropsEverything();
    CompletableFuture<Resolution> stuck = one.lookupAsync("www.example.com", Type.A);
    awaitQueryToExampleCom();
    CompletableFuture<Resolution> queued = one.lookupAsync("n1.wild.example.net", Type.A);
    assertThat(queued).isNotDone();

    stuck.cancel(true);

    Resolution answered = queued.get(20, TimeUnit.SECONDS);
    assertThat(answered.status()).isEqualTo(Status.NOERROR);
    assertThat(answered.addresses()).extracting(Object::toString).containsExactly("/192.0.2.50");
  }

  @Test
  void aWalkSharedByIdenticalLookupsGoesOnForTheCallerThatStays() throws Exception {
    lab.server("ns1.example.com.").fault(Fault.delay(QUERY_TIMEOUT.dividedBy(2)));
    lab.server("ns2.example.com.").fault(Fault.delay(QUERY_TIMEOUT.dividedBy(2)));
    Resolver r = lab.resolver();
    CompletableFuture<Resolution> leaving = r.lookupAsync("www.example.com", Type.A);
    CompletableFuture<Resolution> staying = r.lookupAsync("www.example.com", Type.A);
    awaitQueryToExampleCom();

    leaving.cancel(false);

    Resolution answer = staying.get(10, TimeUnit.SECONDS);
    assertThat(answer.status()).isEqualTo(Status.NOERROR);
    assertThat(answer.addresses()).extracting(Object::toString).containsExactly("/93.184.216.34");
    assertThat(lab.get().queries())
        .filteredOn(q -> q.server().getHostAddress().startsWith("127.53.10."))
        .as("one walk for both")
        .hasSize(1);
  }

  @Test
  void interruptingABlockingLookupEndsItAtOnceWithCancelled() throws Exception {
    exampleComDropsEverything();
    AtomicReference<Resolution> result = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              result.set(lab.resolver().lookup("www.example.com", Type.A));
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            },
            "blocking-caller");
    caller.start();
    awaitQueryToExampleCom();

    caller.interrupt();
    caller.join(10_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(result.get().status()).isEqualTo(Status.SERVFAIL);
    assertThat(result.get().failure().orElseThrow().reason()).isEqualTo(FailureReason.CANCELLED);
    assertThat(stillInterrupted).as("the interrupt status is kept for the caller").isTrue();
    assertThat(lab.get().pollQuery(QUIET)).isEmpty();
  }

  @Test
  void anInterruptedThreadStillGetsWhatTheCacheHolds() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);

    Thread.currentThread().interrupt();
    Resolution cached;
    try {
      cached = r.lookup("www.example.com", Type.A);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(cached.status()).isEqualTo(Status.NOERROR);
  }

  @Test
  void cancellingAHostLookupCancelsBothOfItsLookups() throws Exception {
    exampleComDropsEverything();
    Resolver r = lab.resolver();
    CompletableFuture<HostAddresses> host = r.resolveHostAsync("www.example.com");
    Set<String> types = new java.util.HashSet<>();
    while (types.size() < 2) {
      types.add(awaitQueryToExampleCom().qtypeName()); // the A and the AAAA lookup both under way
    }

    host.cancel(false);

    assertThat(lab.get().pollQuery(QUIET)).as("neither lookup goes on").isEmpty();
    assertThat(ResolverInternals.lookupsRunning(r)).isZero();
  }
}
