package io.rootwalk.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.concurrent.Deadlines;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Identical in-flight queries share one packet; followers know it, and keep their own timeout. */
class CoalescingTransportTest {

  private final List<CompletableFuture<Message>> sent = new ArrayList<>();
  private final Deadlines deadlines = new Deadlines(Ticker.systemTicker(), "test-timer");
  private final CoalescingTransport transport =
      new CoalescingTransport(
          (q, s, p, t) -> {
            CompletableFuture<Message> f = new CompletableFuture<>();
            sent.add(f);
            return f;
          },
          deadlines);

  @AfterEach
  void stopTimer() {
    deadlines.close();
  }

  private final InetSocketAddress server = new InetSocketAddress("127.53.0.1", 53);

  @Test
  void identicalQueriesInFlightShareOnePacketAndFollowersAreMarkedShared() throws Exception {
    CoalescingTransport.Sent leader =
        transport.sendShared(
            query("www.example.com."), server, Protocol.UDP, Duration.ofSeconds(5));
    CoalescingTransport.Sent follower =
        transport.sendShared(
            query("WWW.example.com."), server, Protocol.UDP, Duration.ofSeconds(5));
    transport.sendShared(query("www.example.com."), server, Protocol.TCP, Duration.ofSeconds(5));

    assertThat(sent).as("the TCP query is another exchange").hasSize(2);
    assertThat(leader.shared()).isFalse();
    assertThat(follower.shared()).isTrue();
    Message answer = query("www.example.com.");
    sent.get(0).complete(answer);
    assertThat(leader.response().join()).isSameAs(answer);
    assertThat(follower.response().join()).isSameAs(answer);
    assertThat(transport.inFlight()).isEqualTo(1);
  }

  @Test
  void aFollowerTimesOutOnItsOwnTimeoutNotTheLeaders() throws Exception {
    transport.sendShared(query("www.example.com."), server, Protocol.UDP, Duration.ofSeconds(30));
    CoalescingTransport.Sent follower =
        transport.sendShared(
            query("www.example.com."), server, Protocol.UDP, Duration.ofMillis(50));

    assertThatThrownBy(() -> follower.response().join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(TransportException.Timeout.class);
  }

  private static Message query(String name) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }
}
