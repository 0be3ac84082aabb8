package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * UDP response rate limiting seen from stubs on a fake clock. Two client prefixes on loopback:
 * 127.0.0.1 and 127.0.1.1 are in different /24s. Given 5 queries a second and slip 2, when one
 * prefix sends 11 at once, then 5 are answered, and of the 6 limited every other one gets an empty
 * TC=1 reply and the rest nothing; the other prefix is answered as usual, TCP still answers the
 * limited one, and once the clock moves on it is answered over UDP again.
 */
@Timeout(30)
class ResponseRateLimitTest {

  private static final String LIMITED = "127.0.0.1";
  private static final String ANOTHER_PREFIX = "127.0.1.1";
  private static final String WARMER = "127.0.2.1";

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private final AtomicLong now = new AtomicLong(System.nanoTime());
  private final Ticker ticker = now::get;
  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    resolver = LabSetup.resolverFor(lab.get()).ticker(ticker).build();
    server =
        RecursiveServer.start(
            resolver,
            LabSetup.anyLoopbackPort(),
            // One receive thread: the replies to one socket come back in the order it sent.
            ServeOptions.of(ServerLimits.DEFAULT).withTicker(ticker).withUdpListeners(1),
            ClientLimits.DEFAULT.withRateLimit(5).withRateLimitSlip(2));
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  @Test
  void aPrefixOverItsRateGetsDropsAndEveryOtherLimitedReplyAsTruncation() throws Exception {
    try (DatagramSocket warmer = socket(WARMER)) {
      ask(warmer, 1); // a walk
      ask(warmer, 2); // a cache hit, kept in the reply cache: later replies are sent in order
    }
    try (DatagramSocket limited = socket(LIMITED);
        DatagramSocket another = socket(ANOTHER_PREFIX)) {
      for (int id = 1; id <= 11; id++) {
        RawDns.send(limited, query(id).toWire(), server.address());
      }
      // Everything up to the 11th query's reply (the 6th limited one slips, so there is one):
      // what the 11 got, in order, and proof that all were counted before the clock moves.
      List<String> replies = new ArrayList<>();
      for (int id = 0; id != 11; ) {
        Message m = receive(limited);
        id = m.getHeader().getID();
        replies.add(id + (m.getHeader().getFlag(Flags.TC) ? " TC" : " answer"));
        if (m.getHeader().getFlag(Flags.TC)) {
          assertThat(m.getSection(Section.ANSWER)).isEmpty();
          assertThat(m.getQuestion().getName()).isEqualTo(Name.fromString("www.example.com."));
        }
      }
      assertThat(replies)
          .containsExactly(
              "1 answer", "2 answer", "3 answer", "4 answer", "5 answer", "7 TC", "9 TC", "11 TC");
      advance(Duration.ofMillis(200)); // one more token at 5 a second
      assertThat(ask(limited, 12).getSection(Section.ANSWER)).isNotEmpty();

      Message fromAnotherPrefix = ask(another, 100);
      assertThat(fromAnotherPrefix.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(fromAnotherPrefix.getSection(Section.ANSWER)).isNotEmpty();

      try (Socket tcp = RawDns.tcpFrom(LIMITED, server.address(), 5000)) {
        RawDns.writeFrame(tcp.getOutputStream(), query(101).toWire());
        Message overTcp = new Message(RawDns.readFrame(tcp.getInputStream()).orElseThrow());
        assertThat(overTcp.getSection(Section.ANSWER)).as("TCP is never limited").isNotEmpty();
      }

      advance(Duration.ofSeconds(1));
      Message again = ask(limited, 102);
      assertThat(again.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(again.getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly(DemoWorld.EXAMPLE_COM_ADDRESS);
    }
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private Message ask(DatagramSocket socket, int id) throws IOException {
    RawDns.send(socket, query(id).toWire(), server.address());
    Message reply = receive(socket);
    assertThat(reply.getHeader().getID()).isEqualTo(id);
    return reply;
  }

  private static Message receive(DatagramSocket socket) throws IOException {
    return new Message(RawDns.receive(socket, 5000).orElseThrow());
  }

  private static DatagramSocket socket(String from) throws IOException {
    return new DatagramSocket(new InetSocketAddress(from, 0));
  }

  private static Message query(int id) throws IOException {
    Message q =
        Message.newQuery(
            Record.newRecord(Name.fromString("www.example.com", Name.root), Type.A, DClass.IN));
    q.getHeader().setID(id);
    return q;
  }
}
