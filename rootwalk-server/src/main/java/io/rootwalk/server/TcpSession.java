package io.rootwalk.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DNS-over-TCP connection: two-byte length-prefixed queries in, responses out (RFC 1035 section
 * 4.2.2). Queries may be pipelined (RFC 7766 section 6.2.1.1): each is resolved as soon as it is
 * read, and responses are written in the order they complete, one write at a time (an asynchronous
 * channel allows only one pending write).
 *
 * <p>Bounded by {@link ServerLimits}: each frame must arrive within the idle timeout of the moment
 * the server started waiting for it; at most {@code maxPipelinedPerConnection} queries are
 * unanswered at once (reading pauses beyond that); a reply the client does not read within the
 * write timeout closes the connection. When the client half-closes, or stays idle, the queries it
 * already sent are still answered before the connection closes.
 *
 * <p>Replies the client has not read yet are bounded in bytes too, since 32 unanswered queries for
 * 64 KiB answers would otherwise hold 2 MiB per connection (half a GiB over 256 connections).
 * Reading pauses while the replies waiting, and those expected from queries still resolving, reach
 * {@link #PAUSE_READING_BYTES}, until the client takes some; a reply that would take the wait past
 * {@link #MAX_QUEUED_BYTES} closes the connection instead (a client that pipelines without reading
 * is not one to hold memory for). So a connection never holds more than that, or one reply on its
 * own, whatever its client sends.
 */
final class TcpSession {

  private static final Logger log = LoggerFactory.getLogger(TcpSession.class);

  /** The most reply bytes (length prefixes included) one connection may have waiting to be read. */
  static final int MAX_QUEUED_BYTES = 64 << 10;

  /** Reading pauses while this much waits: the replies to queries already read still fit. */
  static final int PAUSE_READING_BYTES = MAX_QUEUED_BYTES / 2;

  private final AsynchronousSocketChannel channel;
  private final QueryHandler handler;
  private final ServerLimits limits;
  private final LongSupplier idleTimeoutNanos;
  private final Runnable onClose;
  private final ReplyBacklog backlog;

  /** The peer, for the allow list; null if the connection was gone before it could be asked. */
  private final @Nullable SocketAddress peer;

  /** The client's address, under which its share of lookups in flight is counted. */
  private final InetAddress client;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final Queue<ByteBuffer> pendingWrites = new ArrayDeque<>();
  private boolean writing;

  /** The bytes in {@code pendingWrites}, each reply counted until it is written entirely. */
  private int queuedBytes;

  /**
   * The size of the last reply queued: what each query still resolving is expected to add, so that
   * reading pauses before their replies land rather than after (queries already buffered by the
   * kernel are read faster than they are answered). 512 until a reply says otherwise.
   */
  private int expectedReplyBytes = Reply.MIN_UDP;

  /** Queries read and not yet answered (or dropped). */
  private int inFlight;

  /** The client sent EOF or went idle: close once every query it sent is answered. */
  private boolean inputDone;

  /** Reading stopped because {@code inFlight} reached the pipelining limit. */
  private boolean readPaused;

  TcpSession(
      AsynchronousSocketChannel channel,
      QueryHandler handler,
      ServerLimits limits,
      LongSupplier idleTimeoutNanos,
      Runnable onClose,
      ReplyBacklog backlog) {
    this.channel = channel;
    this.handler = handler;
    this.limits = limits;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.onClose = onClose;
    this.backlog = backlog;
    this.peer = peer(channel);
    this.client = clientAddress(channel);
  }

  private static @Nullable SocketAddress peer(AsynchronousSocketChannel channel) {
    try {
      return channel.getRemoteAddress();
    } catch (IOException e) {
      return null; // refused by the allow list: the check fails closed
    }
  }

  void start() {
    readFully(
        ByteBuffer.allocate(2), System.nanoTime() + idleTimeoutNanos.getAsLong(), this::lengthRead);
  }

  private void lengthRead(ByteBuffer prefix, long deadline) {
    int length = ((prefix.get(0) & 0xff) << 8) | (prefix.get(1) & 0xff);
    if (length == 0) {
      inputEnded(); // no DNS message is empty: the stream is out of step, stop reading it
      return;
    }
    readFully(ByteBuffer.allocate(length), deadline, (body, unused) -> queryRead(body));
  }

  private void queryRead(ByteBuffer body) {
    boolean readMore;
    synchronized (this) {
      inFlight++;
      readMore = mayRead();
      readPaused = !readMore;
    }
    if (readMore) {
      start(); // read the next query while this one resolves
    }
    byte[] fast = handler.fastTcpReply(peer, body.array());
    if (fast != null) {
      if (fast.length > 0) {
        write(fast);
      } else {
        answered(); // dropped
      }
      return;
    }
    handler
        .handle(body.array(), client)
        .whenComplete(
            (reply, e) -> {
              if (reply != null && reply.isPresent()) {
                byte[] wire;
                try {
                  wire = reply.get().tcpWire();
                } catch (RuntimeException ex) {
                  log.atWarn().setCause(ex).log("tcp reply does not render");
                  answered();
                  return;
                }
                write(wire);
              } else {
                answered();
              }
            });
  }

  /** One query is done with (written or dropped); the last one closes a half-closed connection. */
  private void answered() {
    boolean close;
    boolean resume = false;
    synchronized (this) {
      inFlight--;
      close = inputDone && inFlight == 0;
      if (readPaused && !inputDone && mayRead()) {
        readPaused = false;
        resume = true;
      }
    }
    if (close) {
      close();
    } else if (resume) {
      start();
    }
  }

  /**
   * Whether to read another query: few enough unanswered, and few enough reply bytes waiting or
   * expected from the queries still resolving.
   */
  private boolean mayRead() {
    long expected = (long) (inFlight - pendingWrites.size()) * expectedReplyBytes;
    return inFlight < limits.maxPipelinedPerConnection()
        && queuedBytes + expected < PAUSE_READING_BYTES;
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

  private interface FrameReader {
    void accept(ByteBuffer buffer, long deadline);
  }

  /** Fills {@code buffer}; all of it must arrive before {@code deadline} (System.nanoTime). */
  private void readFully(ByteBuffer buffer, long deadline, FrameReader then) {
    if (!channel.isOpen()) {
      return;
    }
    long timeout = Math.max(1, deadline - System.nanoTime());
    try {
      channel.read(
          buffer,
          timeout,
          TimeUnit.NANOSECONDS,
          buffer,
          new CompletionHandler<Integer, ByteBuffer>() {
            @Override
            public void completed(Integer n, ByteBuffer b) {
              if (n < 0) {
                inputEnded(); // the client is done sending; answer what it sent
              } else if (b.hasRemaining()) {
                readFully(b, deadline, then);
              } else {
                then.accept(b, deadline);
              }
            }

            @Override
            public void failed(Throwable e, ByteBuffer b) {
              if (e instanceof InterruptedByTimeoutException) {
                inputEnded(); // idle (or too slow): stop reading, answer what was read, then close
              } else {
                close(); // reset or shutdown
              }
            }
          });
    } catch (RuntimeException e) {
      close(); // the group is shutting down
    }
  }

  private void write(byte[] payload) {
    ByteBuffer framed = ByteBuffer.allocate(2 + payload.length);
    framed.put((byte) (payload.length >>> 8)).put((byte) payload.length).put(payload).flip();
    int size = framed.capacity();
    boolean overflow;
    synchronized (this) {
      if (closed.get()) {
        return; // closed while this query resolved: nobody to write to, nothing to hold
      }
      overflow = !pendingWrites.isEmpty() && queuedBytes + size > MAX_QUEUED_BYTES;
      if (!overflow) {
        pendingWrites.add(framed);
        queuedBytes += size;
        expectedReplyBytes = size;
        backlog.queued(size, queuedBytes);
        if (writing) {
          return;
        }
        writing = true;
      }
    }
    if (overflow) {
      // The client pipelines without reading: drop it rather than hold its replies.
      log.atDebug().log("tcp: {} reply bytes unread and {} more, closing", queuedBytes, size);
      close();
      return;
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
    try {
      channel.write(
          next,
          limits.tcpWriteTimeout().toNanos(),
          TimeUnit.NANOSECONDS,
          next,
          new CompletionHandler<Integer, ByteBuffer>() {
            @Override
            public void completed(Integer n, ByteBuffer b) {
              if (!b.hasRemaining()) {
                synchronized (TcpSession.this) {
                  ByteBuffer done = pendingWrites.poll();
                  if (done != null) { // null once close() has released the queue
                    queuedBytes -= done.capacity();
                    backlog.released(done.capacity());
                  }
                }
                answered();
              }
              writeNext();
            }

            @Override
            public void failed(Throwable e, ByteBuffer b) {
              log.atDebug().log("tcp write: {}", e.toString());
              close(); // a client that does not read its replies loses the connection
            }
          });
    } catch (RuntimeException e) {
      close();
    }
  }

  private void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing: nothing left to do
    } finally {
      synchronized (this) {
        pendingWrites.clear();
        backlog.released(queuedBytes);
        queuedBytes = 0;
      }
      onClose.run();
    }
  }

  /** Whether the connection owes its client nothing: no query unanswered, no reply unwritten. */
  synchronized boolean idle() {
    return inFlight == 0 && pendingWrites.isEmpty();
  }

  /** Closes the connection to make room for a lighter client's (see {@link ClientShares}). */
  void evict() {
    close();
  }

  private static InetAddress clientAddress(AsynchronousSocketChannel channel) {
    try {
      if (channel.getRemoteAddress() instanceof InetSocketAddress remote) {
        return remote.getAddress();
      }
    } catch (IOException e) {
      // closed already: its queries are never read
    }
    return LookupAdmission.UNKNOWN_CLIENT;
  }
}
