package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The recursive server in-process on 127.0.0.1, port 0, resolving through the demo lab; stub
 * clients are dnsjava's {@link SimpleResolver} and raw sockets for what a polite client never
 * sends.
 */
class RecursiveServerTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    DnsLab dnsLab = lab.get();
    resolver =
        LabSetup.resolverFor(dnsLab)
            .queryTimeout(Duration.ofMillis(500))
            .deadline(Duration.ofSeconds(5))
            .build();
    server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort());
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  private SimpleResolver stub() {
    SimpleResolver stub = new SimpleResolver(server.address());
    stub.setTimeout(Duration.ofSeconds(5));
    return stub;
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  @Test
  void bindsAnEphemeralPortOnLoopbackForBothProtocols() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
    assertThat(RecursiveServer.format(server.address()))
        .isEqualTo("127.0.0.1:" + server.address().getPort());
  }

  @Test
  void answersOverUdpWithRecursionAvailable() throws Exception {
    Message response = stub().send(query("www.example.com", Type.A));

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(response.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(response.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(response.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");
  }

  @Test
  void answersOverTcp() throws Exception {
    SimpleResolver stub = stub();
    stub.setTCP(true);

    Message response = stub.send(query("v2.api.example.com", Type.A));

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("192.0.2.20");
  }

  @Test
  void cnameChainAndFinalRrsetAreInTheAnswerSection() throws Exception {
    Message response = stub().send(query("blog.example.com", Type.A));

    assertThat(response.getSection(Section.ANSWER))
        .extracting(r -> Type.string(r.getType()))
        .containsExactly("CNAME", "A");
  }

  @Test
  void nxdomainCarriesTheSoaInAuthority() throws Exception {
    Message response = stub().send(query("nope.example.com", Type.A));

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(response.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
  }

  @Test
  void servfailExplainsItselfWithAnExtendedError() throws Exception {
    Message response = stub().send(query("www.broken.com", Type.A));

    assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(response.getOPT().toString()).contains("MISSING_GLUE");
  }

  @Test
  void aLargeAnswerIsTruncatedOverUdpWithoutEdnsAndCompleteOverTcp() throws Exception {
    // huge.example.net holds 20 TXT records, about 2000 bytes: more than 512 and than 1232.
    SimpleResolver udp = stub();
    udp.setEDNS(-1);
    udp.setIgnoreTruncation(true);
    Message truncated = udp.send(query("huge.example.net", Type.TXT));
    assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(truncated.toWire().length).isLessThanOrEqualTo(512);

    SimpleResolver tcp = stub();
    tcp.setTCP(true);
    Message complete = tcp.send(query("huge.example.net", Type.TXT));
    assertThat(complete.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(complete.getSection(Section.ANSWER)).hasSize(20);
  }

  @Test
  void ednsClientsGetOptBackAndTheirOwnSizeLimit() throws Exception {
    SimpleResolver small = stub();
    small.setEDNS(0, 600, 0, List.of());
    small.setIgnoreTruncation(true);
    Message big = small.send(query("big.example.net", Type.TXT)); // about 900 bytes
    assertThat(big.getOPT()).isNotNull();
    assertThat(big.getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(big.getHeader().getFlag(Flags.TC)).isTrue();

    SimpleResolver retrying = stub(); // dnsjava retries over TCP on TC by itself, as dig does
    retrying.setEDNS(-1);
    assertThat(retrying.send(query("big.example.net", Type.TXT)).getSection(Section.ANSWER))
        .hasSize(9);
  }

  @Test
  void aMalformedPacketIsAnsweredFormerrOrDroppedAndTheServerKeepsServing() throws Exception {
    byte[] junk = new byte[40];
    new Random(53).nextBytes(junk);
    junk[2] &= 0x07; // QR=0 and opcode QUERY, so it looks like a query (another opcode is NOTIMP)
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.send(new DatagramPacket(new byte[5], 5, server.address())); // too short for a header
      socket.send(new DatagramPacket(junk, junk.length, server.address()));
      Message reply = receive(socket);
      assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(reply.getHeader().getID()).isEqualTo(((junk[0] & 0xff) << 8) | (junk[1] & 0xff));
    }

    Message response = stub().send(query("www.example.com", Type.A));
    assertThat(response.getSection(Section.ANSWER)).isNotEmpty();
  }

  @Test
  void twoQuestionsAreFormerr() throws Exception {
    Message query = query("www.example.com", Type.A);
    query.addRecord(
        Record.newRecord(Name.fromString("mail.example.com."), Type.A, DClass.IN),
        Section.QUESTION);

    assertThat(rawUdp(query).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void zoneTransfersAreRefused() throws Exception {
    assertThat(rawUdp(query("example.com", Type.AXFR)).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(rawUdp(query("example.com", Type.IXFR)).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void opcodesOtherThanQueryAreNotImplemented() throws Exception {
    for (int opcode : new int[] {Opcode.NOTIFY, Opcode.STATUS, Opcode.UPDATE}) {
      Message query = query("example.com", Type.SOA);
      query.getHeader().setOpcode(opcode);
      Message response = rawUdp(query);
      assertThat(response.getRcode()).as(Opcode.string(opcode)).isEqualTo(Rcode.NOTIMP);
      assertThat(response.getHeader().getOpcode()).isEqualTo(opcode);
    }
  }

  @Test
  void unknownEdnsVersionIsBadvers() throws Exception {
    Message query = query("www.example.com", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);

    assertThat(rawUdp(query).getRcode()).isEqualTo(Rcode.BADVERS);
  }

  @Test
  void twoHundredConcurrentQueriesAreAllAnswered() throws Exception {
    SimpleResolver stub = stub();
    // Warm the cache with half the names first: this tests the server's concurrency rather than a
    // cold-cache stampede on the lab. The core neither merges identical in-flight upstream
    // queries nor retries a timed-out server yet, so 200 cold lookups at once can SERVFAIL.
    for (int i = 0; i < 50; i++) {
      assertThat(stub.send(query("host" + i + ".wild.example.net", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);
    }
    List<CompletableFuture<Message>> replies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // 150 cached names (answered at once), 50 new ones resolved upstream concurrently.
      String name =
          i % 4 == 0 ? "new" + i + ".wild.example.net" : "host" + (i % 50) + ".wild.example.net";
      CompletionStage<Message> reply = stub.sendAsync(query(name, Type.A));
      replies.add(reply.toCompletableFuture());
    }
    CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).join();

    for (CompletableFuture<Message> reply : replies) {
      assertThat(reply.join().getRcode()).as(reply.join().toString()).isEqualTo(Rcode.NOERROR);
      assertThat(reply.join().getSection(Section.ANSWER)).isNotEmpty();
    }
  }

  @Test
  void rdZeroIsAnsweredFromCacheWithoutUpstreamQueries() throws Exception {
    SimpleResolver stub = stub();
    stub.send(query("www.example.com", Type.A)); // fills the cache
    stub.send(query("nope.example.com", Type.A));
    int before = lab.get().queryCount();

    Message cached = query("www.example.com", Type.A);
    cached.getHeader().unsetFlag(Flags.RD);
    Message hit = stub.send(cached);
    Message negative = query("nope.example.com", Type.A);
    negative.getHeader().unsetFlag(Flags.RD);
    Message nx = stub.send(negative);
    Message unknown = query("www.shop.com", Type.A);
    unknown.getHeader().unsetFlag(Flags.RD);
    Message miss = stub.send(unknown);

    assertThat(hit.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");
    assertThat(hit.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    // Not cached: a referral to the closest zone cut the cache knows (com.), as BIND and Unbound
    // do.
    assertThat(miss.getSection(Section.ANSWER)).isEmpty();
    assertThat(miss.getSection(Section.AUTHORITY))
        .extracting(r -> r.getName().toString())
        .contains("com.");
    assertThat(lab.get().queryCount()).isEqualTo(before);
  }

  @Test
  void afterCloseThePortIsFree() throws Exception {
    InetSocketAddress address = server.address();
    server.close();

    try (RecursiveServer again = RecursiveServer.start(resolver, address)) {
      assertThat(again.address()).isEqualTo(address);
    }
  }

  @Test
  void repliesAreSentWhereLookupsFinishNotThroughTheCallersExecutor() throws Exception {
    AtomicInteger hops = new AtomicInteger();
    try (Resolver pooled =
            LabSetup.resolverFor(lab.get())
                .executor(
                    task -> {
                      hops.incrementAndGet();
                      task.run();
                    })
                .build();
        RecursiveServer pooledServer = RecursiveServer.start(pooled, LabSetup.anyLoopbackPort())) {
      SimpleResolver stub = new SimpleResolver(pooledServer.address());
      stub.setTimeout(Duration.ofSeconds(5));

      Message response = stub.send(query("www.example.com", Type.A));

      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(lab.get().queryCount()).as("it needed the network").isPositive();
      assertThat(hops).as("completions handed to the caller's executor").hasValue(0);
    }
  }

  @Test
  void closingTheServerLeavesTheCallersResolverAnswering() throws Exception {
    server.close();

    assertThat(resolver.lookup("www.example.com", Type.A).status()).isEqualTo(Status.NOERROR);
  }

  @Test
  void ipv6LiteralsAreFormattedInBrackets() {
    assertThat(RecursiveServer.format(new InetSocketAddress("::1", 5300))).isEqualTo("[::1]:5300");
    assertThat(RecursiveServer.compress("2001:db8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
  }

  private Message rawUdp(Message query) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] wire = query.toWire();
      socket.send(new DatagramPacket(wire, wire.length, server.address()));
      return receive(socket);
    }
  }

  private static Message receive(DatagramSocket socket) throws IOException {
    socket.setSoTimeout(5000);
    DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
    socket.receive(packet);
    return new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
  }
}
