package io.rootwalk.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts DNS-over-TCP clients (RFC 7766) on an asynchronous server socket: connections cost
 * buffers and callbacks on the group's small fixed pool, never a thread each. At most {@link
 * ServerLimits#maxTcpConnections()} are open at once, and {@link
 * ClientLimits#maxTcpConnectionsPerClient()} from one client address: one more from a client at its
 * cap is closed as soon as it is accepted. When the table is full, a newcomer takes the place of
 * the heaviest client's oldest idle connection (see {@link ClientShares}), and is closed only when
 * no client holds more than it would.
 */
final class TcpListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

  private final AsynchronousServerSocketChannel server;
  private final AsynchronousChannelGroup group;
  private final QueryHandler handler;
  private final ServerLimits limits;
  private final ReplyBacklog backlog = new ReplyBacklog();

  /** Open connections by client address; a session is idle when it owes no replies. */
  private final ClientShares<TcpSession> open;

  TcpListener(
      AsynchronousServerSocketChannel server,
      AsynchronousChannelGroup group,
      QueryHandler handler,
      ServerLimits limits,
      ClientLimits clientLimits) {
    this.server = server;
    this.group = group;
    this.handler = handler;
    this.limits = limits;
    this.open =
        new ClientShares<>(
            limits.maxTcpConnections(),
            clientLimits.maxTcpConnectionsPerClient(),
            TcpSession::idle);
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
    InetAddress address = remoteAddress(client);
    if (address == null) {
      closeQuietly(client); // reset before we could ask who it was: nobody to serve
      return;
    }
    // The session releases its own slot when it closes, so it needs a reference to itself.
    AtomicReference<@Nullable TcpSession> self = new AtomicReference<>();
    Runnable release =
        () -> {
          TcpSession closing = self.get();
          if (closing != null) {
            open.release(address, closing);
          }
        };
    TcpSession session =
        new TcpSession(client, handler, limits, this::idleTimeoutNanos, release, backlog);
    self.set(session);
    ClientShares.Admission<TcpSession> admission = open.admit(address, session);
    if (admission.verdict() != ClientShares.Verdict.ADMITTED) {
      log.atDebug()
          .addKeyValue("client", address)
          .log("tcp: {} ({}), closing the new connection", admission.verdict(), open);
      closeQuietly(client);
      return;
    }
    TcpSession evicted = admission.evicted();
    if (evicted != null) {
      log.atDebug()
          .addKeyValue("client", address)
          .log("tcp: table full, closing one of the heaviest client's ({})", open);
      evicted.evict();
    }
    try {
      session.start();
    } catch (RuntimeException e) {
      // e.g. the group is shutting down: the session never started, so release its slot here
      open.release(address, session);
      log.atDebug().log("tcp session: {}", e.toString());
    }
  }

  private static @Nullable InetAddress remoteAddress(AsynchronousSocketChannel client) {
    try {
      return client.getRemoteAddress() instanceof InetSocketAddress remote
          ? remote.getAddress()
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void closeQuietly(AsynchronousSocketChannel client) {
    try {
      client.close();
    } catch (IOException e) {
      // refusing anyway
    }
  }

  /**
   * The full idle timeout, or the short one while more than half the connection slots are taken.
   */
  private long idleTimeoutNanos() {
    boolean busy = open.held() * 2L > limits.maxTcpConnections();
    return (busy ? limits.busyTcpIdleTimeout() : limits.tcpIdleTimeout()).toNanos();
  }

  /** Connections open now (for tests and logs). */
  int openConnections() {
    return open.held();
  }

  /** Waits until the number of open connections satisfies {@code condition} (tests). */
  boolean awaitOpenConnections(IntPredicate condition, Duration timeout)
      throws InterruptedException {
    return open.awaitHeld(condition, timeout);
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
