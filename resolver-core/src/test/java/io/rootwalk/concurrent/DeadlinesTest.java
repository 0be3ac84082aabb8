package io.rootwalk.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FakeTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resolver's own timers: deadlines read from its ticker, and no timer once it is closed. */
class DeadlinesTest {

  private final FakeTicker ticker = new FakeTicker();
  private final Deadlines deadlines = new Deadlines(ticker, "test-timer");

  @AfterEach
  void close() {
    deadlines.close();
  }

  @Test
  void aDeadlineAlreadyPassedOnTheTickerCompletesTheFutureAtOnce() throws Exception {
    long deadline = deadlines.now() + Duration.ofSeconds(10).toNanos();
    ticker.advance(Duration.ofSeconds(11));

    CompletableFuture<String> f =
        deadlines.completeBy(new CompletableFuture<>(), deadline, () -> "too late");

    assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("too late");
  }

  @Test
  void aFutureThatCompletesInTimeKeepsItsValueAndItsTimerIsDropped() {
    CompletableFuture<String> f = new CompletableFuture<>();
    deadlines.completeAfter(f, Duration.ofHours(1), () -> "too late");

    f.complete("answer");

    assertThat(f).isCompletedWithValue("answer");
  }

  @Test
  void onceClosedANewTimerExpiresAtOnceRatherThanNever() {
    deadlines.close();

    CompletableFuture<String> f =
        deadlines.failAfter(
            new CompletableFuture<>(), Duration.ofHours(1), () -> new IllegalStateException("x"));

    assertThat(f).isCompletedExceptionally();
  }
}
