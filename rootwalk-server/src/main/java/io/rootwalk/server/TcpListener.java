package io.rootwalk.server;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts DNS-over-TCP clients (RFC 7766) on an asynchronous server socket: connections cost
 * buffers and callbacks on the group's small fixed pool, never a thread each. At most {@link
 * ServerLimits#maxTcpConnections()} are open at once; one more is closed as soon as it is accepted.
 */
final class TcpListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

  private final AsynchronousServerSocketChannel server;
  private final AsynchronousChannelGroup group;
  private final QueryHandler handler;
  private final ServerLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final ReplyBacklog backlog = new ReplyBacklog();

  TcpListener(
      AsynchronousServerSocketChannel server,
      AsynchronousChannelGroup group,
      QueryHandler handler,
      ServerLimits limits) {
    this.server = server;
    this.group = group;
    this.handler = handler;
    this.limits = limits;
  }

  void start() {
    server.accept(
        null,
        new CompletionHandler<AsynchronousSocketChannel, Void>() {
          @Override
          public void completed(AsynchronousSocketChannel client, Void unused) {
            acceptNext();
            admit(client);
          }

          @Override
          public void failed(Throwable e, Void unused) {
            if (server.isOpen()) {
              log.atDebug().log("tcp accept: {}", e.toString());
              acceptNext();
            }
          }
        });
  }

  private void admit(AsynchronousSocketChannel client) {
    if (open.incrementAndGet() > limits.maxTcpConnections()) {
      open.decrementAndGet();
      log.atDebug().log("tcp: {} connections open, refusing one more", limits.maxTcpConnections());
      try {
        client.close();
      } catch (IOException e) {
        // refusing anyway
      }
      return;
    }
    try {
      new TcpSession(
              client, handler, limits, this::idleTimeoutNanos, open::decrementAndGet, backlog)
          .start();
    } catch (RuntimeException e) {
      // e.g. the group is shutting down: the session never started, so release its slot here
      open.decrementAndGet();
      log.atDebug().log("tcp session: {}", e.toString());
    }
  }

  /**
   * The full idle timeout, or the short one while more than half the connection slots are taken.
   */
  private long idleTimeoutNanos() {
    boolean busy = open.get() * 2L > limits.maxTcpConnections();
    return (busy ? limits.busyTcpIdleTimeout() : limits.tcpIdleTimeout()).toNanos();
  }

  /** Connections open now (for tests and logs). */
  int openConnections() {
    return open.get();
  }

  /** Reply bytes waiting for their clients to read them (for tests). */
  ReplyBacklog backlog() {
    return backlog;
  }

  private void acceptNext() {
    if (server.isOpen()) {
      try {
        start();
      } catch (RuntimeException e) {
        log.atDebug().log("tcp accept: {}", e.toString()); // shutting down
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
    try {
      group.shutdownNow(); // closes every open connection
      group.awaitTermination(1, TimeUnit.SECONDS);
    } catch (IOException e) {
      // closing: nothing left to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
