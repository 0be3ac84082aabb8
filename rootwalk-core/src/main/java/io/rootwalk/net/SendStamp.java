package io.rootwalk.net;

/**
 * How long a query waited inside the transport before it left: the part of an exchange's elapsed
 * time that is the resolver's own, not the server's. The engine subtracts it from the round-trip
 * time it records for the server, so a burst that queues queries locally neither inflates a
 * server's RTT nor, through it, its retransmit timeout.
 *
 * <p>Written at most once, by the I/O thread, before the query's future completes; read after.
 */
public final class SendStamp {

  private volatile long queuedNanos = -1;

  /** A stamp for one query, not yet sent. */
  public SendStamp() {}

  /**
   * Records that the query left after waiting {@code queuedNanos}.
   *
   * @param queuedNanos how long it waited in the transport, at least 0
   */
  public void sent(long queuedNanos) {
    this.queuedNanos = Math.max(0, queuedNanos);
  }

  /**
   * Whether the transport wrote the query at all.
   *
   * @return false when it failed (or was abandoned) before leaving
   */
  public boolean wasSent() {
    return queuedNanos >= 0;
  }

  /**
   * How long the query waited before it left.
   *
   * @return nanoseconds, 0 when not known or not sent
   */
  public long queuedNanos() {
    return Math.max(0, queuedNanos);
  }
}
