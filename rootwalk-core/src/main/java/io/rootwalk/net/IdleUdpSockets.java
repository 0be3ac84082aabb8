package io.rootwalk.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's connected UDP sockets between exchanges, by server, under a {@link
 * UdpSocketReuse} policy. A kept socket stays registered with the loop's selector with no interest,
 * so nothing is read from it until its next exchange {@linkplain #take takes} it. Used only on the
 * loop's thread.
 */
final class IdleUdpSockets {

  private static final Logger log = LoggerFactory.getLogger(IdleUdpSockets.class);

  /**
   * Datagrams read and dropped before a kept socket's next query. More waiting than this means
   * someone is flooding the port: it is closed rather than drained for ever.
   */
  static final int MAX_STALE_DATAGRAMS = 64;

  /**
   * A socket between exchanges.
   *
   * @param opened when it was opened, in ticker nanoseconds
   * @param exchanges how many exchanges it has carried
   */
  record Idle(DatagramChannel channel, SelectionKey key, long opened, int exchanges) {}

  private final UdpSocketReuse policy;
  private final long maxAgeNanos;
  private final AtomicInteger openChannels;
  private final Map<InetSocketAddress, ArrayDeque<Idle>> byServer = new HashMap<>();
  private int count;

  /** When {@link #closeExpired} next has something to close, in ticker nanoseconds (count > 0). */
  private long sweepAt;

  IdleUdpSockets(UdpSocketReuse policy, AtomicInteger openChannels) {
    this.policy = policy;
    this.maxAgeNanos = policy.maxAge().toNanos();
    this.openChannels = openChannels;
  }

  /**
   * A kept socket connected to {@code server}, young enough, with nothing stale waiting in it; null
   * when there is none (then the exchange opens its own).
   */
  @Nullable Idle take(InetSocketAddress server, long now, ByteBuffer scratch) {
    if (count == 0) {
      return null;
    }
    ArrayDeque<Idle> idle = byServer.get(server);
    while (idle != null && !idle.isEmpty()) {
      Idle candidate = idle.pollLast(); // the most recent: older ones age out unused
      count--;
      if (idle.isEmpty()) {
        byServer.remove(server);
      }
      if (!expired(candidate, now) && drained(candidate.channel(), scratch)) {
        return candidate;
      }
      close(candidate.channel());
    }
    return null;
  }

  /**
   * Keeps a socket whose exchange has just accepted an answer, if the policy lets it carry another
   * one; false when the caller is to close it.
   */
  boolean keep(
      InetSocketAddress server,
      DatagramChannel channel,
      @Nullable SelectionKey key,
      long opened,
      int exchanges,
      long now) {
    if (!policy.enabled()
        || key == null
        || !key.isValid()
        || exchanges >= policy.exchanges()
        || now - opened >= maxAgeNanos) {
      return false;
    }
    key.interestOps(0);
    key.attach(null);
    byServer
        .computeIfAbsent(server, s -> new ArrayDeque<>())
        .addLast(new Idle(channel, key, opened, exchanges));
    long expires = opened + maxAgeNanos;
    sweepAt = count == 0 || expires - sweepAt < 0 ? expires : sweepAt;
    count++;
    return true;
  }

  /**
   * Closes every kept socket that has reached its age, so that none outlives {@code maxAge} by more
   * than a loop turn even when no exchange asks for it; returns the milliseconds until the next one
   * does, rounded up, or 0 when none is kept.
   */
  long closeExpired(long now) {
    if (count == 0) {
      return 0;
    }
    if (sweepAt - now > 0) { // nothing due yet: no scan on every loop turn
      return untilMillis(sweepAt - now);
    }
    long next = Long.MAX_VALUE;
    for (Iterator<ArrayDeque<Idle>> servers = byServer.values().iterator(); servers.hasNext(); ) {
      ArrayDeque<Idle> idle = servers.next();
      for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
        Idle socket = it.next();
        long remaining = socket.opened() + maxAgeNanos - now;
        if (remaining <= 0) {
          it.remove();
          count--;
          close(socket.channel());
        } else {
          next = Math.min(next, remaining);
        }
      }
      if (idle.isEmpty()) {
        servers.remove();
      }
    }
    if (count == 0) {
      return 0;
    }
    sweepAt = now + next;
    return untilMillis(next);
  }

  private static long untilMillis(long nanos) {
    return nanos / 1_000_000 + 1;
  }

  /** Closes every kept socket (the transport is closing). */
  void closeAll() {
    byServer.values().forEach(idle -> idle.forEach(socket -> close(socket.channel())));
    byServer.clear();
    count = 0;
  }

  int size() {
    return count;
  }

  /** Whether the policy keeps sockets at all. */
  boolean enabled() {
    return policy.enabled();
  }

  private boolean expired(Idle socket, long now) {
    return now - socket.opened() >= maxAgeNanos;
  }

  /**
   * Reads and drops what arrived while the socket was idle: a late duplicate of the last answer, or
   * forgeries planted for the next query, which must not be matched against it.
   */
  private static boolean drained(DatagramChannel channel, ByteBuffer scratch) {
    try {
      for (int i = 0; i < MAX_STALE_DATAGRAMS; i++) {
        scratch.clear();
        if (channel.receive(scratch) == null) {
          return true;
        }
      }
      log.atDebug().log("a kept UDP socket is being flooded; closing it");
      return false;
    } catch (IOException e) { // PortUnreachableException and the like: a fresh socket instead
      return false;
    }
  }

  private void close(DatagramChannel channel) {
    openChannels.decrementAndGet();
    try {
      channel.close();
    } catch (IOException e) {
      log.atDebug().setCause(e).log("error closing a kept UDP socket");
    }
  }
}
