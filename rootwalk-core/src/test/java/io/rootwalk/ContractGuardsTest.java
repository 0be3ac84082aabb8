package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** Guarantees that hold even when something around the engine breaks its promises. */
class ContractGuardsTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void aTransportThatNeverAnswersCannotHangALookupPastItsDeadline() {
    try (Resolver r =
        LabResolvers.builderFor(lab.get())
            .transport((query, server, protocol, timeout) -> new CompletableFuture<>())
            .deadline(Duration.ofMillis(200))
            .queryTimeout(Duration.ofMillis(100))
            .build()) {
      long start = System.nanoTime();
      Resolution res = r.lookup("www.example.com", Type.A);

      assertThat(res).isServFail(FailureReason.DEADLINE_EXCEEDED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aCacheOnlyQuestionNeverStartsAPrefetch() {
    FakeTicker ticker = new FakeTicker();
    try (Resolver r = LabResolvers.builderFor(lab.get()).ticker(ticker).prefetch(true).build()) {
      r.lookup("www.example.com", Type.A);
      ticker.advance(Duration.ofSeconds(86_400 - 60)); // in the last tenth of the TTL
      lab.get().clearQueries();

      assertThat(r.lookupCached(Question.of("www.example.com", Type.A))).isPresent();

      assertThat(lab.get().pollQuery(Duration.ofMillis(200)))
          .as("an RD=0 question causes no upstream query")
          .isEmpty();
      assertThat(r.cacheStatistics().prefetches()).isZero();
    }
  }
}
