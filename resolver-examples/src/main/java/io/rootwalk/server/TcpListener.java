package io.rootwalk.server;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts DNS-over-TCP clients (RFC 7766) on an asynchronous server socket: connections cost
 * buffers and callbacks on the group's small fixed pool, never a thread each.
 */
final class TcpListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

  private final AsynchronousServerSocketChannel server;
  private final AsynchronousChannelGroup group;
  private final QueryHandler handler;

  TcpListener(AsynchronousServerSocketChannel server, AsynchronousChannelGroup group, QueryHandler handler) {
    this.server = server;
    this.group = group;
    this.handler = handler;
  }

  void start() {
    server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
      @Override
      public void completed(AsynchronousSocketChannel client, Void unused) {
        acceptNext();
        new TcpSession(client, handler).start();
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

  private void acceptNext() {
    if (server.isOpen()) {
      start();
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
      group.shutdownNow();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }
}
