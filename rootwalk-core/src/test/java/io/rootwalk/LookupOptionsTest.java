package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import io.rootwalk.testing.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** Per-call options: a deadline of the call's own, fresh data instead of the cache, TCP. */
class LookupOptionsTest {

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(
              b ->
                  b.ticker(ticker)
                      .queryTimeout(Duration.ofMillis(200))
                      .deadline(Duration.ofSeconds(30)));

  private static Question www() {
    return Question.of("www.example.com", Type.A);
  }

  @Test
  void aCallsOwnTimeoutEndsItsLookupBeforeTheResolversDeadline() throws Exception {
    lab.server("ns1.example.com.").fault(Fault.drop());
    lab.server("ns2.example.com.").fault(Fault.drop());
    CompletableFuture<Resolution> lookup =
        lab.resolver()
            .lookupAsync(www(), LookupOptions.defaults().withTimeout(Duration.ofSeconds(1)));
    lab.get().takeQuery(Duration.ofSeconds(10)); // the walk is under way: its clock has started

    ticker.advance(Duration.ofSeconds(2)); // past the call's deadline, far from the resolver's

    Resolution r = lookup.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail()).contains("deadline of 1000 ms");
  }

  @Test
  void withoutItTheSameTimePassingLeavesTheLookupToTryEveryServer() throws Exception {
    lab.server("ns1.example.com.").fault(Fault.drop());
    lab.server("ns2.example.com.").fault(Fault.drop());
    CompletableFuture<Resolution> lookup =
        lab.resolver().lookupAsync(www(), LookupOptions.defaults());
    lab.get().takeQuery(Duration.ofSeconds(10));

    ticker.advance(Duration.ofSeconds(2));

    Resolution r = lookup.get(10, TimeUnit.SECONDS);
    assertThat(r.failure().orElseThrow().reason()).isNotEqualTo(FailureReason.DEADLINE_EXCEEDED);
    assertThat(lab.get().queriesTo("ns2.example.com.")).isNotEmpty();
  }

  @Test
  void bypassingTheCacheAsksTheServerAgainAndRefreshesTheCache() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    lab.get().clearQueries();

    Resolution fresh = r.lookup(www(), LookupOptions.defaults().bypassingCache());

    assertThat(fresh)
        .isNoError()
        .hasAddresses("93.184.216.34")
        .hasStepKinds(CACHED_DELEGATION, ANSWER)
        .sentUpstreamQueries(1);
    assertThat(r.lookup(www(), LookupOptions.defaults())).hasStepKinds(CACHED_ANSWER);
  }

  @Test
  void overTcpEveryQueryOfTheLookupGoesOverTcp() {
    Resolution r = lab.resolver().lookup(www(), LookupOptions.defaults().overTcp());

    assertThat(r).isNoError().hasAddresses("93.184.216.34");
    List<RecordedQuery> queries = new ArrayList<>(lab.get().queries());
    assertThat(queries).isNotEmpty();
    assertThat(queries).extracting(RecordedQuery::protocol).containsOnly(Wire.TCP);
  }

  @Test
  void aListenerInTheOptionsHearsEveryStep() {
    List<StepKind> heard = new ArrayList<>();
    ResolutionListener listener =
        new ResolutionListener() {
          @Override
          public void stepCompleted(TraceStep step) {
            heard.add(step.kind());
          }
        };

    Resolution r = lab.resolver().lookup(www(), LookupOptions.defaults().withListener(listener));

    assertThat(heard)
        .isNotEmpty()
        .isEqualTo(r.trace().steps().stream().map(TraceStep::kind).toList());
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThatThrownBy(() -> LookupOptions.defaults().withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThat(LookupOptions.defaults().withListener(ResolutionListener.NONE))
        .isSameAs(LookupOptions.defaults());
  }
}
