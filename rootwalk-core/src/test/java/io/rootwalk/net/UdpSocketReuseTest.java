package io.rootwalk.net;

import static io.rootwalk.net.NioTransportTest.answer;
import static io.rootwalk.net.NioTransportTest.name;
import static io.rootwalk.net.NioTransportTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Kept UDP sockets ({@link UdpSocketReuse}): which exchanges share a port, and what a kept socket
 * must never let through.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UdpSocketReuseTest {

  private static final Duration SHORT = Duration.ofSeconds(2);

  private final NioTransport transport =
      new NioTransport(Ticker.systemTicker(), 1, new UdpSocketReuse(3, Duration.ofSeconds(30)));
  private final List<UdpTestServer> servers = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    transport.close();
    for (UdpTestServer server : servers) {
      server.close();
    }
  }

  @Test
  void oneSocketCarriesUpToItsExchangesWithOneServerThenANewPortIsOpened() throws Exception {
    UdpTestServer server = server(query -> List.of(answer(query)));

    for (int i = 0; i < 7; i++) {
      transport.send(query("www.example.com.", i), server.address(), Protocol.UDP, SHORT).get();
    }

    List<Integer> ports = ports(server);
    assertThat(ports.subList(0, 3)).containsOnly(ports.get(0));
    assertThat(ports.subList(3, 6)).containsOnly(ports.get(3));
    assertThat(List.of(ports.get(0), ports.get(3), ports.get(6))).doesNotHaveDuplicates();
    assertThat(TransportInternals.openChannelsAfterQueuedWork(transport).get())
        .as("the seventh exchange's socket is kept")
        .isEqualTo(1);
  }

  @Test
  void aSocketIsKeptForItsOwnServerOnly() throws Exception {
    UdpTestServer a = server(query -> List.of(answer(query)));
    UdpTestServer b = server(query -> List.of(answer(query)));

    for (int i = 0; i < 4; i++) {
      UdpTestServer to = i % 2 == 0 ? a : b;
      transport.send(query("www.example.com.", i), to.address(), Protocol.UDP, SHORT).get();
    }

    // Each server saw one port twice, and never the other's: a server run by an attacker learns
    // no port that another server's exchanges use.
    assertThat(ports(a)).hasSize(2).containsOnly(ports(a).get(0));
    assertThat(ports(b)).hasSize(2).containsOnly(ports(b).get(0));
    assertThat(ports(a).get(0)).isNotEqualTo(ports(b).get(0));
  }

  @Test
  void aForgeryPlantedInAKeptSocketIsDiscardedBeforeTheNextQueryLeaves() throws Exception {
    // Given a server whose first answer is followed by a forgery made for the next query (its ID,
    // its question, another address) while the socket sits idle
    UdpTestServer server =
        server(
            query -> {
              Message q = new Message(query);
              if (q.getHeader().getID() != 1) {
                return List.of(answer(query));
              }
              return List.of(answer(query), forgedAnswer(2, "203.0.113.66"));
            });
    transport.send(query("www.example.com.", 1), server.address(), Protocol.UDP, SHORT).get();
    while (server.sent() < 2) {
      Thread.onSpinWait(); // the forgery is in the kept socket's buffer once sent (loopback)
    }

    // when the next query goes out on the same socket
    Message response =
        transport.send(query("www.example.com.", 2), server.address(), Protocol.UDP, SHORT).get();

    // then it gets the server's answer to it, not what was waiting.
    assertThat(ports(server)).containsOnly(ports(server).get(0));
    assertThat(response.getSection(Section.ANSWER))
        .extracting(r -> r.rdataToString())
        .containsExactly("192.0.2.1");
  }

  @Test
  void aSocketWhoseExchangeTimedOutIsClosedNotKept() throws Exception {
    UdpTestServer server =
        server(
            query ->
                new Message(query).getHeader().getID() == 1 ? List.of() : List.of(answer(query)));

    assertThatThrownBy(
            () ->
                transport
                    .send(
                        query("www.example.com.", 1),
                        server.address(),
                        Protocol.UDP,
                        Duration.ofMillis(200))
                    .get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TransportException.Timeout.class);
    transport.send(query("www.example.com.", 2), server.address(), Protocol.UDP, SHORT).get();

    assertThat(ports(server)).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void closingTheTransportClosesItsKeptSockets() throws Exception {
    UdpTestServer server = server(query -> List.of(answer(query)));
    transport.send(query("www.example.com.", 1), server.address(), Protocol.UDP, SHORT).get();
    assertThat(TransportInternals.openChannelsAfterQueuedWork(transport).get()).isEqualTo(1);

    transport.close();

    assertThat(transport.openChannelCount()).isZero();
  }

  @Test
  void thePolicyRefusesBoundsThatMakeNoSense() {
    assertThatThrownBy(() -> new UdpSocketReuse(0, SHORT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1000");
    assertThatThrownBy(() -> new UdpSocketReuse(1_001, SHORT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UdpSocketReuse(2, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAge must be positive");
    assertThat(UdpSocketReuse.NONE.enabled()).isFalse();
  }

  private UdpTestServer server(UdpTestServer.Script script) {
    UdpTestServer server = new UdpTestServer(script);
    servers.add(server);
    return server;
  }

  private static List<Integer> ports(UdpTestServer server) {
    return server.clients().stream().map(InetSocketAddress::getPort).toList();
  }

  private static byte[] forgedAnswer(int id, String address) throws IOException {
    Message forged = new Message(id);
    forged.getHeader().setFlag(Flags.QR);
    forged.getHeader().setFlag(Flags.AA);
    forged.addRecord(NioTransportTest.question("www.example.com."), Section.QUESTION);
    forged.addRecord(
        new ARecord(name("www.example.com."), DClass.IN, 300, InetAddress.getByName(address)),
        Section.ANSWER);
    return forged.toWire();
  }
}
