package io.rootwalk.concurrent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The last line of defence that every lookup ends: futures that are not complete a fixed time after
 * they were guarded are completed with a fallback. Every guard has the same delay, so the queue of
 * guards is in deadline order as it is built and one sweep from the head finds every expired one:
 * no timer per lookup to schedule and cancel, which was a few per cent of a cold walk's CPU on a
 * heap-ordered scheduler shared by every event loop.
 *
 * <p>The delay is real time ({@link System#nanoTime}), not the resolver's ticker: the guard exists
 * for a walk or a transport that never completes, and a test's fake ticker must not stop it.
 */
public final class HangGuard {

  private record Guarded<T>(CompletableFuture<T> future, long deadline, Supplier<T> fallback) {
    void expire() {
      future.complete(fallback.get());
    }
  }

  private final long delayNanos;
  private final LongSupplier clock;
  private final @Nullable Deadlines timers;
  private final ConcurrentLinkedQueue<Guarded<?>> guarded = new ConcurrentLinkedQueue<>();

  /**
   * A guard whose futures may take {@code delay}; {@code timers} sweeps it every {@code every}.
   *
   * @param delay how long a guarded future may stay incomplete
   * @param every how often to look, which is how late a guard may fire
   * @param timers the resolver's timer thread
   */
  public HangGuard(Duration delay, Duration every, Deadlines timers) {
    this.delayNanos = delay.toNanos();
    this.clock = System::nanoTime;
    this.timers = timers;
    timers.repeat(this::sweep, every);
  }

  /** A guard on {@code clock} that only {@link #sweep()} calls expire (for tests). */
  HangGuard(Duration delay, LongSupplier clock) {
    this.delayNanos = delay.toNanos();
    this.clock = clock;
    this.timers = null;
  }

  /**
   * Completes {@code future} with {@code fallback} unless it completes within the delay.
   *
   * @param future what must end
   * @param fallback its value if it does not
   * @param <T> the value
   * @return {@code future}
   */
  public <T> CompletableFuture<T> guard(CompletableFuture<T> future, Supplier<T> fallback) {
    if (!future.isDone()) {
      guarded.add(new Guarded<>(future, clock.getAsLong() + delayNanos, fallback));
    }
    return future;
  }

  /**
   * The owner is closing: the periodic sweep stops with the timer thread, so one last sweep, a full
   * delay from now, ends whatever is still guarded then. Call before closing the timers.
   */
  public void closeAfterLastDeadline() {
    Deadlines t = timers;
    if (t == null) {
      return;
    }
    t.runAfter(
        () -> {
          Guarded<?> g;
          while ((g = guarded.poll()) != null) {
            if (!g.future().isDone()) {
              g.expire();
            }
          }
        },
        Duration.ofNanos(delayNanos));
  }

  /** Guards not yet swept away (for tests). */
  int pending() {
    return guarded.size();
  }

  void sweep() {
    long now = clock.getAsLong();
    while (true) {
      Guarded<?> head = guarded.peek();
      if (head == null) {
        return;
      }
      if (!head.future().isDone() && head.deadline() - now > 0) {
        return; // the rest were guarded later still
      }
      guarded.poll();
      if (!head.future().isDone()) {
        head.expire();
      }
    }
  }
}
