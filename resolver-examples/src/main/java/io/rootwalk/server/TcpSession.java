package io.rootwalk.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DNS-over-TCP connection: two-byte length-prefixed queries in, responses out (RFC 1035
 * section 4.2.2). Queries may be pipelined (RFC 7766 section 6.2.1.1): each is resolved as soon as
 * it is read, and responses are written in the order they complete, one write at a time (an
 * asynchronous channel allows only one pending write).
 */
final class TcpSession {

  private static final Logger log = LoggerFactory.getLogger(TcpSession.class);

  /**
   * RFC 7766 section 6.2.3: close idle connections. Longer than a lookup's default deadline (10 s),
   * so a client waiting for a slow answer is not cut off (a timed-out read cannot be resumed).
   */
  private static final long IDLE_TIMEOUT_SECONDS = 30;

  private final AsynchronousSocketChannel channel;
  private final QueryHandler handler;
  private final Queue<ByteBuffer> pendingWrites = new ArrayDeque<>();
  private boolean writing;
  /** Queries read and not yet answered (or dropped). */
  private int inFlight;
  /** The client sent EOF: close once every query it sent is answered. */
  private boolean inputDone;

  TcpSession(AsynchronousSocketChannel channel, QueryHandler handler) {
    this.channel = channel;
    this.handler = handler;
  }

  void start() {
    readFully(ByteBuffer.allocate(2), this::lengthRead);
  }

  private void lengthRead(ByteBuffer prefix) {
    int length = ((prefix.get(0) & 0xff) << 8) | (prefix.get(1) & 0xff);
    if (length == 0) {
      close();
      return;
    }
    readFully(ByteBuffer.allocate(length), this::queryRead);
  }

  private void queryRead(ByteBuffer body) {
    synchronized (this) {
      inFlight++;
    }
    start(); // read the next query while this one resolves
    handler.handle(body.array()).thenAccept(reply -> {
      if (reply.isPresent()) {
        write(reply.get().tcpWire());
      } else {
        answered();
      }
    });
  }

  /** One query is done with (written or dropped); the last one closes a half-closed connection. */
  private void answered() {
    boolean close;
    synchronized (this) {
      inFlight--;
      close = inputDone && inFlight == 0;
    }
    if (close) {
      close();
    }
  }

  private void inputEnded() {
    boolean close;
    synchronized (this) {
      inputDone = true;
      close = inFlight == 0;
    }
    if (close) {
      close();
    }
  }


  private void readFully(ByteBuffer buffer, java.util.function.Consumer<ByteBuffer> then) {
    if (!channel.isOpen()) {
      return;
    }
    channel.read(buffer, IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS, buffer, new CompletionHandler<Integer, ByteBuffer>() {
      @Override
      public void completed(Integer n, ByteBuffer b) {
        if (n < 0) {
          inputEnded(); // the client is done sending; answer what it sent
        } else if (b.hasRemaining()) {
          readFully(b, then);
        } else {
          then.accept(b);
        }
      }

      @Override
      public void failed(Throwable e, ByteBuffer b) {
        close(); // idle timeout, reset, or shutdown
      }
    });
  }

  private void write(byte[] payload) {
    ByteBuffer framed = ByteBuffer.allocate(2 + payload.length);
    framed.put((byte) (payload.length >>> 8)).put((byte) payload.length).put(payload).flip();
    synchronized (this) {
      pendingWrites.add(framed);
      if (writing) {
        return;
      }
      writing = true;
    }
    writeNext();
  }

  private void writeNext() {
    ByteBuffer next;
    synchronized (this) {
      next = pendingWrites.peek();
      if (next == null) {
        writing = false;
        return;
      }
    }
    if (!channel.isOpen()) {
      return;
    }
    channel.write(next, next, new CompletionHandler<Integer, ByteBuffer>() {
      @Override
      public void completed(Integer n, ByteBuffer b) {
        if (!b.hasRemaining()) {
          synchronized (TcpSession.this) {
            pendingWrites.poll();
          }
          answered();
        }
        writeNext();
      }

      @Override
      public void failed(Throwable e, ByteBuffer b) {
        log.atDebug().log("tcp write: {}", e.toString());
        close();
      }
    });
  }

  private void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }
}
