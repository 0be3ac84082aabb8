package io.rootwalk.server;

import static io.rootwalk.server.ServerLimitsTest.awaitLookups;
import static io.rootwalk.server.ServerLimitsTest.awaitTcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One client cannot take the server from the others. Clients are told apart by address: all of
 * 127.0.0.0/8 is loopback on Linux, so the hog binds 127.0.0.1 and the other client 127.0.0.2.
 * Given a hog holding every TCP slot or its whole share of lookups, when another client asks, then
 * it is answered, and the only client that ever loses anything is the hog.
 */
@Timeout(60)
class ClientFairnessTest {

  private static final String HOG = "127.0.0.1";
  private static final String OTHER = "127.0.0.2";

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private final List<RecursiveServer> servers = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void resolver() {
    DnsLab dnsLab = lab.get();
    resolver =
        LabSetup.resolverFor(dnsLab)
            .queryTimeout(Duration.ofMillis(2000))
            .deadline(Duration.ofSeconds(5))
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    servers.forEach(RecursiveServer::close);
    resolver.close();
  }

  private RecursiveServer serve(ServerLimits limits, ClientLimits clientLimits) {
    RecursiveServer server =
        RecursiveServer.start(
            resolver, LabSetup.anyLoopbackPort(), ServeOptions.of(limits), clientLimits);
    servers.add(server);
    return server;
  }

  @Test
  void aClientHoldingEveryTcpSlotGivesItsOldestIdleOneToANewClient() throws Exception {
    RecursiveServer server =
        serve(ServerLimits.DEFAULT.withMaxTcpConnections(6), ClientLimits.DEFAULT);
    List<Socket> hog = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Socket s = connect(HOG, server);
      hog.add(s);
      assertThat(exchange(s, query("www.example.com", Type.A))).isPresent(); // busy, then idle
    }
    awaitTcp(server, n -> n == 6, "the hog holds every slot");

    Socket other = connect(OTHER, server);
    Optional<Message> answer = exchange(other, query("www.example.com", Type.A));

    assertThat(answer).get().extracting(Message::getRcode).isEqualTo(Rcode.NOERROR);
    int hogAnswered = 0;
    for (Socket s : hog) {
      hogAnswered += exchange(s, query("mail.example.com", Type.A)).isPresent() ? 1 : 0;
    }
    assertThat(hogAnswered).as("the hog keeps all but its oldest idle connection").isEqualTo(5);
    assertThat(server.openTcpConnections()).isEqualTo(6);
  }

  @Test
  void aClientOverItsShareOfTcpConnectionsIsCutBackAtOnceAndOthersStillConnect() throws Exception {
    RecursiveServer server =
        serve(ServerLimits.DEFAULT, ClientLimits.DEFAULT.withMaxTcpConnectionsPerClient(3));
    for (int i = 0; i < 3; i++) {
      connect(HOG, server);
    }
    awaitTcp(server, n -> n == 3, "the hog's share accepted");

    assertClosedByServer(connect(HOG, server));
    assertClosedByServer(connect(HOG, server));

    assertThat(exchange(connect(OTHER, server), query("www.example.com", Type.A)))
        .get()
        .extracting(Message::getRcode)
        .isEqualTo(Rcode.NOERROR);
    assertThat(server.openTcpConnections()).isEqualTo(4);
  }

  @Test
  void aClientOverItsShareOfLookupsInFlightDoesNotStopAnotherClientsLookups() throws Exception {
    RecursiveServer server =
        serve(ServerLimits.DEFAULT, ClientLimits.DEFAULT.withMaxLookupsPerClient(2));
    SimpleResolver hog = stub(server, HOG);
    assertThat(hog.send(query("www.example.com", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
    // The slot of the answered lookup is given back just after its answer is sent: counted
    // below, it would let a later count be met one lookup early.
    awaitLookups(server, n -> n == 0, "the first lookup's slot given back");
    silenceExampleCom(); // the hog's next lookups stay in flight

    hog.sendAsync(query("mail.example.com", Type.A));
    hog.sendAsync(query("example.com", Type.MX));
    awaitLookups(server, n -> n == 2, "the hog's two lookups in flight");

    Message turnedAway = hog.send(query("example.com", Type.TXT));
    assertThat(turnedAway.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(turnedAway.getOPT().toString()).contains("2 lookups in flight from this client");
    assertThat(hog.send(query("www.example.com", Type.A)).getSection(Section.ANSWER))
        .as("what the cache knows is still answered")
        .isNotEmpty();

    Message other = stub(server, OTHER).send(query("www.example.org", Type.A));
    assertThat(other.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(other.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("192.0.2.100");
  }

  @Test
  void whenEveryLookupSlotIsTakenTheHeaviestClientsOldestLookupGivesWay() throws Exception {
    RecursiveServer server =
        serve(ServerLimits.DEFAULT.withMaxPendingLookups(3), ClientLimits.DEFAULT);
    SimpleResolver hog = stub(server, HOG);
    assertThat(hog.send(query("www.example.com", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
    // The slot of the answered lookup is given back just after its answer is sent: counted
    // below, it would let a later count be met one lookup early.
    awaitLookups(server, n -> n == 0, "the first lookup's slot given back");
    silenceExampleCom();

    CompletableFuture<Message> oldest =
        hog.sendAsync(query("mail.example.com", Type.A)).toCompletableFuture();
    awaitLookups(server, n -> n == 1, "the hog's first lookup in flight");
    hog.sendAsync(query("example.com", Type.MX));
    hog.sendAsync(query("example.com", Type.TXT));
    awaitLookups(server, n -> n == 3, "every slot taken by the hog");

    Message other = stub(server, OTHER).send(query("www.example.org", Type.A));

    assertThat(other.getRcode()).isEqualTo(Rcode.NOERROR);
    Message evicted = oldest.get();
    assertThat(evicted.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(evicted.getOPT().toString()).contains("lighter client");
  }

  /** example.com's servers stop answering: lookups there stay in flight for seconds. */
  private void silenceExampleCom() {
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.drop());
    lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.drop());
  }

  private Socket connect(String from, RecursiveServer server) throws IOException {
    Socket s = RawDns.tcpFrom(from, server.address(), 5000);
    sockets.add(s);
    return s;
  }

  private static SimpleResolver stub(RecursiveServer server, String from) {
    SimpleResolver stub = new SimpleResolver(server.address());
    stub.setLocalAddress(new InetSocketAddress(from, 0));
    stub.setTimeout(Duration.ofSeconds(10));
    return stub;
  }

  /** One query over an open connection; empty if the server has closed it. */
  private static Optional<Message> exchange(Socket socket, Message query) throws IOException {
    try {
      RawDns.writeFrame(socket.getOutputStream(), query.toWire());
      Optional<byte[]> frame = RawDns.readFrame(socket.getInputStream());
      return frame.isPresent() ? Optional.of(new Message(frame.get())) : Optional.empty();
    } catch (SocketException e) {
      return Optional.empty(); // reset: closed by the server
    }
  }

  private static void assertClosedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      assertThat(in.read()).isEqualTo(-1);
    } catch (SocketException e) {
      assertThat(e.getMessage()).contains("reset");
    }
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }
}
