package io.rootwalk.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Identical work in flight is started once; the key is free again before anyone hears back. */
class SingleFlightTest {

  private final SingleFlight<String, String> flights = new SingleFlight<>();

  @Test
  void followersJoinTheLeadersWorkAndGetTheirOwnCopyOfTheResult() {
    AtomicInteger started = new AtomicInteger();
    CompletableFuture<String> work = new CompletableFuture<>();
    SingleFlight.Flight<String> leader =
        flights.join("www.example.com A", () -> started.incrementAndGet() == 1 ? work : null);
    SingleFlight.Flight<String> follower = flights.join("www.example.com A", () -> null);

    assertThat(started).hasValue(1);
    assertThat(leader.leader()).isTrue();
    assertThat(follower.leader()).isFalse();
    follower.result().cancel(true); // a follower giving up does not touch the work
    assertThat(work).isNotDone();

    work.complete("93.184.216.34");
    assertThat(leader.result()).isCompletedWithValue("93.184.216.34");
    assertThat(flights.inFlight()).isZero();
  }

  @Test
  void theKeyIsReleasedBeforeTheResultArrivesSoAReactionStartsAfresh() {
    CompletableFuture<String> first = new CompletableFuture<>();
    SingleFlight.Flight<String> leader = flights.join("k", () -> first);
    AtomicInteger restarts = new AtomicInteger();
    leader
        .result()
        .thenRun(
            () ->
                flights.join(
                    "k",
                    () -> {
                      restarts.incrementAndGet();
                      return new CompletableFuture<>();
                    }));

    first.complete("done");

    assertThat(restarts).hasValue(1);
  }

  @Test
  void workThatThrowsReleasesTheKeyAndFailedWorkFailsEveryone() {
    assertThatThrownBy(
            () ->
                flights.join(
                    "k",
                    () -> {
                      throw new IllegalStateException("cannot start");
                    }))
        .hasMessage("cannot start");
    assertThat(flights.inFlight()).isZero();

    CompletableFuture<String> failing = new CompletableFuture<>();
    SingleFlight.Flight<String> leader = flights.join("k", () -> failing);
    SingleFlight.Flight<String> follower = flights.join("k", () -> null);
    failing.completeExceptionally(new IllegalArgumentException("boom"));
    assertThat(leader.result()).isCompletedExceptionally();
    assertThat(follower.result()).isCompletedExceptionally();
  }

  @Test
  void whenTheLastCallerCancelsTheWorkIsCancelledAndTheNextCallerStartsAfresh() {
    CompletableFuture<String> work = new CompletableFuture<>();
    SingleFlight.Flight<String> leader = flights.join("k", () -> work);
    SingleFlight.Flight<String> follower = flights.join("k", () -> null);

    leader.result().cancel(false);
    assertThat(work).as("one caller still waits").isNotCancelled();
    assertThat(follower.result()).isNotDone();

    follower.result().cancel(false);
    assertThat(work).as("nobody waits any more").isCancelled();
    assertThat(flights.inFlight()).isZero();

    CompletableFuture<String> again = new CompletableFuture<>();
    SingleFlight.Flight<String> next = flights.join("k", () -> again);
    assertThat(next.leader()).isTrue();
    again.complete("fresh");
    assertThat(next.result()).isCompletedWithValue("fresh");
  }

  @Test
  void theLeaderCancellingItsCopyLeavesTheFollowersTheirResult() {
    CompletableFuture<String> work = new CompletableFuture<>();
    SingleFlight.Flight<String> leader = flights.join("k", () -> work);
    SingleFlight.Flight<String> follower = flights.join("k", () -> null);

    leader.result().cancel(true);
    work.complete("93.184.216.34");

    assertThat(follower.result()).isCompletedWithValue("93.184.216.34");
    assertThat(leader.result()).isCancelled();
  }
}
