package io.rootwalk.net;

import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import io.rootwalk.spi.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/**
 * Shares one upstream packet among identical queries in flight at the same time: the same
 * question (name compared without regard to case, so 0x20 does not defeat it), type, server,
 * protocol and EDNS use. A thousand concurrent lookups of one cold name then send one query per
 * step, not a thousand: kinder to the servers, and a smaller target for the birthday attack on
 * query IDs that RFC 5452 section 5 describes (each extra identical query is another ticket
 * for a spoofer).
 *
 * <p>Followers receive the leader's response message. The leader's transport has already checked
 * it against the leader's query (ID, question, source), and the question differs at most in
 * case, which every consumer compares case-insensitively.
 */
public final class CoalescingTransport implements Transport {

  private record Key(String name, int type, int dclass, InetSocketAddress server, Protocol protocol, int edns) {}

  private final Transport delegate;
  private final ConcurrentHashMap<Key, CompletableFuture<Message>> inFlight = new ConcurrentHashMap<>();

  public CoalescingTransport(Transport delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * A sent query's response, and whether the packet was another caller's: a follower must not
   * feed the shared RTT or timeout into per-server statistics a second time.
   */
  public record Sent(CompletableFuture<Message> response, boolean shared) {}

  @Override
  public CompletableFuture<Message> send(Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    return sendShared(query, server, protocol, timeout).response();
  }

  /**
   * Like {@link #send}, saying whether the packet was shared. A follower still gets its own
   * timeout: it never waits longer than it asked to.
   */
  public Sent sendShared(Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    Record q = query.getQuestion();
    if (q == null) {
      return new Sent(delegate.send(query, server, protocol, timeout), false);
    }
    OPTRecord opt = query.getOPT();
    Key key = new Key(q.getName().toString().toLowerCase(Locale.ROOT), q.getType(), q.getDClass(), server, protocol,
        opt == null ? -1 : opt.getPayloadSize());
    CompletableFuture<Message> mine = new CompletableFuture<>();
    CompletableFuture<Message> leader = inFlight.putIfAbsent(key, mine);
    if (leader != null) {
      // A follower must not cancel the shared exchange: give it its own dependent future.
      CompletableFuture<Message> follower = new CompletableFuture<>();
      leader.whenComplete((m, e) -> {
        if (e != null) {
          follower.completeExceptionally(e);
        } else {
          follower.complete(m);
        }
      });
      follower.completeOnTimeout(null, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return new Sent(follower.thenCompose(m -> m != null ? CompletableFuture.completedFuture(m)
          : CompletableFuture.failedFuture(new TransportException.Timeout(
              "no response from " + server + " over " + protocol + " within " + timeout.toMillis() + " ms"))), true);
    }
    CompletableFuture<Message> sent;
    try {
      sent = delegate.send(query, server, protocol, timeout);
    } catch (RuntimeException e) {
      inFlight.remove(key, mine);
      throw e;
    }
    Sent leaderSent = new Sent(mine, false);
    sent.whenComplete((m, e) -> {
      inFlight.remove(key, mine);
      if (e != null) {
        mine.completeExceptionally(e);
      } else {
        mine.complete(m);
      }
    });
    return leaderSent;
  }

  /** Exchanges being shared right now (for tests and metrics). */
  public int inFlight() {
    return inFlight.size();
  }
}
