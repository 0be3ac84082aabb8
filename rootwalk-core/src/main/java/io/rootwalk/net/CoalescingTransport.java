package io.rootwalk.net;

import io.rootwalk.concurrent.Deadlines;
import io.rootwalk.concurrent.SingleFlight;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/**
 * Shares one upstream packet among identical queries in flight at the same time: the same question
 * (name compared without regard to case, so 0x20 does not defeat it), type, server, protocol and
 * EDNS use. A thousand concurrent lookups of one cold name then send one query per step, not a
 * thousand: kinder to the servers, and a smaller target for the birthday attack on query IDs that
 * RFC 5452 section 5 describes (each extra identical query is another ticket for a spoofer).
 *
 * <p>Followers receive the leader's response message. The leader's transport has already checked it
 * against the leader's query (ID, question, source), and the question differs at most in case,
 * which every consumer compares case-insensitively.
 */
public final class CoalescingTransport implements Transport {

  /** dnsjava's {@link Name} compares and hashes without regard to case, as the key must. */
  private record Key(
      Name name, int type, int dclass, InetSocketAddress server, Protocol protocol, int edns) {}

  private final Transport delegate;
  private final Deadlines deadlines;
  private final SingleFlight<Key, Message> inFlight = new SingleFlight<>();

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the transport that sends the packets
   * @param deadlines the owning resolver's timers, which bound each follower's wait
   */
  public CoalescingTransport(Transport delegate, Deadlines deadlines) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  /**
   * A sent query's response, and whether the packet was another caller's: a follower must not feed
   * the shared RTT or timeout into per-server statistics a second time.
   *
   * @param response completes with the response, or with a {@link TransportException}
   * @param shared whether another caller's packet carries this query
   * @param stamp how long the packet waited in the transport before it left (the leader's own)
   */
  public record Sent(CompletableFuture<Message> response, boolean shared, SendStamp stamp) {}

  @Override
  public CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    return sendShared(query, server, protocol, timeout).response();
  }

  /**
   * Like {@link #send}, saying whether the packet was shared. A follower still gets its own
   * timeout: it never waits longer than it asked to.
   *
   * @param query the query to send, or to share with an identical one in flight
   * @param server the server's address and port
   * @param protocol UDP or TCP
   * @param timeout how long this caller waits
   * @return the response and whether it was shared
   */
  public Sent sendShared(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    SendStamp stamp = new SendStamp();
    Record q = query.getQuestion();
    if (q == null) {
      return new Sent(sendOne(query, server, protocol, timeout, stamp), false, stamp);
    }
    OPTRecord opt = query.getOPT();
    Key key =
        new Key(
            q.getName(),
            q.getType(),
            q.getDClass(),
            server,
            protocol,
            opt == null ? -1 : opt.getPayloadSize());
    SingleFlight.Flight<Message> flight =
        inFlight.join(key, () -> sendOne(query, server, protocol, timeout, stamp));
    if (flight.leader()) {
      return new Sent(flight.result(), false, stamp);
    }
    deadlines.failAfter(
        flight.result(),
        timeout,
        () ->
            new TransportException.Timeout(
                "no response from "
                    + server
                    + " over "
                    + protocol
                    + " within "
                    + timeout.toMillis()
                    + " ms"));
    return new Sent(flight.result(), true, stamp);
  }

  /**
   * Rootwalk's own transport says when the packet left; any other is taken to send at once, as the
   * {@link Transport} contract has no way to say otherwise.
   */
  private CompletableFuture<Message> sendOne(
      Message query,
      InetSocketAddress server,
      Protocol protocol,
      Duration timeout,
      SendStamp stamp) {
    if (delegate instanceof NioTransport nio) {
      return nio.send(query, server, protocol, timeout, stamp);
    }
    stamp.sent(0);
    return delegate.send(query, server, protocol, timeout);
  }

  /**
   * Exchanges being shared right now.
   *
   * @return the number of distinct packets in flight (for tests and metrics)
   */
  public int inFlight() {
    return inFlight.inFlight();
  }
}
