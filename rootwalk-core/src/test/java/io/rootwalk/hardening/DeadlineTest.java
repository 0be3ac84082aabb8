package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.LabServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The overall deadline always holds: whatever the servers do, a lookup ends by its deadline (plus a
 * generous margin for a loaded two-core machine; never a tight timing assertion).
 */
class DeadlineTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  private static final Duration MARGIN = Duration.ofMillis(2500);

  @RegisterExtension
  final LabResolvers lab =
      Hardening.lab(HardeningWorld.world())
          .configured(b -> b.deadline(DEADLINE).queryTimeout(Duration.ofMillis(300)));

  private Resolution timed(String name, Duration[] took) {
    long start = System.nanoTime();
    Resolution r = lab.lookup(name, Type.A);
    took[0] = Duration.ofNanos(System.nanoTime() - start);
    return r;
  }

  @Test
  void allServersOfAZoneDroppingEndsInServfailWithinTheDeadline() {
    lab.server("ns1.example.com.").fault(Fault.drop());
    lab.server("ns2.example.com.").fault(Fault.drop());
    Duration[] took = new Duration[1];
    Resolution r = timed("www.example.com", took);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure().orElseThrow().reason())
        .isIn(FailureReason.TIMEOUT, FailureReason.DEADLINE_EXCEEDED);
    assertThat(took[0]).as("trace:%n%s", r.trace().render()).isLessThan(DEADLINE.plus(MARGIN));
    assertThat(r)
        .trace()
        .elapsedLessThan(DEADLINE.plus(MARGIN))
        .stepKinds()
        .contains(StepKind.TIMEOUT);
  }

  @Test
  void everyRootServerDroppingEndsInServfailWithinTheDeadline() {
    for (LabServer s : lab.get().servers()) {
      s.fault(Fault.drop());
    }
    Duration[] took = new Duration[1];
    Resolution r = timed("www.example.com", took);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure().orElseThrow().reason())
        .isIn(FailureReason.TIMEOUT, FailureReason.DEADLINE_EXCEEDED);
    assertThat(took[0]).isLessThan(DEADLINE.plus(MARGIN));
    assertThat(r).trace().stepKinds().allSatisfy(k -> assertThat(k).isEqualTo(StepKind.TIMEOUT));
    assertThat(lab.get().queryCount()).isLessThanOrEqualTo(2);
  }

  @Test
  void aSlowGluelessChainIsCutOffByTheDeadlineToo() {
    for (String server :
        new String[] {
          HardeningWorld.HOP1_SERVER, HardeningWorld.HOP2_SERVER, HardeningWorld.HOP3_SERVER
        }) {
      lab.server(server).fault(Fault.delay(Duration.ofMillis(200)));
    }
    Duration[] took = new Duration[1];
    Resolution r = timed("www.target.com", took);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(took[0]).as("trace:%n%s", r.trace().render()).isLessThan(DEADLINE.plus(MARGIN));
  }

  @Test
  void concurrentLookupsIntoADeadZoneAllEndWithinTheDeadline() throws Exception {
    lab.server("ns1.example.com.").fault(Fault.drop());
    lab.server("ns2.example.com.").fault(Fault.drop());
    long start = System.nanoTime();
    java.util.List<java.util.concurrent.CompletableFuture<Resolution>> all =
        new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(lab.resolver().lookupAsync("n" + i + ".example.com", Type.A));
    }
    for (java.util.concurrent.CompletableFuture<Resolution> f : all) {
      assertThat(
              f.get(DEADLINE.plus(MARGIN).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                  .status())
          .isEqualTo(Status.SERVFAIL);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plus(MARGIN));
  }
}
