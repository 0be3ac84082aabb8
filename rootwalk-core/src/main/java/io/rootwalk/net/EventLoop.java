package io.rootwalk.net;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.spi.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * One I/O thread of a {@link NioTransport}: its selector, the queries it has in flight ordered by
 * deadline, and the queue through which other threads hand it work. Everything but {@link #submit}
 * and the counters runs on this loop's thread, so nothing else here is synchronised.
 *
 * <p>A query's timeout starts when its datagram is written (or its TCP connection started), on this
 * thread, not when another thread queued it: under a burst the queue can hold the query longer than
 * the timeout, and counting that wait would declare healthy servers dead.
 */
final class EventLoop {

  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

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

  /** The thread that runs a loop, so a send from it can stay on it. */
  static final class LoopThread extends Thread {
    final EventLoop loop;

    LoopThread(EventLoop loop, String name) {
      super(loop::runLoop, name);
      this.loop = loop;
      setDaemon(true);
    }
  }

  private final Ticker ticker;
  private final AtomicBoolean closed;
  private final AtomicInteger openChannels;
  private final AtomicLong channelsOpened;
  private final Selector selector;
  private final LoopThread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  // Touched only on this loop's thread.
  private final TreeSet<PendingQuery> inFlight = new TreeSet<>(BY_DEADLINE);
  private final ByteBuffer datagramBuffer =
      ByteBuffer.allocateDirect(PendingQuery.MAX_MESSAGE_SIZE);
  private long nextSequence;
  private final IdleUdpSockets keptSockets;

  /**
   * Opens the selector and starts the thread.
   *
   * @param closed the transport's closed flag, shared by its loops
   * @param openChannels the transport's count of open channels, shared by its loops
   * @param channelsOpened the transport's count of channels ever opened, shared by its loops
   * @param reuse whether and how long a UDP socket may carry more than one exchange
   */
  EventLoop(
      Ticker ticker,
      AtomicBoolean closed,
      AtomicInteger openChannels,
      AtomicLong channelsOpened,
      UdpSocketReuse reuse,
      String name) {
    this.ticker = ticker;
    this.closed = closed;
    this.openChannels = openChannels;
    this.channelsOpened = channelsOpened;
    this.keptSockets = new IdleUdpSockets(reuse, openChannels);
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.thread = new LoopThread(this, name);
    thread.start();
  }

  /** Hands {@code exchange} to this loop, which starts it in turn. */
  void send(PendingQuery exchange) {
    // Runs after any completion; a no-op when this loop completed it (channel already closed).
    exchange.future.whenComplete((response, failure) -> onFutureDone(exchange));
    submit(() -> start(exchange));
  }

  /** Runs {@code task} on this loop's thread, in turn with the queries handed to it. */
  void execute(Runnable task) {
    submit(task);
  }

  /** Wakes the loop so that it sees the closed flag; it fails what is in flight and ends. */
  void wakeUpToClose() {
    selector.wakeup();
  }

  void join() throws InterruptedException {
    if (Thread.currentThread() != thread) {
      thread.join();
    }
  }

  boolean isLoopThread() {
    return Thread.currentThread() == thread;
  }

  String threadName() {
    return thread.getName();
  }

  /** Completes once this loop has run everything queued before this call. */
  CompletableFuture<Void> afterQueuedWork() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!thread.isAlive()) {
      done.complete(null);
      return done;
    }
    submit(() -> done.complete(null));
    if (!thread.isAlive()) {
      done.complete(null);
    }
    return done;
  }

  /** One receive buffer for every datagram: reads happen only on this thread, one at a time. */
  ByteBuffer datagramBuffer() {
    return datagramBuffer;
  }

  void channelOpened() {
    openChannels.incrementAndGet();
    channelsOpened.incrementAndGet();
  }

  /** A kept socket to {@code server} for the next exchange, or null to open one. */
  IdleUdpSockets.@Nullable Idle keptSocket(InetSocketAddress server, long now) {
    return keptSockets.take(server, now, datagramBuffer);
  }

  void succeed(PendingQuery exchange, Message response) {
    if (finish(exchange, true)) {
      log.atTrace()
          .addKeyValue("server", exchange.server)
          .addKeyValue("protocol", exchange.protocol())
          .addKeyValue("id", exchange.matcher.id())
          .log("response accepted");
      exchange.complete(response, null);
    }
  }

  void fail(PendingQuery exchange, TransportException failure) {
    if (finish(exchange, false)) {
      log.atDebug()
          .addKeyValue("server", exchange.server)
          .addKeyValue("protocol", exchange.protocol())
          .addKeyValue("id", exchange.matcher.id())
          .addKeyValue("failure", failure.getClass().getSimpleName())
          .log(failure.getMessage());
      exchange.complete(null, failure);
    }
  }

  private void submit(Runnable task) {
    tasks.add(task);
    if (Thread.currentThread() != thread) {
      selector.wakeup(); // on this thread the loop drains the queue before it selects again
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
        if (keptSockets.size() > 0) { // no extra clock read per turn while nothing is kept
          waitMillis = soonest(waitMillis, keptSockets.closeExpired(ticker.read()));
        }
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
      closed.set(true);
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
      exchange.complete(null, NioTransport.transportClosed());
      return;
    }
    exchange.sequence = nextSequence++;
    exchange.startClock(ticker.read());
    inFlight.add(exchange);
    try {
      exchange.start(selector);
    } catch (IOException | RuntimeException e) {
      fail(exchange, exchange.unreachable(e));
    }
  }

  private void onSelected(SelectionKey key) {
    PendingQuery exchange = (PendingQuery) key.attachment();
    if (exchange == null || exchange.finished || !key.isValid()) { // null: a kept socket
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

  /** The shorter of two selector waits in milliseconds, where 0 means no wait is due. */
  private static long soonest(long a, long b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  /** Called on whichever thread completed the future. */
  private void onFutureDone(PendingQuery exchange) {
    if (Thread.currentThread() == thread) {
      abandon(exchange);
    } else if (!closed.get() || thread.isAlive()) {
      submit(() -> abandon(exchange));
    }
  }

  /** The caller cancelled or completed the future itself: stop listening and close the channel. */
  private void abandon(PendingQuery exchange) {
    if (finish(exchange, false)) {
      log.atDebug()
          .addKeyValue("server", exchange.server)
          .addKeyValue("protocol", exchange.protocol())
          .addKeyValue("id", exchange.matcher.id())
          .log("query abandoned by the caller");
    }
  }

  /**
   * Marks the exchange done and releases its channel: kept for the next exchange with the server
   * when an answer was accepted and the reuse policy allows it, closed otherwise (after a timeout,
   * an ICMP error or a malformed reply the socket proves nothing good). False if it already was.
   */
  private boolean finish(PendingQuery exchange, boolean answered) {
    if (exchange.finished) {
      return false;
    }
    exchange.finished = true;
    inFlight.remove(exchange);
    SelectableChannel channel = exchange.channel;
    if (channel != null) {
      exchange.channel = null;
      if (answered
          && keptSockets.enabled()
          && exchange instanceof UdpQuery udp
          && channel instanceof DatagramChannel datagrams
          && keptSockets.keep(
              udp.server,
              datagrams,
              datagrams.keyFor(selector),
              udp.opened,
              udp.exchanges,
              ticker.read())) {
        return true;
      }
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
    for (PendingQuery exchange : new ArrayList<>(inFlight)) {
      fail(exchange, NioTransport.transportClosed());
    }
    keptSockets.closeAll();
    while (!tasks.isEmpty()) {
      runTasks(); // starts queued before close() fail without opening a channel
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.atDebug().setCause(e).log("error closing selector");
    }
    log.atDebug().addKeyValue("thread", thread.getName()).log("event loop closed");
  }
}
