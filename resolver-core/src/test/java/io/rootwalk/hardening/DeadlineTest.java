package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.LabServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The overall deadline always holds: whatever the servers do, a lookup ends by its deadline (plus
 * a generous margin for a loaded two-core machine; never a tight timing assertion).
 */
class DeadlineTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  private static final Duration MARGIN = Duration.ofMillis(2500);

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(HardeningWorld.world());

  private Resolver resolver() {
    return Hardening.resolverFor(lab.get()).deadline(DEADLINE).queryTimeout(Duration.ofMillis(300)).build();
  }

  private static Resolution timed(Resolver resolver, String name, Duration[] took) {
    long start = System.nanoTime();
    Resolution r = resolver.lookup(name, Type.A);
    took[0] = Duration.ofNanos(System.nanoTime() - start);
    return r;
  }

  @Test
  void allServersOfAZoneDroppingEndsInServfailWithinTheDeadline() {
    lab.get().server("ns1.example.com.").fault(Fault.drop());
    lab.get().server("ns2.example.com.").fault(Fault.drop());
    try (Resolver resolver = resolver()) {
      Duration[] took = new Duration[1];
      Resolution r = timed(resolver, "www.example.com", took);

      assertThat(r.status()).isEqualTo(Status.SERVFAIL);
      assertThat(r.failure().orElseThrow().reason()).isIn(FailureReason.TIMEOUT, FailureReason.DEADLINE_EXCEEDED);
      assertThat(took[0]).as("trace:%n%s", r.trace().render()).isLessThan(DEADLINE.plus(MARGIN));
      assertThat(r.trace().elapsed()).isLessThan(DEADLINE.plus(MARGIN));
      assertThat(r.trace().steps()).extracting(TraceStep::kind).contains(StepKind.TIMEOUT);
    }
  }

  @Test
  void everyRootServerDroppingEndsInServfailWithinTheDeadline() {
    for (LabServer s : lab.get().servers()) {
      s.fault(Fault.drop());
    }
    try (Resolver resolver = resolver()) {
      Duration[] took = new Duration[1];
      Resolution r = timed(resolver, "www.example.com", took);

      assertThat(r.status()).isEqualTo(Status.SERVFAIL);
      assertThat(r.failure().orElseThrow().reason()).isIn(FailureReason.TIMEOUT, FailureReason.DEADLINE_EXCEEDED);
      assertThat(took[0]).isLessThan(DEADLINE.plus(MARGIN));
      assertThat(r.trace().steps()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(StepKind.TIMEOUT));
      assertThat(lab.get().queryCount()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aSlowGluelessChainIsCutOffByTheDeadlineToo() {
    for (String server : new String[] {HardeningWorld.HOP1_SERVER, HardeningWorld.HOP2_SERVER,
        HardeningWorld.HOP3_SERVER}) {
      lab.get().server(server).fault(Fault.delay(Duration.ofMillis(200)));
    }
    try (Resolver resolver = resolver()) {
      Duration[] took = new Duration[1];
      Resolution r = timed(resolver, "www.target.com", took);

      assertThat(r.status()).isEqualTo(Status.SERVFAIL);
      assertThat(took[0]).as("trace:%n%s", r.trace().render()).isLessThan(DEADLINE.plus(MARGIN));
    }
  }

  @Test
  void concurrentLookupsIntoADeadZoneAllEndWithinTheDeadline() throws Exception {
    lab.get().server("ns1.example.com.").fault(Fault.drop());
    lab.get().server("ns2.example.com.").fault(Fault.drop());
    try (Resolver resolver = resolver()) {
      long start = System.nanoTime();
      java.util.List<java.util.concurrent.CompletableFuture<Resolution>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        all.add(resolver.lookupAsync("n" + i + ".example.com", Type.A));
      }
      for (java.util.concurrent.CompletableFuture<Resolution> f : all) {
        assertThat(f.get(DEADLINE.plus(MARGIN).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).status())
            .isEqualTo(Status.SERVFAIL);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plus(MARGIN));
    }
  }
}
