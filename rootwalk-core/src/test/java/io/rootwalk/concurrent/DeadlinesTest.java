package io.rootwalk.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FakeTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resolver's own timers: dropped once their future completes, and none once closed. */
class DeadlinesTest {

  private final FakeTicker ticker = new FakeTicker();
  private final Deadlines deadlines = new Deadlines(ticker, "test-timer");

  @AfterEach
  void close() {
    deadlines.close();
  }

  @Test
  void aFutureThatCompletesInTimeKeepsItsValueAndItsTimerIsDropped() {
    CompletableFuture<String> f = new CompletableFuture<>();
    deadlines.failAfter(f, Duration.ofHours(1), () -> new IllegalStateException("too late"));

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
