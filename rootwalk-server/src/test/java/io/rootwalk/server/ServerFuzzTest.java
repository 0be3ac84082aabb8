package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.flags;
import static io.rootwalk.server.RawDns.header;
import static io.rootwalk.server.RawDns.opt;
import static io.rootwalk.server.RawDns.question;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Hostile input: the server never dies, never hangs, never answers a response, and answers FORMERR
 * wherever it can read a header. The fuzz is seeded, so a failure replays exactly.
 */
@Timeout(60)
class ServerFuzzTest {

  private static final long SEED = 0x5EED_53L;
  private static final int DATAGRAMS = 2000;

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    DnsLab dnsLab = lab.get();
    resolver =
        LabSetup.resolverFor(dnsLab)
            .queryTimeout(Duration.ofMillis(300))
            .deadline(Duration.ofSeconds(3))
            .build();
    server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort());
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  @Test
  void twoThousandHostileDatagramsLeaveTheServerAnsweringOverUdpAndTcp() throws Exception {
    Random random = new Random(SEED);
    AtomicInteger replies = new AtomicInteger();
    List<String> badReplies = new ArrayList<>();
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < DATAGRAMS; i++) {
        RawDns.send(socket, hostile(random, i), server.address());
        if (i % 50 == 49) {
          drain(
              socket,
              5,
              replies,
              badReplies); // pace the flood so the test measures the server, not the socket buffer
        }
      }
      drain(socket, 300, replies, badReplies);
    }

    assertThat(badReplies).isEmpty();
    assertThat(replies.get())
        .as("FORMERR/NOTIMP/REFUSED/answers for readable headers")
        .isGreaterThan(DATAGRAMS / 4);
    assertNormalQueriesAreAnswered();
  }

  @Test
  void hostileTcpStreamsLeaveTheServerAnswering() throws Exception {
    Random random = new Random(SEED + 1);
    InetSocketAddress address = server.address();
    byte[] good =
        Message.newQuery(Record.newRecord(Name.fromString("www.example.com."), Type.A, DClass.IN))
            .toWire();

    // A length prefix promising more than is sent, then half-close: the server must close, not
    // hang.
    try (Socket s = RawDns.tcp(address, 5000)) {
      s.getOutputStream().write(concat(RawDns.u16(500), new byte[] {1, 2, 3}));
      s.shutdownOutput();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    // A zero length prefix: no message is empty, so the stream is out of step and is closed.
    try (Socket s = RawDns.tcp(address, 5000)) {
      s.getOutputStream().write(new byte[] {0, 0});
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    // A prefix shorter than the message: the rest is read as a garbage frame; nothing breaks.
    try (Socket s = RawDns.tcp(address, 5000)) {
      s.getOutputStream().write(concat(RawDns.u16(8), good));
      s.shutdownOutput();
      drainTcp(s.getInputStream());
    }
    // A client that trickles: a valid query sent one byte per segment (Nagle off, so each write
    // leaves at once) is assembled across reads and answered.
    try (Socket s = RawDns.tcp(address, 5000)) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      for (byte b : concat(RawDns.u16(good.length), good)) {
        out.write(b);
        out.flush();
      }
      Message reply = new Message(RawDns.readFrame(s.getInputStream()).orElseThrow());
      assertThat(reply.getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly("93.184.216.34");
    }
    // Random streams, random frames, a header-only query with garbage after it, all half-closed.
    for (int i = 0; i < 40; i++) {
      try (Socket s = RawDns.tcp(address, 5000)) {
        OutputStream out = s.getOutputStream();
        int frames = 1 + random.nextInt(4);
        for (int f = 0; f < frames; f++) {
          byte[] payload = hostile(random, i * 7 + f);
          byte[] prefix =
              random.nextInt(5) == 0
                  ? RawDns.u16(random.nextInt(65536)) // a wrong length
                  : RawDns.u16(payload.length);
          out.write(concat(prefix, payload));
        }
        out.flush();
        s.shutdownOutput();
        drainTcp(s.getInputStream());
      }
    }

    assertNormalQueriesAreAnswered();
  }

  @Test
  void aReadableHeaderWithAnUnreadableBodyIsFormerrWithTheSameId() throws Exception {
    byte[][] packets = {
      header(0x1234, flags(false, Opcode.QUERY, true), 1, 0, 0, 0), // promises a question, has none
      concat(
          header(0x1235, flags(false, Opcode.QUERY, true), 65535, 0, 0, 0),
          question("example.com", Type.A, DClass.IN)),
      concat(
          header(0x1236, flags(false, Opcode.QUERY, true), 1, 0, 0, 1),
          question("example.com", Type.A, DClass.IN),
          new byte[] {0, 0, 41}), // a cut-off OPT
      concat(
          header(0x1237, flags(false, Opcode.QUERY, false), 1, 0, 0, 0),
          new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1}), // pointer loop
      concat(
          header(0x1238, flags(false, Opcode.QUERY, true), 1, 0, 0, 0),
          new byte[] {70, 'a', 'b'}), // label over 63
    };
    for (byte[] packet : packets) {
      Message reply =
          RawDns.udpExchange(server.address(), packet, 3000)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no reply to id " + Integer.toHexString(RawDns.id(packet))));
      assertThat(reply.getHeader().getID()).isEqualTo(RawDns.id(packet));
      assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
    }
  }

  @Test
  void questionCountsOtherThanOneAreFormerr() throws Exception {
    byte[] q = question("www.example.com", Type.A, DClass.IN);
    for (byte[] packet :
        new byte[][] {
          header(7, flags(false, Opcode.QUERY, true), 0, 0, 0, 0),
          concat(header(8, flags(false, Opcode.QUERY, true), 2, 0, 0, 0), q, q)
        }) {
      Message reply = RawDns.udpExchange(server.address(), packet, 3000).orElseThrow();
      assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
      assertThat(reply.getHeader().getID()).isEqualTo(RawDns.id(packet));
    }
  }

  @Test
  void anOptOutsideTheAdditionalSectionOrTwoOptsAreFormerr() throws Exception {
    byte[] q = question("www.example.com", Type.A, DClass.IN);
    byte[] opt = opt(1232, 0, 0);
    byte[][] packets = {
      concat(
          header(21, flags(false, Opcode.QUERY, true), 1, 1, 0, 0),
          q,
          opt), // in the answer section
      concat(
          header(22, flags(false, Opcode.QUERY, true), 1, 0, 1, 0),
          q,
          opt), // in the authority section
      concat(header(23, flags(false, Opcode.QUERY, true), 1, 0, 0, 2), q, opt, opt), // twice
    };
    for (byte[] packet : packets) {
      Message reply = RawDns.udpExchange(server.address(), packet, 3000).orElseThrow();
      assertThat(reply.getRcode()).as("id %d", RawDns.id(packet)).isEqualTo(Rcode.FORMERR);
    }
  }

  @Test
  void responsesAreNeverAnsweredSoTwoServersCannotLoop() throws Exception {
    byte[] q = question("www.example.com", Type.A, DClass.IN);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      RawDns.send(
          socket,
          concat(header(1, flags(true, Opcode.QUERY, true), 1, 0, 0, 0), q),
          server.address());
      RawDns.send(
          socket,
          concat(header(2, flags(true, Opcode.QUERY, true) | Rcode.FORMERR, 1, 0, 0, 0), q),
          server.address());
      RawDns.send(
          socket,
          header(3, flags(true, Opcode.QUERY, false) | Rcode.SERVFAIL, 0, 0, 0, 0),
          server.address());
      RawDns.send(
          socket,
          concat(header(4, flags(true, Opcode.NOTIFY, false), 1, 0, 0, 0), q),
          server.address());
      RawDns.send(
          socket,
          concat(header(5, flags(true, Opcode.QUERY, true), 65535, 0, 0, 0), q),
          server.address()); // unparsable
      assertThat(RawDns.receive(socket, 500)).isEmpty();
    }
    assertNormalQueriesAreAnswered();
  }

  /** One hostile datagram; the category cycles with {@code i} so every kind is sent. */
  private static byte[] hostile(Random random, int i) {
    int id = random.nextInt(65536);
    boolean rd = random.nextBoolean();
    String name = randomName(random);
    int type =
        random.nextInt(4) == 0
            ? random.nextInt(65536)
            : new int[] {Type.A, Type.AAAA, Type.MX, Type.TXT, Type.ANY, Type.NS, Type.SOA}
                [random.nextInt(7)];
    switch (i % 12) {
      case 0:
        {
          byte[] junk = new byte[random.nextInt(600)];
          random.nextBytes(junk);
          return junk;
        }
      case 1:
        {
          byte[] truncated = new byte[random.nextInt(12)];
          random.nextBytes(truncated);
          return truncated;
        }
      case 2:
        { // a plausible header, garbage sections
          byte[] garbage = new byte[random.nextInt(300)];
          random.nextBytes(garbage);
          return concat(
              header(
                  id,
                  flags(false, Opcode.QUERY, rd),
                  random.nextInt(3),
                  random.nextInt(3),
                  random.nextInt(3),
                  random.nextInt(3)),
              garbage);
        }
      case 3:
        { // question counts 0, 2, 65535
          int qd = new int[] {0, 2, 65535}[random.nextInt(3)];
          return concat(
              header(id, flags(false, Opcode.QUERY, rd), qd, 0, 0, 0),
              question(name, type, DClass.IN));
        }
      case 4: // EDNS sizes from 0 to 65535, versions 0..2, DO or not
        return concat(
            header(id, flags(false, Opcode.QUERY, rd), 1, 0, 0, 1),
            question(name, type, DClass.IN),
            opt(
                new int[] {0, 1, 511, 512, 4096, 65535}[random.nextInt(6)],
                random.nextInt(3),
                random.nextBoolean() ? 0x8000 : 0));
      case 5:
        { // OPT in the answer or authority section, or twice
          int where = random.nextInt(3);
          byte[] o = opt(65535, 0, 0);
          return concat(
              header(
                  id,
                  flags(false, Opcode.QUERY, rd),
                  1,
                  where == 0 ? 1 : 0,
                  where == 1 ? 1 : 0,
                  where == 2 ? 2 : 0),
              question(name, type, DClass.IN),
              o,
              where == 2 ? o : new byte[0]);
        }
      case 6: // unknown and unimplemented opcodes
        return concat(
            header(id, flags(false, 1 + random.nextInt(15), rd), 1, 0, 0, 0),
            question(name, type, DClass.IN));
      case 7: // classes other than IN, known and not
        return concat(
            header(id, flags(false, Opcode.QUERY, rd), 1, 0, 0, 0),
            question(
                name,
                type,
                new int[] {DClass.CH, DClass.HS, DClass.NONE, DClass.ANY, random.nextInt(65536)}
                    [random.nextInt(5)]));
      case 8: // every type number, meta types included, against names that exist
        return concat(
            header(id, flags(false, Opcode.QUERY, rd), 1, 0, 0, 0),
            question(
                new String[] {
                      "www.example.com", "example.com", "blog.example.com", "api.example.com"
                    }
                    [random.nextInt(4)],
                random.nextInt(65536),
                DClass.IN));
      case 9:
        { // a valid query with random flag bits (TC, AA, Z, AD, CD, rcode), QR kept clear
          int f = random.nextInt(65536) & 0x7fff;
          return concat(header(id, f & ~0x7800, 1, 0, 0, 0), question(name, type, DClass.IN));
        }
      case 10:
        { // responses: must be dropped
          return concat(
              header(id, flags(true, Opcode.QUERY, rd), 1, 0, 0, 0),
              question(name, type, DClass.IN));
        }
      default:
        { // a valid query with one byte flipped
          byte[] packet =
              concat(
                  header(id, flags(false, Opcode.QUERY, rd), 1, 0, 0, 0),
                  question(name, type, DClass.IN));
          packet[12 + random.nextInt(packet.length - 12)] ^= (byte) (1 << random.nextInt(8));
          return packet;
        }
    }
  }

  private static String randomName(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return "www.example.com";
      case 1:
        return "x" + random.nextInt(1000) + ".example.com";
      case 2:
        return "nope" + random.nextInt(1000) + ".com";
      default:
        return "WwW.ExAmPlE.cOm";
    }
  }

  /**
   * Collects replies until {@code quietMs} pass without one; every reply must be a response that
   * parses.
   */
  private static void drain(
      DatagramSocket socket, int quietMs, AtomicInteger replies, List<String> bad)
      throws IOException {
    Optional<byte[]> reply;
    while ((reply = RawDns.receive(socket, quietMs)).isPresent()) {
      replies.incrementAndGet();
      try {
        Message m = new Message(reply.get());
        if (!m.getHeader().getFlag(Flags.QR) || m.getHeader().getFlag(Flags.AA)) {
          bad.add("bad header: " + m.getHeader());
        }
      } catch (IOException e) {
        bad.add("unparsable reply: " + e);
      }
    }
  }

  /** Reads until the server closes; every frame must parse. Fails on a hang (socket timeout). */
  private static void drainTcp(InputStream in) throws IOException {
    try {
      Optional<byte[]> frame;
      while ((frame = RawDns.readFrame(in)).isPresent()) {
        new Message(frame.get());
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed the connection", e);
    } catch (java.net.SocketException e) {
      // closed with our unread bytes in its buffer (after a zero length prefix): a reset is a close
      assertThat(e.getMessage()).contains("reset");
    }
  }

  private void assertNormalQueriesAreAnswered() throws Exception {
    SimpleResolver udp = new SimpleResolver(server.address());
    udp.setTimeout(Duration.ofSeconds(5));
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("www.example.com."), Type.A, DClass.IN));
    assertThat(udp.send(query).getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");
    SimpleResolver tcp = new SimpleResolver(server.address());
    tcp.setTimeout(Duration.ofSeconds(5));
    tcp.setTCP(true);
    Message mx =
        Message.newQuery(Record.newRecord(Name.fromString("example.com."), Type.MX, DClass.IN));
    assertThat(tcp.send(mx).getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .contains("10 mail.example.com.");
  }
}
