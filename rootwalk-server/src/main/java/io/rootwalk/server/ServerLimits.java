package io.rootwalk.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client, or a flood of them, may hold of the server. Every resource a client can make the
 * server keep is bounded here, so a flood costs it refused work rather than threads or memory:
 *
 * @param maxTcpConnections open DNS-over-TCP connections at once (BIND's {@code tcp-clients} is
 *     150, Unbound's {@code incoming-num-tcp} 10 per thread). A connection beyond the cap is closed
 *     at once: the client sees EOF and may retry; the kernel backlog does not fill up behind it. A
 *     connection holds at most two 64 KiB buffers plus its pipelined replies.
 * @param tcpIdleTimeout how long a connection may sit without sending a complete query (RFC 7766
 *     section 6.2.3; BIND's and Unbound's default is 30 s). It bounds each whole frame, not each
 *     read, so a client trickling one byte at a time cannot hold a slot for ever. Queries already
 *     read are still answered before the connection closes.
 * @param busyTcpIdleTimeout the idle timeout while more than half of {@code maxTcpConnections} are
 *     in use (as Unbound shortens its timeout under load): idle clients make room for active ones
 * @param tcpWriteTimeout how long one reply may wait for a client that does not read it; then the
 *     connection is closed (a stuck writer would otherwise hold its replies for ever)
 * @param maxPipelinedPerConnection queries one TCP connection may have unanswered at once (RFC 7766
 *     section 6.2.1.1 pipelining); beyond it the server stops reading that connection until replies
 *     go out, so a client that sends without reading cannot queue unbounded replies
 * @param maxPendingLookups resolutions in flight for all clients on UDP and TCP (BIND's {@code
 *     recursive-clients}, Unbound's {@code num-queries-per-thread}). A query beyond it is answered
 *     from the cache when it can be, else SERVFAIL with an extended error, at once, so memory stays
 *     bounded and the client is not left to time out
 */
record ServerLimits(
    int maxTcpConnections,
    Duration tcpIdleTimeout,
    Duration busyTcpIdleTimeout,
    Duration tcpWriteTimeout,
    int maxPipelinedPerConnection,
    int maxPendingLookups) {

  static final ServerLimits DEFAULT =
      new ServerLimits(
          256, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10), 32, 10_000);

  ServerLimits {
    positive("maxTcpConnections", maxTcpConnections);
    positive("maxPipelinedPerConnection", maxPipelinedPerConnection);
    positive("maxPendingLookups", maxPendingLookups);
    positive("tcpIdleTimeout", tcpIdleTimeout);
    positive("busyTcpIdleTimeout", busyTcpIdleTimeout);
    positive("tcpWriteTimeout", tcpWriteTimeout);
  }

  ServerLimits withMaxTcpConnections(int value) {
    return new ServerLimits(
        value,
        tcpIdleTimeout,
        busyTcpIdleTimeout,
        tcpWriteTimeout,
        maxPipelinedPerConnection,
        maxPendingLookups);
  }

  ServerLimits withTcpIdleTimeout(Duration idle, Duration busy) {
    return new ServerLimits(
        maxTcpConnections,
        idle,
        busy,
        tcpWriteTimeout,
        maxPipelinedPerConnection,
        maxPendingLookups);
  }

  ServerLimits withTcpWriteTimeout(Duration value) {
    return new ServerLimits(
        maxTcpConnections,
        tcpIdleTimeout,
        busyTcpIdleTimeout,
        value,
        maxPipelinedPerConnection,
        maxPendingLookups);
  }

  ServerLimits withMaxPipelinedPerConnection(int value) {
    return new ServerLimits(
        maxTcpConnections,
        tcpIdleTimeout,
        busyTcpIdleTimeout,
        tcpWriteTimeout,
        value,
        maxPendingLookups);
  }

  ServerLimits withMaxPendingLookups(int value) {
    return new ServerLimits(
        maxTcpConnections,
        tcpIdleTimeout,
        busyTcpIdleTimeout,
        tcpWriteTimeout,
        maxPipelinedPerConnection,
        value);
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1 but was " + value);
    }
  }

  private static void positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive but was " + value);
    }
  }
}
