package io.rootwalk.net;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Message;

/**
 * The default {@link Transport}: non-blocking UDP and TCP on a few event loops, each a selector
 * thread of its own ({@link EventLoop}).
 *
 * <p>Why a transport of our own rather than dnsjava's {@code NioUdpClient}: a resolver must keep
 * waiting when a datagram's ID, question or source does not match (RFC 5452 section 9.1), must time
 * out when it said it would rather than at the next one-second tick, and must not share a JVM-wide
 * thread with every other user of dnsjava. This class owns its loops' daemon threads, named {@code
 * rootwalk-io-N} (one per core by default: one loop caps a resolver at one core), and their
 * selectors; two instances share nothing. {@link #send} may be called from any thread: it validates
 * and serialises the query on the caller's thread and hands the rest to a loop through a queue, so
 * it never blocks. A send from a loop's own thread (a walk continuing after a response) stays on
 * that loop; any other goes to the next loop in turn.
 *
 * <p>Every query gets a fresh channel. Over UDP that is a fresh random ephemeral source port (RFC
 * 5452 section 9.2), connected to the server so the kernel filters other sources; over TCP it is a
 * fresh connection with two-byte length framing (RFC 7766), closed after the response.
 *
 * <p>A query's timeout runs from when its datagram leaves (or its TCP connection starts), not from
 * the call: time in a loop's queue is the resolver's, never the server's.
 *
 * <p>Futures are completed on the I/O thread, so dependent stages run there: keep them short and
 * non-blocking, as the {@link Transport} contract says. A dependent that throws cannot hurt the
 * loop. Cancelling a returned future (or completing it yourself) abandons the query and closes its
 * channel promptly.
 *
 * <p>Deadlines are measured with the {@link Ticker} (the system ticker unless one is given). The
 * selector waits in real milliseconds, so a fake ticker is only useful when it tracks real time;
 * tests of socket timeouts use the system ticker.
 *
 * <p>Misuse is reported at once rather than through the future: {@code send} throws {@link
 * NullPointerException} for a null argument and {@link IllegalArgumentException} for a timeout that
 * is not positive, an unresolved server address (a transport must never look a name up), or a query
 * whose wire form exceeds 65,535 bytes, the most either a UDP datagram or a TCP length prefix can
 * carry. Such a query cannot be sent by any transport to any server, so it is a bug in the caller,
 * not an outcome of the exchange.
 */
public final class NioTransport implements Transport, AutoCloseable {

  private final Ticker ticker;
  private final EventLoop[] loops;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger openChannels = new AtomicInteger();
  private final AtomicLong channelsOpened = new AtomicLong();
  private final AtomicInteger nextLoop = new AtomicInteger();

  /** A transport with one loop whose deadlines follow {@link Ticker#systemTicker()}. */
  public NioTransport() {
    this(1);
  }

  /**
   * A transport with {@code loops} event loops whose deadlines follow {@link
   * Ticker#systemTicker()}.
   *
   * @param loops how many I/O threads, at least 1
   */
  public NioTransport(int loops) {
    this(Ticker.systemTicker(), loops);
  }

  /**
   * A transport with one loop whose deadlines follow {@code ticker}.
   *
   * @param ticker the time source for query deadlines; it must track real time, as the selector
   *     waits in real milliseconds
   * @throws UncheckedIOException if the selector cannot be opened
   */
  public NioTransport(Ticker ticker) {
    this(ticker, 1);
  }

  /**
   * A transport with {@code loops} event loops whose deadlines follow {@code ticker}.
   *
   * @param ticker the time source for query deadlines; it must track real time
   * @param loops how many I/O threads, at least 1
   * @throws UncheckedIOException if a selector cannot be opened
   */
  public NioTransport(Ticker ticker, int loops) {
    this(ticker, loops, UdpSocketReuse.NONE);
  }

