package io.rootwalk.net;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * The default {@link Transport}: non-blocking UDP and TCP on one selector thread per instance.
 *
 * <p>Why a transport of our own rather than dnsjava's {@code NioUdpClient}: a resolver must keep
 * waiting when a datagram's ID, question or source does not match (RFC 5452 section 9.1), must time
 * out when it said it would rather than at the next one-second tick, and must not share a JVM-wide
 * thread with every other user of dnsjava. This class owns one daemon thread, named {@code
 * rootwalk-io-N}, and one {@link Selector}; two instances share nothing. {@link #send} may be
 * called from any thread: it validates and serialises the query on the caller's thread and hands
 * the rest to the I/O thread through a queue, so it never blocks.
 *
 * <p>Every query gets a fresh channel. Over UDP that is a fresh random ephemeral source port (RFC
 * 5452 section 9.2), connected to the server so the kernel filters other sources; over TCP it is a
 * fresh connection with two-byte length framing (RFC 7766), closed after the response.
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

  private static final Logger log = LoggerFactory.getLogger(NioTransport.class);

  /**
   * Queued tasks (mostly query starts, each opening a socket) run per loop turn before deadlines
   * and the selector are looked at again: a burst of sends must not make earlier timeouts late.
   */
  private static final int MAX_TASKS_PER_TURN = 64;

  /** Earliest deadline first; the sequence makes distinct exchanges distinct in the set. */
  private static final Comparator<PendingQuery> BY_DEADLINE =
      (a, b) -> {
        int byDeadline = Long.signum(a.deadline - b.deadline); // wrap-safe, like System.nanoTime
        return byDeadline != 0 ? byDeadline : Long.compare(a.sequence, b.sequence);
      };

  private final Ticker ticker;
  private final Selector selector;
  private final Thread ioThread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger openChannels = new AtomicInteger();

  // Touched only on the I/O thread.
  private final TreeSet<PendingQuery> inFlight = new TreeSet<>(BY_DEADLINE);
  private final ByteBuffer datagramBuffer =
      ByteBuffer.allocateDirect(PendingQuery.MAX_MESSAGE_SIZE);
  private long nextSequence;

  /** A transport whose deadlines follow {@link Ticker#systemTicker()}. */
  public NioTransport() {
    this(Ticker.systemTicker());
  }

  /**
   * A transport whose deadlines follow {@code ticker}.
   *
   * @param ticker the time source for query deadlines; it must track real time, as the selector
   *     waits in real milliseconds
   * @throws UncheckedIOException if the selector cannot be opened
   */
  public NioTransport(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    Thread thread = new Thread(this::runLoop);
    thread.setName("rootwalk-io-" + thread.getId()); // unique without a static counter
    thread.setDaemon(true);
    this.ioThread = thread;
    thread.start();
  }

  @Override
  public CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    Objects.requireNonNull(protocol, "protocol");
    // Misuse is thrown here, on the caller's thread, even once closed.
    PendingQuery.Outgoing q = PendingQuery.Outgoing.of(query, server, timeout, ticker.read());
    if (closed.get()) {
      return CompletableFuture.failedFuture(transportClosed());
    }
    PendingQuery exchange =
        protocol == Protocol.UDP ? new UdpQuery(this, q) : new TcpQuery(this, q);
    CompletableFuture<Message> future = exchange.future;
    // Runs after any completion; a no-op when the I/O thread completed it (channel already closed).
    future.whenComplete((response, failure) -> onFutureDone(exchange));
    submit(() -> start(exchange));
    if (closed.get()) {
      // close() raced with us and the loop may already have drained the queue: nobody else will.
      future.completeExceptionally(transportClosed());
    }
    return future;
  }

  /**
   * Stops the I/O thread, closes every channel and fails every pending future with {@link
   * TransportException.Unreachable} ("transport closed"). Later calls to {@link #send} return
   * futures that have already failed that way. Idempotent. Unless called from a dependent stage on
   * the I/O thread itself, returns only after the thread has finished, so every future sent before
   * it is complete.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      selector.wakeup();
    }
    if (Thread.currentThread() != ioThread) {
      try {
        ioThread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "NioTransport{" + ioThread.getName() + (closed.get() ? ", closed}" : "}");
  }

  // ---- package-private hooks for exchanges and tests ----

  /** Channels opened and not yet closed. Zero whenever nothing is in flight. */
  int openChannelCount() {
    return openChannels.get();
  }

  /**
   * Completes with {@link #openChannelCount()} once the I/O thread has processed everything queued
   * before this call (for example the clean-up of a cancelled future): a deterministic test barrier
   * without sleeping.
   */
  CompletableFuture<Integer> openChannelCountAfterQueuedWork() {
    CompletableFuture<Integer> count = new CompletableFuture<>();
    if (closed.get() && !ioThread.isAlive()) {
      count.complete(openChannels.get());
      return count;
    }
    submit(() -> count.complete(openChannels.get()));
    if (!ioThread.isAlive()) {
      count.complete(openChannels.get());
    }
    return count;
  }

  String ioThreadName() {
    return ioThread.getName();
  }

  /** One receive buffer for every datagram: reads happen only on the I/O thread, one at a time. */
  ByteBuffer datagramBuffer() {
    return datagramBuffer;
  }

  void channelOpened() {
    openChannels.incrementAndGet();
  }

  void succeed(PendingQuery exchange, Message response) {
    if (finish(exchange)) {
      log.atTrace()
          .addKeyValue("server", exchange.server)
          .addKeyValue("protocol", exchange.protocol())
          .addKeyValue("id", exchange.matcher.id())
          .log("response accepted");
      exchange.complete(response, null);
    }
  }

  void fail(PendingQuery exchange, TransportException failure) {
    if (finish(exchange)) {
      log.atDebug()
          .addKeyValue("server", exchange.server)
          .addKeyValue("protocol", exchange.protocol())
          .addKeyValue("id", exchange.matcher.id())
          .addKeyValue("failure", failure.getClass().getSimpleName())
          .log(failure.getMessage());
      exchange.complete(null, failure);
    }
  }

  // ---- the I/O thread ----

  private void submit(Runnable task) {
    tasks.add(task);
    if (Thread.currentThread() != ioThread) {
      selector.wakeup(); // on the I/O thread the loop drains the queue before it selects again
    }
  }

  private void runLoop() {
    try {
      while (!closed.get()) {
        runTasks();
        if (!inFlight.isEmpty() && inFlight.first().deadline - ticker.read() <= 0) {
          // Read what has already arrived before declaring anything timed out: under load the
          // loop comes round late, and an answer waiting in a socket buffer is not a timeout.
          selector.selectNow(this::onSelected);
        }
        long waitMillis = expireDeadlines();
        if (closed.get()) {
          break;
        }
        // Checked only now: a dependent completed above (by a task or a timeout) may have called
        // send() on this thread, which queues without waking the selector.
        if (!tasks.isEmpty()) {
          selector.selectNow(this::onSelected);
        } else if (waitMillis == 0) {
          selector.select(this::onSelected); // nothing in flight: sleep until send() wakes us
        } else {
          selector.select(this::onSelected, waitMillis);
        }
      }
    } catch (Throwable t) { // only the selector itself can get here; handlers catch their own
      log.atError().setCause(t).log("I/O loop failed; closing the transport");
    } finally {
      shutDown();
    }
  }

  private void runTasks() {
    for (int i = 0; i < MAX_TASKS_PER_TURN; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        return;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.atWarn().setCause(e).log("queued I/O task failed");
      }
    }
  }

  private void start(PendingQuery exchange) {
    if (exchange.future.isDone()) {
      exchange.finished = true; // cancelled before we got to it: never open a channel
      return;
    }
    if (closed.get()) {
      exchange.finished = true;
      exchange.complete(null, transportClosed());
      return;
    }
    exchange.sequence = nextSequence++;
    inFlight.add(exchange);
    if (exchange.deadline - ticker.read() <= 0) {
      fail(exchange, exchange.timedOut()); // the queue was slower than the timeout
      return;
    }
    try {
      exchange.start(selector);
    } catch (IOException | RuntimeException e) {
      fail(exchange, exchange.unreachable(e));
    }
  }

  private void onSelected(SelectionKey key) {
    PendingQuery exchange = (PendingQuery) key.attachment();
    if (exchange.finished || !key.isValid()) {
      return;
    }
    try {
      exchange.onReady(key);
    } catch (IOException | RuntimeException e) {
      // PortUnreachableException (ICMP), ConnectException (refused), reset, no route, ...
      fail(exchange, exchange.unreachable(e));
    }
  }

  /**
   * Fails every exchange whose deadline has passed and returns how long the selector may sleep
   * before the next one is due, rounded up to a whole millisecond, or 0 when nothing is in flight.
   */
  private long expireDeadlines() {
    long now = ticker.read();
    while (!inFlight.isEmpty()) {
      PendingQuery first = inFlight.first();
      long remaining = first.deadline - now;
      if (remaining > 0) {
        return remaining / 1_000_000 + (remaining % 1_000_000 == 0 ? 0 : 1);
      }
      fail(first, first.timedOut());
    }
    return 0;
  }

  /** Called on whichever thread completed the future. */
  private void onFutureDone(PendingQuery exchange) {
    if (Thread.currentThread() == ioThread) {
      abandon(exchange);
    } else if (!closed.get() || ioThread.isAlive()) {
      submit(() -> abandon(exchange));
    }
  }

  /** The caller cancelled or completed the future itself: stop listening and close the channel. */
  private void abandon(PendingQuery exchange) {
    if (finish(exchange)) {
      log.atDebug()
          .addKeyValue("server", exchange.server)
          .addKeyValue("protocol", exchange.protocol())
          .addKeyValue("id", exchange.matcher.id())
          .log("query abandoned by the caller");
    }
  }

  /** Marks the exchange done and releases its channel; false if it already was. */
  private boolean finish(PendingQuery exchange) {
    if (exchange.finished) {
      return false;
    }
    exchange.finished = true;
    inFlight.remove(exchange);
    SelectableChannel channel = exchange.channel;
    if (channel != null) {
      exchange.channel = null;
      openChannels.decrementAndGet();
      try {
        channel.close(); // also cancels its selection key
      } catch (IOException e) {
        log.atDebug().setCause(e).log("error closing channel");
      }
    }
    return true;
  }

  private void shutDown() {
    closed.set(true);
    for (PendingQuery exchange : new ArrayList<>(inFlight)) {
      fail(exchange, transportClosed());
    }
    while (!tasks.isEmpty()) {
      runTasks(); // starts queued before close() fail without opening a channel
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.atDebug().setCause(e).log("error closing selector");
    }
    log.atDebug().addKeyValue("thread", ioThread.getName()).log("transport closed");
  }

  private static TransportException.Unreachable transportClosed() {
    return new TransportException.Unreachable("transport closed", null);
  }
}
