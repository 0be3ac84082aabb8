package io.rootwalk.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a connected UDP socket may outlive its exchange, to carry the next exchange with the
 * same server instead of a new socket: at most {@code exchanges} exchanges in all, and never once
 * it is {@code maxAge} old. {@link #NONE}, the default, is one socket per exchange, as Unbound's
 * {@code outside_network} opens a new socket on a random port for each query.
 *
 * <p>What reuse gives up, and what it keeps. Each socket still gets an ephemeral port the kernel
 * picks at random (RFC 5452 section 9.2), is still connected to its one server (Unbound's {@code
 * udp-connect}: other sources are dropped, and ICMP errors are reported), still carries one
 * exchange at a time, and is kept only after an answer was accepted; whatever arrived while it sat
 * idle is read and discarded before the next query leaves, so a forgery planted in advance never
 * counts. A server run by an attacker only ever sees sockets connected to itself, so it learns no
 * port another server's exchanges use. What changes is that a port, once found, stays useful: an
 * attacker who learns it (by a side channel such as SAD DNS's ICMP rate-limit probe,
 * CVE-2020-25705) has up to {@code exchanges} queries within {@code maxAge} to aim forgeries at,
 * with only the 16-bit ID left to guess, where a fresh socket would have given one. That is why it
 * is off by default; keep {@code maxAge} near one query timeout, which is as long as a socket lives
 * anyway while its server is slow or muted.
 *
 * <p>What it saves: on the benchmark's hierarchy, a cold query of a warmed-up {@code serve} cost
 * about a fifth less CPU with up to 16 exchanges per socket (the socket, bind, connect, four
 * getsockname calls, two epoll_ctl and the close, per exchange; figures in the benchmarks README).
 *
 * @param exchanges how many exchanges one socket carries, at least 1 (1: no reuse)
 * @param maxAge how long a socket may be kept from when it was opened, positive
 */
public record UdpSocketReuse(int exchanges, Duration maxAge) {

  /** One socket per exchange. */
  public static final UdpSocketReuse NONE = new UdpSocketReuse(1, Duration.ofSeconds(1));

  /** The largest {@link #exchanges}: beyond it the port is effectively fixed. */
  public static final int MAX_EXCHANGES = 1_000;

  /**
   * Checks the bounds.
   *
   * @param exchanges how many exchanges one socket carries
   * @param maxAge how long a socket may be kept from when it was opened
   * @throws IllegalArgumentException if {@code exchanges} is outside 1 to {@value #MAX_EXCHANGES}
   *     or {@code maxAge} is not positive
   */
  public UdpSocketReuse {
    Objects.requireNonNull(maxAge, "maxAge");
    if (exchanges < 1 || exchanges > MAX_EXCHANGES) {
      throw new IllegalArgumentException(
          "exchanges per socket must be in 1.." + MAX_EXCHANGES + " but was " + exchanges);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive but was " + maxAge);
    }
  }

  /**
   * Whether a socket may carry more than one exchange.
   *
   * @return false for {@link #NONE} and any policy of one exchange per socket
   */
  public boolean enabled() {
    return exchanges > 1;
  }
}