  /**
   * A transport with {@code loops} event loops whose UDP sockets may carry more than one exchange
   * with their server, as {@code reuse} allows (each loop keeps its own).
   *
   * @param ticker the time source for query deadlines and socket ages; it must track real time
   * @param loops how many I/O threads, at least 1
   * @param reuse {@link UdpSocketReuse#NONE} for one socket per exchange
   * @throws UncheckedIOException if a selector cannot be opened
   */
  public NioTransport(Ticker ticker, int loops, UdpSocketReuse reuse) {
    Objects.requireNonNull(reuse, "reuse");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    if (loops < 1) {
      throw new IllegalArgumentException("loops must be at least 1 but was " + loops);
    }
    this.loops = new EventLoop[loops];
    try {
      for (int i = 0; i < loops; i++) {
        this.loops[i] =
            new EventLoop(
                ticker,
                closed,
                openChannels,
                channelsOpened,
                reuse,
                "rootwalk-io-" + LOOP_IDS.incrementAndGet());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Distinct thread names across instances, so a thread dump tells the loops apart. */
  private static final AtomicInteger LOOP_IDS = new AtomicInteger();

  /**
   * The default number of loops: one per core.
   *
   * @return the number of available processors
   */
  public static int defaultLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    return send(query, server, protocol, timeout, new SendStamp());
  }

  /**
   * Like {@link #send(Message, InetSocketAddress, Protocol, Duration)}, also telling {@code stamp}
   * how long the query waited before it left.
   *
   * @param query the query
   * @param server the server's address and port
   * @param protocol UDP or TCP
   * @param timeout how long to wait for the response once the query has left
   * @param stamp told when the query leaves
   * @return completes with the matching response, or with a {@link TransportException}
   */
  public CompletableFuture<Message> send(
      Message query,
      InetSocketAddress server,
      Protocol protocol,
      Duration timeout,
      SendStamp stamp) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(stamp, "stamp");
    // Misuse is thrown here, on the caller's thread, even once closed.
    PendingQuery.Outgoing q = PendingQuery.Outgoing.of(query, server, timeout, ticker.read());
    if (closed.get()) {
      return CompletableFuture.failedFuture(transportClosed());
    }
    EventLoop loop = loopForThisThread();
    PendingQuery exchange =
        protocol == Protocol.UDP ? new UdpQuery(loop, q, stamp) : new TcpQuery(loop, q, stamp);
    CompletableFuture<Message> future = exchange.future;
    loop.send(exchange);
    if (closed.get()) {
      // close() raced with us and the loop may already have drained the queue: nobody else will.
      future.completeExceptionally(transportClosed());
    }
    return future;
  }

  private EventLoop loopForThisThread() {
    if (Thread.currentThread() instanceof EventLoop.LoopThread t) {
      for (EventLoop loop : loops) {
        if (loop == t.loop) {
          return loop;
        }
      }
    }
    if (loops.length == 1) {
      return loops[0];
    }
    return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
  }

  /**
   * Stops the I/O threads, closes every channel and fails every pending future with {@link
   * TransportException.Unreachable} ("transport closed"). Later calls to {@link #send} return
   * futures that have already failed that way. Idempotent. Unless called from a dependent stage on
   * an I/O thread itself, returns only after the threads have finished, so every future sent before
   * it is complete.
   */
  @Override
  public void close() {
    closed.set(true);
    for (EventLoop loop : loops) {
      if (loop != null) {
        loop.wakeUpToClose();
      }
    }
    for (EventLoop loop : loops) {
      if (loop == null) {
        continue;
      }
      try {
        loop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "NioTransport{" + loops.length + " loops" + (closed.get() ? ", closed}" : "}");
  }

  // ---- package-private hooks for tests ----

  /**
   * Channels opened and not yet closed, kept UDP sockets included. Zero whenever nothing is in
   * flight and nothing is kept.
   */
  int openChannelCount() {
    return openChannels.get();
  }

  /** Channels opened since the transport was made, closed ones included. */
  long channelsOpenedCount() {
    return channelsOpened.get();
  }

  /**
   * Completes with {@link #openChannelCount()} once every loop has processed everything queued
   * before this call (for example the clean-up of a cancelled future): a deterministic test barrier
   * without sleeping.
   */
  CompletableFuture<Integer> openChannelCountAfterQueuedWork() {
    CompletableFuture<?>[] barriers = new CompletableFuture<?>[loops.length];
    for (int i = 0; i < loops.length; i++) {
      barriers[i] = loops[i].afterQueuedWork();
    }
    return CompletableFuture.allOf(barriers).thenApply(v -> openChannels.get());
  }

  /** Runs {@code task} on the first loop's thread, in turn with its other work (a test hook). */
  void runOnFirstLoop(Runnable task) {
    loops[0].execute(task);
  }

  /** The first loop's thread name (all of them are {@code rootwalk-io-N}). */
  String ioThreadName() {
    return loops[0].threadName();
  }

  static TransportException.Unreachable transportClosed() {
    return new TransportException.Unreachable("transport closed", null);
  }
}
