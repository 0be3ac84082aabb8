package io.rootwalk.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver's own threads for completing {@code lookupAsync} futures, so that callers' dependent
 * stages never run on an I/O thread, where one slow callback would stall every query in flight.
 *
 * <p>Why not the JVM's common fork-join pool: with fewer than three cores its parallelism is 1, and
 * {@link java.util.concurrent.CompletableFuture} then refuses it and starts a new thread for every
 * asynchronous task, one {@code Thread.start} per lookup. This pool has a fixed number of threads,
 * started on demand and ended after a minute idle; its queue is bounded in practice by the
 * resolver's admission limits, since each task is one finished lookup.
 */
public final class CallbackThreads implements Executor, AutoCloseable {

  private final ThreadPoolExecutor pool;

  /**
   * A pool of {@code threads} daemon threads named {@code rootwalk-callback-N}.
   *
   * @param threads at most this many threads, at least 1
   */
  public CallbackThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "rootwalk-callback-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            // After close, a lookup that was in flight still completes: on the completing thread.
            (task, executor) -> task.run());
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * The default size: one thread per core, and at least two so that one slow callback does not hold
   * up every other.
   *
   * @return the number of threads a resolver's own pool gets
   */
  public static int defaultThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** Lets queued completions run, then ends the threads; later tasks run on the caller's thread. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
