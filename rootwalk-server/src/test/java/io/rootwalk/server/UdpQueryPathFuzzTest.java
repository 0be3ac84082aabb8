package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The same hostile datagrams as {@link QueryPathFuzzTest}, over the real UDP path: a {@link
 * RecursiveServer} on 127.0.0.1 (one receive thread) in front of a resolver walking the demo world.
 * After each datagram a real query for www.example.com from another socket must still get its
 * answer, so the server is up and its receive loop alive; the datagram's own reply, or its absence,
 * is then judged by {@link ReplyRules}.
 *
 * <p>The real query is also the barrier that makes "no reply" checkable without waiting out a
 * timeout: the one receive thread handles datagrams in arrival order, and a response or a
 * header-less packet is dropped synchronously, so once the real query's answer is in, any reply to
 * the datagram before it would have been sent already.
 */
@AddLifecycleHook(FuzzTries.class)
class UdpQueryPathFuzzTest {

  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final int WAIT_MS = (int) DEADLINE.plusSeconds(4).toMillis();
  private static final Name WWW = Name.fromConstantString("www.example.com.");

  private static final AtomicInteger ids = new AtomicInteger();

  private static DnsLab lab;
  private static Resolver resolver;
  private static RecursiveServer server;
  private static DatagramSocket realClient;

  @BeforeContainer
  static void startServer() throws IOException {
    lab = DnsLab.start(DemoWorld.world());
    resolver =
        LabSetup.resolverFor(lab).queryTimeout(Duration.ofMillis(200)).deadline(DEADLINE).build();
    server =
        RecursiveServer.start(
            resolver,
            LabSetup.anyLoopbackPort(),
            ServeOptions.of(ServerLimits.DEFAULT).withUdpListeners(1));
    realClient = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  @AfterContainer
  static void stop() {
    realClient.close();
    server.close();
    resolver.close();
    lab.close();
  }

  @Property(tries = 1_000, edgeCases = EdgeCasesMode.NONE)
  void everyDatagramGetsAWellFormedReplyOrNoneAndRealQueriesAreStillAnswered(
      @ForAll("datagrams") byte[] packet) throws IOException {
    try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      RawDns.send(client, packet, server.address());
      assertRealQueryAnswered();

      boolean answerable = packet.length >= WireQuery.HEADER && (packet[2] & 0x80) == 0;
      ReplyRules.check(packet, RawDns.receive(client, answerable ? WAIT_MS : 5));
    }
  }

  /** One of the three kinds of {@link HostileQueries}, the mutated queries most often. */
  @Provide
  Arbitrary<byte[]> datagrams() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            HostileQueries.anyBytes(),
            HostileQueries.headerThenGarbage(),
            HostileQueries.mutatedQueries())
        .as((kind, any, garbage, mutated) -> kind == 0 ? any : kind == 1 ? garbage : mutated);
  }

  private static void assertRealQueryAnswered() throws IOException {
    Message query = Message.newQuery(Record.newRecord(WWW, Type.A, DClass.IN));
    int id = ids.incrementAndGet() & 0xFFFF;
    query.getHeader().setID(id);
    RawDns.send(realClient, query.toWire(), server.address());
    while (true) {
      Optional<byte[]> reply = RawDns.receive(realClient, WAIT_MS);
      assertThat(reply).as("the server answers a real query after the datagram").isPresent();
      Message m = new Message(reply.get());
      if (m.getHeader().getID() != id) {
        continue; // a late answer to an earlier real query
      }
      assertThat(m.getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly(DemoWorld.EXAMPLE_COM_ADDRESS);
      return;
    }
  }
}
