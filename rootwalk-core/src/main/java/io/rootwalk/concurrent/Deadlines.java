package io.rootwalk.concurrent;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one time source of a resolver and the timers it owns. Deadlines are ticker times, read from
 * the injected {@link Ticker} (so tests that move a fake ticker move every deadline); the timers
 * that enforce them run on one daemon thread this object owns and {@link #close()}s, rather than on
 * the JVM-wide delay thread of {@link CompletableFuture#completeOnTimeout}, which no resolver can
 * stop and every library in the JVM shares.
 */
public final class Deadlines implements AutoCloseable {

  private final Ticker ticker;
  private final ScheduledThreadPoolExecutor timers;

  /**
   * Starts the timer thread.
   *
   * @param ticker the resolver's time source
   * @param threadName the timer thread's name, so a thread dump says whose it is
   */
  public Deadlines(Ticker ticker, String threadName) {
    this.ticker = ticker;
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    // A future that completes in time cancels its timer; drop it at once instead of keeping
    // thousands of dead tasks queued until their delay passes.
    timers.setRemoveOnCancelPolicy(true);
  }

  /**
   * Now, on the resolver's ticker.
   *
   * @return the ticker's reading, in nanoseconds
   */
  public long now() {
    return ticker.read();
  }

  /**
   * Fails {@code future} with {@code error} unless it completes within {@code delay}.
   *
   * @param future the future to bound
   * @param delay how long it may take
   * @param error the exception given when the delay passes first
   * @param <T> the future's value
   * @return {@code future}, for chaining
   */
  public <T> CompletableFuture<T> failAfter(
      CompletableFuture<T> future, Duration delay, Supplier<? extends Throwable> error) {
    return expireAfter(future, delay, () -> future.completeExceptionally(error.get()));
  }

  private <T> CompletableFuture<T> expireAfter(
      CompletableFuture<T> future, Duration delay, Runnable expire) {
    if (future.isDone()) {
      return future;
    }
    try {
      ScheduledFuture<?> timer = timers.schedule(expire, delay.toNanos(), TimeUnit.NANOSECONDS);
      future.whenComplete((v, e) -> timer.cancel(false));
    } catch (RejectedExecutionException closed) {
      // The resolver is closed: nothing may wait on this future any longer.
      expire.run();
    }
    return future;
  }

  /**
   * Runs {@code task} every {@code period} on the timer thread until {@link #close()}.
   *
   * @param task what to run; what it throws is logged by nobody, so it must not throw
   * @param period the time between runs
   */
  public void repeat(Runnable task, Duration period) {
    try {
      timers.scheduleWithFixedDelay(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      // closed already: nothing is left to sweep for
    }
  }

  /**
   * Runs {@code task} once after {@code delay} on the timer thread, even if {@link #close()} is
   * called meanwhile.
   *
   * @param task what to run; it must not throw
   * @param delay how long to wait
   */
  public void runAfter(Runnable task, Duration delay) {
    try {
      timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      task.run();
    }
  }

  /**
   * Refuses new timers (a future bounded after this expires at once). Timers already set still
   * fire, so a lookup in flight when its resolver closes keeps its guarantee to end; the thread
   * ends after the last of them.
   */
  @Override
  public void close() {
    timers.shutdown();
  }
}
