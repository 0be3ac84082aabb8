package io.rootwalk.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives queries on one UDP socket with a single thread. A query the fast path answers (a refused
 * client, junk, a reply-cache hit) is answered on this thread at once; any other is copied and
 * handed on: resolution is asynchronous and replies are sent from whichever thread completes them
 * ({@link DatagramChannel#send} is thread-safe), so no thread waits per query. A server runs
 * several of these, on sockets of their own or sharing one (see {@link RecursiveServer}). With
 * response rate limiting on, each datagram is counted against its sender's prefix first (see {@link
 * ResponseRateLimiter}).
 */
final class UdpListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UdpListener.class);

  /** The largest datagram we read; anything longer is a malformed query anyway. */
  private static final int MAX_QUERY = 65535;

  private final DatagramChannel channel;
  private final QueryHandler handler;
  private final ResponseRateLimiter rateLimiter;
  private final Thread thread;

  /**
   * Replies sent from the receive thread go out of this direct buffer. The JDK copies a heap buffer
   * into a temporary direct one for every datagram (taken from and given back to a per-thread
   * cache), which was a few percent of a cache hit's CPU; replies sent from other threads (those
   * that completed a lookup) still take that path.
   */
  private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(MAX_QUERY);

  UdpListener(
      DatagramChannel channel, QueryHandler handler, ResponseRateLimiter rateLimiter, int index) {
    this.channel = channel;
    this.handler = handler;
    this.rateLimiter = rateLimiter;
    this.thread = new Thread(this::receiveLoop, "rootwalk-udp-" + port(channel) + "-" + index);
    this.thread.setDaemon(true);
  }

  DatagramChannel channel() {
    return channel;
  }

  void start() {
    thread.start();
  }

  private void receiveLoop() {
    // Received into direct memory for the same reason, then copied once into the array the
    // handler reads (only the datagram's bytes, not the 64 KB).
    ByteBuffer received = ByteBuffer.allocateDirect(MAX_QUERY);
    byte[] bytes = new byte[MAX_QUERY];
    while (channel.isOpen()) {
      SocketAddress client;
      int length;
      try {
        received.clear();
        client = channel.receive(received);
        received.flip();
        length = received.remaining();
        received.get(bytes, 0, length);
      } catch (ClosedChannelException e) {
        return; // close() was called
      } catch (IOException e) {
        // ICMP errors from earlier sends surface here on some systems: not fatal.
        log.atDebug().log("udp receive: {}", e.toString());
        continue;
      }
      if (!(client instanceof InetSocketAddress from)) {
        continue;
      }
      if (rateLimiter.enabled() && limited(bytes, length, from)) {
        continue;
      }
      byte[] fast = handler.fastUdpReply(client, bytes, length);
      if (fast != null) {
        if (fast.length > 0) {
          send(fast, client);
        }
        continue;
      }
      byte[] packet = Arrays.copyOf(bytes, length);
      SocketAddress to = client;
      handler
          .handle(packet, from.getAddress())
          .thenAccept(reply -> reply.ifPresent(r -> send(r, to)));
    }
  }

  /** Whether the datagram is over its prefix's rate: dropped, or answered with an empty TC=1. */
  private boolean limited(byte[] datagram, int length, InetSocketAddress from) {
    ResponseRateLimiter.Verdict verdict = rateLimiter.check(from.getAddress());
    if (verdict == ResponseRateLimiter.Verdict.SLIP) {
      byte[] slip = ResponseRateLimiter.slipReply(datagram, length);
      if (slip != null) {
        send(slip, from);
      }
    }
    return verdict != ResponseRateLimiter.Verdict.PASS;
  }

  private void send(Reply reply, SocketAddress to) {
    byte[] wire;
    try {
      wire = reply.udpWire();
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("udp reply to {} does not render", to);
      return;
    }
    send(wire, to);
  }

  private void send(byte[] wire, SocketAddress to) {
    try {
      if (Thread.currentThread() == thread && wire.length <= sendBuffer.capacity()) {
        sendBuffer.clear();
        channel.send(sendBuffer.put(wire).flip(), to);
      } else {
        channel.send(ByteBuffer.wrap(wire), to);
      }
    } catch (IOException e) {
      log.atDebug().log("udp send to {}: {}", to, e.toString());
    }
  }

  /**
   * Closes the socket and waits for the receive thread to leave it: the JDK releases the port only
   * when the last thread blocked in {@code receive} returns, so without the wait a restart on the
   * same port can fail with "Address already in use".
   */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String port(DatagramChannel channel) {
    try {
      return String.valueOf(channel.getLocalAddress());
    } catch (IOException e) {
      return "?";
    }
  }

  /** The receive buffer the kernel gave the socket. */
  int receiveBufferBytes() {
    try {
      return channel.getOption(java.net.StandardSocketOptions.SO_RCVBUF);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
