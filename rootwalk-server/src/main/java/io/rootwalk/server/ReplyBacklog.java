package io.rootwalk.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of TCP replies written but not yet taken by their clients, over all connections of a
 * {@link TcpListener}, and the most any one connection has had waiting: the gauges that show the
 * per-connection cap of {@link TcpSession#MAX_QUEUED_BYTES} holding (for tests and logs).
 */
final class ReplyBacklog {

  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong peakPerConnection = new AtomicLong();

  /** {@code bytes} more wait on a connection that now has {@code connectionTotal} waiting. */
  void queued(int bytes, int connectionTotal) {
    queued.addAndGet(bytes);
    peakPerConnection.accumulateAndGet(connectionTotal, Math::max);
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
