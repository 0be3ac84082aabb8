package io.rootwalk.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of TCP replies written but not yet taken by their clients, over all connections of a
 * {@link TcpListener}, and the most any one connection has had waiting: the gauges that show the
 * per-connection cap of {@link TcpSession#MAX_QUEUED_BYTES} holding (for tests and logs).
 */
final class ReplyBacklog {

  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong peakPerConnection = new AtomicLong();

  /**
   * The total at which a waiter in {@link #awaitQueuedAtLeast} wants waking; no waiter, no lock:
   * every TCP reply passes here, so the hot path pays one volatile read.
   */
  private volatile long wakeAtBytes = Long.MAX_VALUE;

  /** {@code bytes} more wait on a connection that now has {@code connectionTotal} waiting. */
  void queued(int bytes, int connectionTotal) {
    long total = queued.addAndGet(bytes);
    peakPerConnection.accumulateAndGet(connectionTotal, Math::max);
    if (total >= wakeAtBytes) {
      wake();
    }
  }

  private synchronized void wake() {
    notifyAll();
  }

  /**
   * Waits until at least {@code bytes} wait, woken by the write that gets there (for tests; one
   * waiter at a time).
   *
   * @return false if {@code timeout} passed first
   */
  synchronized boolean awaitQueuedAtLeast(long bytes, Duration timeout)
      throws InterruptedException {
    wakeAtBytes = bytes;
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (queued.get() < bytes) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    } finally {
      wakeAtBytes = Long.MAX_VALUE;
    }
  }

  /** {@code bytes} were written, or dropped with their connection. */
  void released(int bytes) {
    queued.addAndGet(-bytes);
  }

  /** Reply bytes waiting now, all connections together. */
  long queuedBytes() {
    return queued.get();
  }

  /** The most reply bytes one connection has had waiting at once. */
  long peakPerConnection() {
    return peakPerConnection.get();
  }
}
