package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
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
 * What floods of clients may hold: TCP connections, idle time, unread replies, lookups in flight.
 */
@Timeout(60)
class ServerLimitsTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private final List<RecursiveServer> servers = new ArrayList<>();

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
  void stop() {
    servers.forEach(RecursiveServer::close);
    resolver.close();
  }

  private RecursiveServer serve(ServerLimits limits) {
    RecursiveServer server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort(), limits);
    servers.add(server);
    return server;
  }

  @Test
  void twoHundredIdleTcpConnectionsBlockNeitherUdpNorANewTcpClient() throws Exception {
    RecursiveServer server = serve(ServerLimits.DEFAULT);
    List<Socket> idle = new ArrayList<>();
    try {
      // From ten addresses (127.0.0.10-19), each within its share of 32 connections.
      for (int i = 0; i < 200; i++) {
        idle.add(RawDns.tcpFrom("127.0.0." + (10 + i % 10), server.address(), 5000));
      }
      awaitTcp(server, n -> n == 200, "200 connections accepted");

      long start = System.nanoTime();
      assertThat(udp(server).send(query("www.example.com", Type.A)).getSection(Section.ANSWER))
          .isNotEmpty();
      assertThat(tcp(server).send(query("mail.example.com", Type.A)).getSection(Section.ANSWER))
          .isNotEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      // One idle connection still works when it finally asks.
      assertThat(exchange(idle.get(0), query("www.example.com", Type.A)).getSection(Section.ANSWER))
          .isNotEmpty();
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
    awaitTcp(server, n -> n == 0, "client closes noticed");
  }

  @Test
  void aBurstOfThreeThousandDatagramsDoesNotCrowdOutTheRealQuery() throws Exception {
    RecursiveServer server = serve(ServerLimits.DEFAULT);
    assertThat(udp(server).send(query("www.example.com", Type.A)).getSection(Section.ANSWER))
        .as("warm: the burst is answered from the cache")
        .isNotEmpty();
    java.nio.file.Path rmemMax = java.nio.file.Path.of("/proc/sys/net/core/rmem_max");
    if (java.nio.file.Files.isReadable(rmemMax)) {
      long max = Long.parseLong(java.nio.file.Files.readString(rmemMax).trim());
      assertThat(server.udpReceiveBufferBytes())
          .as("the kernel grants what it can of 4 MB (rmem_max %d)", max)
          .isGreaterThanOrEqualTo((int) Math.min(max, RecursiveServer.UDP_RECEIVE_BUFFER));
    }
    byte[] cached = query("www.example.com", Type.A).toWire();
    try (java.net.DatagramSocket flood = new java.net.DatagramSocket()) {
      for (int i = 0; i < 3000; i++) {
        cached[0] = (byte) (i >> 8);
        cached[1] = (byte) i;
        RawDns.send(flood, cached, server.address());
      }
      // The client behind the burst: its one query must be among those the kernel kept.
      SimpleResolver real = udp(server);
      real.setTimeout(Duration.ofSeconds(10));
      assertThat(real.send(query("mail.example.com", Type.A)).getSection(Section.ANSWER))
          .isNotEmpty();
    }
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    RecursiveServer server =
        serve(
            ServerLimits.DEFAULT.withTcpIdleTimeout(
                Duration.ofMillis(300), Duration.ofMillis(300)));
    try (Socket silent = RawDns.tcp(server.address(), 5000);
        Socket answered = RawDns.tcp(server.address(), 5000)) {
      assertThat(exchange(answered, query("www.example.com", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);
      long start = System.nanoTime();
      assertThat(silent.getInputStream().read()).isEqualTo(-1);
      assertThat(answered.getInputStream().read()).isEqualTo(-1); // idle again after its answer
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
    awaitTcp(server, n -> n == 0, "slots released");
  }

  @Test
  void aClientTricklingOneByteAtATimeCannotHoldItsSlotPastTheIdleTimeout() throws Exception {
    RecursiveServer server =
        serve(
            ServerLimits.DEFAULT.withTcpIdleTimeout(
                Duration.ofMillis(400), Duration.ofMillis(400)));
    try (Socket slow = RawDns.tcp(server.address(), 5000)) {
      OutputStream out = slow.getOutputStream();
      out.write(new byte[] {0x7f, (byte) 0xff}); // announces a 32 KiB query
      long start = System.nanoTime();
      // One byte, then up to 50 ms waiting for the server to hang up (the read is the pacing:
      // each byte well inside the timeout, the frame never complete); EOF ends the loop.
      slow.setSoTimeout(50);
      InputStream in = slow.getInputStream();
      try {
        for (int i = 0; i < 40 && !closedWithin(in); i++) {
          out.write(0);
          out.flush();
        }
      } catch (SocketException e) {
        // the server closed on us: what this test wants
      }
      awaitTcp(server, n -> n == 0, "trickling connection closed");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnceAndSlotsComeBack() throws Exception {
    RecursiveServer server = serve(ServerLimits.DEFAULT.withMaxTcpConnections(5));
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        held.add(RawDns.tcp(server.address(), 5000));
      }
      awaitTcp(server, n -> n == 5, "5 connections accepted");
      try (Socket refused = RawDns.tcp(server.address(), 5000)) {
        assertClosedByServer(refused);
      }
      assertThat(server.openTcpConnections()).isEqualTo(5);
      assertThat(udp(server).send(query("www.example.com", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);

      held.remove(0).close();
      awaitTcp(server, n -> n == 4, "a slot freed");
      assertThat(tcp(server).send(query("www.example.com", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aClientThatNeverReadsItsRepliesIsCutOffWithoutBlockingOthers() throws Exception {
    RecursiveServer server =
        serve(
            ServerLimits.DEFAULT
                .withMaxPipelinedPerConnection(4)
                .withTcpWriteTimeout(Duration.ofMillis(500)));
    try (Socket warm = RawDns.tcp(server.address(), 5000)) {
      assertThat(exchange(warm, query("huge.example.net", Type.TXT)).getSection(Section.ANSWER))
          .hasSize(20); // cached now
    }
    awaitTcp(server, n -> n == 0, "warm-up connection closed");
    byte[] wire = query("huge.example.net", Type.TXT).toWire();
    byte[] frame = RawDns.concat(RawDns.u16(wire.length), wire);

    Socket hog = new Socket();
    hog.setReceiveBufferSize(4096); // fill up fast: the server's writes must stall
    hog.connect(server.address(), 5000);
    CompletableFuture<Void> flood =
        CompletableFuture.runAsync(
            () -> {
              try {
                OutputStream out = hog.getOutputStream();
                for (int i = 0; i < 20_000; i++) {
                  out.write(frame); // blocks once the server stops reading this connection
                }
              } catch (IOException e) {
                // the server cut us off
              }
            });
    try {
      awaitTcp(server, n -> n == 1, "hog connected");
      // Others are served while the hog's replies are stuck (raw sockets: dnsjava keeps its TCP
      // connections open for reuse, which would blur the connection count below).
      for (int i = 0; i < 3; i++) {
        try (Socket other = RawDns.tcp(server.address(), 5000)) {
          assertThat(exchange(other, query("www.example.com", Type.A)).getRcode())
              .isEqualTo(Rcode.NOERROR);
        }
        assertThat(udp(server).send(query("mail.example.com", Type.A)).getRcode())
            .isEqualTo(Rcode.NOERROR);
      }
      awaitTcp(
          server,
          n -> n == 0,
          "the hog is closed once a reply waits longer than the write timeout");
    } finally {
      hog.close();
      flood.join();
    }
  }

  @Test
  void lookupsBeyondThePendingCapFailFastWhileCachedAnswersStillFlow() throws Exception {
    RecursiveServer server = serve(ServerLimits.DEFAULT.withMaxPendingLookups(2));
    SimpleResolver stub = udp(server);
    assertThat(stub.send(query("www.example.com", Type.A)).getRcode())
        .isEqualTo(Rcode.NOERROR); // caches example.com's NS
    lab.get().server("ns1.example.com.").fault(Fault.delay(Duration.ofMillis(1500)));
    lab.get().server("ns2.example.com.").fault(Fault.delay(Duration.ofMillis(1500)));

    CompletableFuture<Message> slow1 =
        stub.sendAsync(query("mail.example.com", Type.A)).toCompletableFuture();
    CompletableFuture<Message> slow2 =
        stub.sendAsync(query("example.com", Type.MX)).toCompletableFuture();
    awaitLookups(server, n -> n == 2, "two lookups in flight");

    long start = System.nanoTime();
    Message turnedAway = stub.send(query("example.com", Type.TXT));
    assertThat(turnedAway.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(turnedAway.getOPT().toString()).contains("busy");
    Message cached = stub.send(query("www.example.com", Type.A));
    assertThat(cached.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));

    assertThat(slow1.get().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(slow2.get().getRcode()).isEqualTo(Rcode.NOERROR);
    awaitLookups(server, n -> n == 0, "the count comes back down");
  }

  private static void assertClosedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      assertThat(in.read()).isEqualTo(-1);
    } catch (SocketException e) {
      assertThat(e.getMessage()).contains("reset");
    } catch (SocketTimeoutException e) {
      throw new AssertionError("a connection beyond the cap was kept open", e);
    }
  }

  private static Message exchange(Socket socket, Message query) throws IOException {
    RawDns.writeFrame(socket.getOutputStream(), query.toWire());
    return new Message(RawDns.readFrame(socket.getInputStream()).orElseThrow());
  }

  private static SimpleResolver udp(RecursiveServer server) {
    SimpleResolver stub = new SimpleResolver(server.address());
    stub.setTimeout(Duration.ofSeconds(5));
    return stub;
  }

  private static SimpleResolver tcp(RecursiveServer server) {
    SimpleResolver stub = udp(server);
    stub.setTCP(true);
    return stub;
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  /** Whether the server closed the connection within the socket's read timeout. */
  private static boolean closedWithin(InputStream in) throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Waits (woken by each change, no polling) for the open TCP connections to satisfy a test. */
  static void awaitTcp(RecursiveServer server, IntPredicate condition, String what)
      throws InterruptedException {
    if (!server.awaitTcpConnections(condition, Duration.ofSeconds(10))) {
      throw new AssertionError(
          "timed out waiting for: " + what + " (open: " + server.openTcpConnections() + ")");
    }
  }

  /** As {@link #awaitTcp} for the lookups in flight. */
  static void awaitLookups(RecursiveServer server, IntPredicate condition, String what)
      throws InterruptedException {
    if (!server.awaitPendingLookups(condition, Duration.ofSeconds(10))) {
      throw new AssertionError(
          "timed out waiting for: " + what + " (in flight: " + server.pendingLookups() + ")");
    }
  }
}
