package io.rootwalk.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HangGuardTest {

  private final AtomicLong now = new AtomicLong();
  private final HangGuard guard = new HangGuard(Duration.ofSeconds(10), now::get);

  @Test
  void aFutureStillRunningAfterTheDelayGetsTheFallbackAndOneStillWithinItDoesNot() {
    CompletableFuture<String> early = guard.guard(new CompletableFuture<>(), () -> "expired");
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    CompletableFuture<String> late = guard.guard(new CompletableFuture<>(), () -> "expired");

    now.addAndGet(Duration.ofSeconds(7).toNanos()); // 11 s after the first, 7 s after the second
    guard.sweep();

    assertThat(early).isCompletedWithValue("expired");
    assertThat(late).isNotDone();
    assertThat(guard.pending()).isEqualTo(1);
  }

  @Test
  void aFutureThatEndsInTimeKeepsItsValueAndIsDroppedAtTheNextSweep() {
    CompletableFuture<String> f = guard.guard(new CompletableFuture<>(), () -> "expired");
    f.complete("answer");

    guard.sweep(); // before its deadline: the head is done, so it goes
    now.addAndGet(Duration.ofSeconds(20).toNanos());
    guard.sweep();

    assertThat(f).isCompletedWithValue("answer");
    assertThat(guard.pending()).isZero();
  }

  @Test
  void anAlreadyCompleteFutureIsNeverQueued() {
    guard.guard(CompletableFuture.completedFuture("cached"), () -> "expired");

    assertThat(guard.pending()).isZero();
  }
}
