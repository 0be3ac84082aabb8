package io.rootwalk.net;

import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.TransportException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * One query in flight on Rootwalk's own transport: its own channel, its deadline and its future.
 *
 * <p>A fresh channel per query is deliberate. On UDP it gives every query its own random ephemeral
 * source port (RFC 5452 section 9.2: port randomisation multiplies the ID's 16 bits of entropy),
 * and on TCP it keeps framing errors from one exchange out of another's stream.
 *
 * <p>Created on the caller's thread; after that every field is read and written only on the owning
 * transport's I/O thread, so nothing here is synchronised.
 */
abstract class PendingQuery {

  /** The largest DNS message: a TCP length prefix is two bytes, a UDP payload is smaller still. */
  static final int MAX_MESSAGE_SIZE = 65_535;

  private static final Logger log = LoggerFactory.getLogger(PendingQuery.class);

  final EventLoop owner;
  final byte[] wire;
  final ResponseMatcher matcher;
  final InetSocketAddress server;
  final Duration timeout;

  /**
   * When the transport took the query, in {@link com.github.benmanes.caffeine.cache.Ticker}
   * nanoseconds.
   */
  final long handedOver;

  /** The timeout, in nanoseconds, capped so that deadline arithmetic cannot overflow. */
  final long timeoutNanos;

  /** Told how long the query waited before it left, if the caller asked. */
  final SendStamp stamp;

  /** In ticker nanoseconds: set when the query leaves, which is when its timeout starts. */
  long deadline;

  final CompletableFuture<Message> future = new CompletableFuture<>();

  /** Breaks deadline ties so that distinct exchanges never compare equal. */
  long sequence;

  /** Set once the exchange is done, by whichever path got there first. */
  boolean finished;

  @Nullable SelectableChannel channel;

  /**
   * What a query needs to go out: the bytes, how to recognise its answer, where it goes and for how
   * long.
   *
   * @param wire the query message in wire form
   * @param matcher checks a response against the query (RFC 5452 section 9.1)
   * @param server the server's address and port
   * @param timeout how long to wait, as the caller asked
   * @param timeoutNanos the same, capped at half the range of a long
   * @param handedOver when the transport took it, in ticker nanoseconds
   */
  record Outgoing(
      byte[] wire,
      ResponseMatcher matcher,
      InetSocketAddress server,
      Duration timeout,
      long timeoutNanos,
      long handedOver) {

    /**
     * Checks the caller's arguments and serialises the query, on the caller's thread: a query no
     * transport could send to any server is the caller's bug, not an outcome of the exchange.
     *
     * @throws IllegalArgumentException for a timeout that is not positive, an unresolved server
     *     address (a transport must never look a name up), or a query over 65,535 bytes
     */
    static Outgoing of(Message query, InetSocketAddress server, Duration timeout, long now) {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive but was " + timeout);
      }
      if (server.isUnresolved()) {
        throw new IllegalArgumentException("server address must be resolved but was " + server);
      }
      byte[] wire = query.toWire();
      if (wire.length > MAX_MESSAGE_SIZE) {
        throw new IllegalArgumentException(
            "query is " + wire.length + " bytes; a DNS message is at most " + MAX_MESSAGE_SIZE);
      }
      // Half the range keeps deadline arithmetic wrap-safe for any ticker value.
      long max = Long.MAX_VALUE / 2;
      long nanos = timeout.compareTo(Duration.ofNanos(max)) >= 0 ? max : timeout.toNanos();
      return new Outgoing(wire, new ResponseMatcher(query), server, timeout, nanos, now);
    }
  }

  private final Protocol protocol;

  PendingQuery(EventLoop owner, Outgoing q, Protocol protocol, SendStamp stamp) {
    this.owner = owner;
    this.protocol = protocol;
    this.wire = q.wire();
    this.matcher = q.matcher();
    this.server = q.server();
    this.timeout = q.timeout();
    this.timeoutNanos = q.timeoutNanos();
    this.handedOver = q.handedOver();
    this.stamp = stamp;
    this.deadline = handedOver + timeoutNanos;
  }

  /** The query is about to leave: its timeout runs from now. */
  final void startClock(long now) {
    deadline = now + timeoutNanos;
    stamp.sent(Math.max(0, now - handedOver));
  }

  final Protocol protocol() {
    return protocol;
  }

  /** Opens the channel, registers it with {@code selector} and sends what can be sent now. */
  abstract void start(Selector selector) throws IOException;

  /** Called when the selector reports the channel ready for the operations it is waiting for. */
  abstract void onReady(SelectionKey key) throws IOException;

  /**
   * Records a newly opened channel before anything else can fail, so that every path out of the
   * exchange closes it.
   */
  final <C extends SelectableChannel> C adopt(C newChannel) {
    channel = newChannel;
    owner.channelOpened();
    return newChannel;
  }

  /** Takes over a kept socket, already counted as open, from the exchange before. */
  final <C extends SelectableChannel> C adoptKept(C keptChannel) {
    channel = keptChannel;
    return keptChannel;
  }

  /** Opens sockets of the server's family, so no IPv4-mapped address is ever compared. */
  final ProtocolFamily family() {
    return server.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  /** "192.0.2.1:53 over UDP", for messages and logs. */
  final String describe() {
    String host = server.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return host + ":" + server.getPort() + " over " + protocol();
  }

  /** The timeout this query ends with when no matching response came in time. */
  final TransportException.Timeout timedOut() {
    return new TransportException.Timeout(
        "no response from " + describe() + " within " + timeout.toMillis() + " ms");
  }

  /** How an I/O failure of this query's channel is reported. */
  final TransportException.Unreachable unreachable(Exception e) {
    String why =
        e instanceof PortUnreachableException
            ? "ICMP port unreachable"
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new TransportException.Unreachable(describe() + ": " + why, e);
  }

  /** Completes the future; a dependent stage that throws cannot reach the I/O loop. */
  final void complete(@Nullable Message response, @Nullable TransportException failure) {
    try {
      if (failure == null) {
        future.complete(response);
      } else {
        future.completeExceptionally(failure);
      }
    } catch (RuntimeException e) {
      // CompletableFuture already confines a dependent's exception to that dependent's future;
      // this is the last line of defence for the loop.
      log.atWarn().setCause(e).log("dependent stage threw on the I/O thread");
    }
  }
}
