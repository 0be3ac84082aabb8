package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The running lab over real loopback sockets. */
class DnsLabTest {

  private static final Duration SHORT = Duration.ofSeconds(2);

  private DnsLab lab;

  @BeforeEach
  void start() {
    lab = DnsLab.start(DemoWorld.world());
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void everyServerListensOnItsOwnAddressAndTheSharedPort() {
    assertThat(lab.servers()).hasSize(DemoWorld.world().servers().size());
    for (LabServer server : lab.servers()) {
      assertThat(server.socketAddress().getPort()).isEqualTo(lab.port());
      assertThat(server.address().isLoopbackAddress()).isTrue();
      Message m = Dig.udp(server.socketAddress(), "example.com.", Type.SOA);
      assertThat(m.getHeader().getFlag(Flags.QR)).as(server.toString()).isTrue();
    }
    assertThat(lab.address("ns1.example.com"))
        .isEqualTo(new InetSocketAddress("127.53.10.1", lab.port()));
    assertThat(lab.server("127.53.0.2").name())
        .isEqualTo(Name.fromConstantString("b.root-servers.net."));
    assertThatThrownBy(() -> lab.server("ns9.example.com."))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLabCanBeStartedOnAGivenPortAndRefusesOneTaken() {
    int taken = lab.port();
    assertThatThrownBy(() -> DnsLab.start(DemoWorld.world(), taken))
        .isInstanceOf(java.io.UncheckedIOException.class);
    int free;
    try (DnsLab probe = DnsLab.start(DemoWorld.world())) {
      free = probe.port();
    }
    try (DnsLab fixed = DnsLab.start(DemoWorld.world(), free)) {
      assertThat(fixed.port()).isEqualTo(free);
      Message m = Dig.udp(fixed.address(DemoWorld.A_ROOT), "www.example.com.", Type.A);
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void rootGivesAReferralOverUdp() {
    Message m = Dig.udp(lab.address(DemoWorld.A_ROOT), "www.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.AUTHORITY)).extracting(r -> r.getType()).containsOnly(Type.NS);
    assertThat(m.getSection(Section.ADDITIONAL)).hasSize(2);
  }

  @Test
  void exampleComAnswersAuthoritativelyOverUdpAndTcp() {
    for (Message m :
        List.of(
            Dig.udp(lab.address(DemoWorld.NS1_EXAMPLE_COM), "www.example.com.", Type.A),
            Dig.tcp(lab.address(DemoWorld.NS2_EXAMPLE_COM), "www.example.com.", Type.A))) {
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(m.getSection(Section.ANSWER))
          .singleElement()
          .extracting(r -> r.rdataToString())
          .isEqualTo("93.184.216.34");
    }
  }

  @Test
  void lameServerRefuses() {
    Message m = Dig.udp(lab.address(DemoWorld.NS2_LAME), "www.lame.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(
            Dig.udp(lab.address(DemoWorld.NS1_LAME), "www.lame.com.", Type.A)
                .getSection(Section.ANSWER))
        .hasSize(1);
  }

  @Test
  void bigAnswerIsTruncatedOverUdpWithoutEdnsAndCompleteOverTcp() {
    InetSocketAddress server = lab.address(DemoWorld.NS1_EXAMPLE_NET);
    Message udp = Dig.udp(server, "big.example.net.", Type.TXT);
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(udp.getSection(Section.ANSWER)).isEmpty();
    assertThat(udp.getQuestion().getName()).isEqualTo(Name.fromConstantString("big.example.net."));

    Message edns =
        Dig.send(
            server,
            Dig.ednsQuery("big.example.net.", Type.TXT, 1232),
            false,
            Duration.ofSeconds(2));
    assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(edns.getSection(Section.ANSWER)).hasSize(9);

    Message huge =
        Dig.send(
            server,
            Dig.ednsQuery("huge.example.net.", Type.TXT, 1232),
            false,
            Duration.ofSeconds(2));
    assertThat(huge.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(huge.getOPT()).isNotNull();

    Message tcp = Dig.tcp(server, "huge.example.net.", Type.TXT);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(20);
  }

  @Test
  void tcpServesSeveralQueriesOnOneConnectionFromPartialWrites() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(lab.address(DemoWorld.NS1_EXAMPLE_COM), 2000);
      socket.setSoTimeout(2000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] first = Dig.query("www.example.com.", Type.A).toWire();
      byte[] second = Dig.query("mail.example.com.", Type.A).toWire();
      // Both queries in pieces: the length prefix split from its message, the second in two halves.
      out.writeShort(first.length);
      out.flush();
      out.write(first, 0, 5);
      out.flush();
      out.write(first, 5, first.length - 5);
      out.writeShort(second.length);
      out.write(second, 0, 3);
      out.flush();
      out.write(second, 3, second.length - 3);
      out.flush();
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        byte[] response = new byte[in.readUnsignedShort()];
        in.readFully(response);
        answers.add(new Message(response).getSection(Section.ANSWER).get(0).rdataToString());
      }
      assertThat(answers).containsExactly("93.184.216.34", "93.184.216.50");
    }
  }

  @Test
  void queriesAreRecordedAndCanBeTaken() {
    Dig.udp(lab.address(DemoWorld.A_ROOT), "www.example.com.", Type.A);
    Dig.send(
        lab.address(DemoWorld.NS1_EXAMPLE_COM),
        Dig.ednsQuery("www.example.com.", Type.AAAA, 1400),
        true,
        Duration.ofSeconds(2));

    RecordedQuery first = lab.takeQuery(Duration.ofSeconds(1));
    assertThat(first.server().getHostAddress()).isEqualTo("127.53.0.1");
    assertThat(first.qname()).isEqualTo(Name.fromConstantString("www.example.com."));
    assertThat(first.qtype()).isEqualTo(Type.A);
    assertThat(first.protocol()).isEqualTo(Wire.UDP);
    assertThat(first.edns()).isFalse();
    RecordedQuery second = lab.takeQuery(Duration.ofSeconds(1));
    assertThat(second.protocol()).isEqualTo(Wire.TCP);
    assertThat(second.edns()).isTrue();
    assertThat(second.ednsPayloadSize()).isEqualTo(1400);
    assertThat(lab.pollQuery(Duration.ofMillis(20))).isEmpty();

    assertThat(lab.queryCount()).isEqualTo(2);
    assertThat(lab.queriesTo(DemoWorld.NS1_EXAMPLE_COM)).containsExactly(second);
    assertThat(lab.queriesTo("127.53.0.1")).containsExactly(first);
    lab.clearQueries();
    assertThat(lab.queries()).isEmpty();
  }

  @Test
  void hintsFileListsTheRootServersInNamedRootFormat() throws IOException {
    Path hints = lab.rootHintsFile();
    String text = Files.readString(hints);
    assertThat(text).containsPattern("(?m)^\\.\\s+3600000\\s+NS\\s+a\\.root-servers\\.net\\.$");
    assertThat(text)
        .containsPattern("(?m)^a\\.root-servers\\.net\\.\\s+3600000\\s+A\\s+127\\.53\\.0\\.1$");
    assertThat(text)
        .containsPattern("(?m)^b\\.root-servers\\.net\\.\\s+3600000\\s+A\\s+127\\.53\\.0\\.2$");
    assertThat(text).isEqualTo(lab.world().namedRoot());
  }

  @Test
  void closeReleasesThePortAndDeletesTheHints() throws IOException {
    int port = lab.port();
    Path hints = lab.rootHintsFile();
    lab.close();
    assertThat(hints).doesNotExist();
    InetAddress address = InetAddress.getByAddress(new byte[] {127, 53, 0, 1});
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
        ServerSocket tcp = new ServerSocket()) {
      tcp.bind(new InetSocketAddress(address, port));
      assertThat(udp.getLocalPort()).isEqualTo(port);
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(
            t ->
                t.getName().endsWith("-" + port)
                    && t.getName().startsWith("dnslab-")
                    && t.isAlive());
    lab.close(); // idempotent
  }

  @Test
  void answersManyConcurrentQueriesQuickly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<Message>> futures = new ArrayList<>();
      List<LabServer> servers = lab.servers();
      for (int i = 0; i < 240; i++) {
        LabServer server = servers.get(i % servers.size());
        boolean tcp = i % 4 == 0;
        futures.add(
            CompletableFuture.supplyAsync(
                () ->
                    Dig.send(
                        server.socketAddress(),
                        Dig.query("www.example.com.", Type.A),
                        tcp,
                        Duration.ofSeconds(3)),
                pool));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(futures).allMatch(f -> f.join().getHeader().getFlag(Flags.QR));
      assertThat(lab.queryCount()).isEqualTo(240);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unparseableQueryGetsFormerrAndAShortOneIsDropped() {
    byte[] header = Dig.query("www.example.com.", Type.A).toWire();
    byte[] broken = java.util.Arrays.copyOf(header, 14); // header plus a torn question
    List<byte[]> replies =
        Dig.rawUdp(lab.address(DemoWorld.NS1_EXAMPLE_COM), broken, 1, Duration.ofMillis(500));
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0)[0]).isEqualTo(header[0]);
    assertThat(replies.get(0)[3] & 0x0F).isEqualTo(Rcode.FORMERR);
    assertThat(
            Dig.rawUdp(
                lab.address(DemoWorld.NS1_EXAMPLE_COM),
                new byte[] {1, 2, 3},
                1,
                Duration.ofMillis(100)))
        .isEmpty();
  }

  /**
   * Six MX targets and six delegated name servers with 63-byte first labels: the answer alone
   * (about 500 bytes) fits in 512, the glue or additional addresses do not.
   */
  @Test
  void onlyRequiredDataSetsTcAdditionalAddressesAreDroppedButReferralGlueIsNot() {
    StringBuilder text = new StringBuilder("@ SOA ns h 1 3600 900 604800 300\n@ NS ns\n");
    text.append("ns A 127.54.1.1\n");
    for (int i = 0; i < 6; i++) {
      String label = ("h" + i + "-").repeat(30).substring(0, 63);
      text.append("@ MX 10 ").append(label).append('\n');
      text.append(label).append(" A 192.0.2.").append(i + 1).append('\n');
      text.append("sub NS ").append(label).append(".sub\n");
      text.append(label).append(".sub A 192.0.2.").append(i + 101).append('\n');
    }
    World world =
        World.builder()
            .zone("wide.test.", text.toString())
            .server("ns.wide.test.", "127.54.1.1", "wide.test.")
            .build();
    try (DnsLab wide = DnsLab.start(world)) {
      InetSocketAddress server = wide.address("ns.wide.test.");
      Message mx = Dig.udp(server, "wide.test.", Type.MX);
      assertThat(mx.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(mx.getSection(Section.ANSWER)).hasSize(6);
      assertThat(mx.getSection(Section.ADDITIONAL)).isEmpty();
      Message withEdns = Dig.send(server, Dig.ednsQuery("wide.test.", Type.MX, 1232), false, SHORT);
      assertThat(withEdns.getSection(Section.ADDITIONAL)).hasSize(7); // six A and the OPT

      Message referral = Dig.udp(server, "www.sub.wide.test.", Type.A);
      assertThat(referral.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(referral.getSection(Section.AUTHORITY)).isEmpty();
      Message overTcp = Dig.tcp(server, "www.sub.wide.test.", Type.A);
      assertThat(overTcp.getSection(Section.AUTHORITY)).hasSize(6);
      assertThat(overTcp.getSection(Section.ADDITIONAL)).hasSize(6);
    }
  }
}
