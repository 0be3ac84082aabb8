package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.flags;
import static io.rootwalk.server.RawDns.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Junk is cheap: the header decides before any parse, and a TCP client that pipelines without
 * reading cannot make the server hold more than {@link TcpSession#MAX_QUEUED_BYTES} of its replies.
 */
@Timeout(60)
class ServerJunkTest {

  /** How long a wait for another thread's event may take before the test fails. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    resolver = LabSetup.resolverFor(lab.get()).deadline(Duration.ofSeconds(5)).build();
    // The byte cap, not the pipelining cap or the write timeout, must be what stops the hog below.
    ServerLimits limits =
        ServerLimits.DEFAULT
            .withMaxPipelinedPerConnection(10_000)
            .withTcpWriteTimeout(Duration.ofSeconds(50));
    server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort(), limits);
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  @Test
  void anUnimplementedOpcodeOrAnAnswerInAQueryIsRefusedByItsHeaderWhateverTheBody()
      throws Exception {
    byte[] garbage = new byte[200];
    new Random(5358).nextBytes(garbage); // a body no parser takes: only the header can decide
    byte[] notify = concat(header(0x0101, flags(false, Opcode.NOTIFY, false), 1, 0, 0, 0), garbage);
    byte[] answered = concat(header(0x0102, flags(false, Opcode.QUERY, true), 1, 1, 0, 0), garbage);

    Message notimp = RawDns.udpExchange(server.address(), notify, 3000).orElseThrow();
    Message formerr = RawDns.udpExchange(server.address(), answered, 3000).orElseThrow();

    assertThat(notimp.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(notimp.getHeader().getID()).isEqualTo(0x0101);
    assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(formerr.getHeader().getID()).isEqualTo(0x0102);
    assertThat(lab.get().queryCount()).as("no lookup for junk").isZero();
  }

  @Test
  void aPipeliningClientThatNeverReadsIsHeldToTheByteCapWhileOthersAreServed() throws Exception {
    try (Socket warm = RawDns.tcp(server.address(), 5000)) {
      RawDns.writeFrame(warm.getOutputStream(), query("huge.example.net", Type.TXT).toWire());
      Message huge = new Message(RawDns.readFrame(warm.getInputStream()).orElseThrow());
      assertThat(huge.getSection(Section.ANSWER)).hasSize(20); // about 2 KB, and cached now
    }
    assertThat(server.awaitTcpConnections(n -> n == 0, WAIT))
        .as("warm-up connection closed")
        .isTrue();
    byte[] wire = query("huge.example.net", Type.TXT).toWire();
    byte[] frame = concat(RawDns.u16(wire.length), wire);
    // More queries than the two kernels can buffer between them, or the flood could end without
    // the server's help: Linux grows a loopback receive buffer up to net.ipv4.tcp_rmem's maximum
    // (32 MiB on the CI machines), and 100,000 queries (4.5 MB) once fitted in it on JDK 25.
    byte[] chunk = new byte[(64 << 10) / frame.length * frame.length];
    for (int at = 0; at < chunk.length; at += frame.length) {
      System.arraycopy(frame, 0, chunk, at, frame.length);
    }

    Socket hog = new Socket();
    hog.setReceiveBufferSize(4096); // the kernel takes little of the replies: they queue up
    hog.connect(server.address(), 5000);
    // A thread of its own: the flood blocks in write() for the rest of the test, and on the
    // common pool (one thread on two cores) it would starve whatever else completes there.
    ExecutorService flooder = Executors.newSingleThreadExecutor();
    CompletableFuture<Void> flood =
        CompletableFuture.runAsync(
            () -> {
              try {
                OutputStream out = hog.getOutputStream();
                for (int i = 0; i < 4096; i++) {
                  out.write(chunk); // 256 MiB of queries: 12 GB of 2 KB replies, were they held
                }
              } catch (IOException e) {
                // closed at the end of the test
              }
            },
            flooder);
    ReplyBacklog backlog = server.tcpReplyBacklog();
    try {
      assertThat(backlog.awaitQueuedAtLeast(TcpSession.PAUSE_READING_BYTES, WAIT))
          .as("the hog's unread replies reach the point where reading it stops")
          .isTrue();

      // Others are served while the hog's replies wait (raw sockets: dnsjava keeps its TCP
      // connections open for reuse, which would blur the connection count below).
      try (Socket other = RawDns.tcp(server.address(), 5000)) {
        RawDns.writeFrame(other.getOutputStream(), query("www.example.com", Type.A).toWire());
        Message reply = new Message(RawDns.readFrame(other.getInputStream()).orElseThrow());
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
      }
      SimpleResolver udp = new SimpleResolver(server.address());
      udp.setTimeout(Duration.ofSeconds(5));
      assertThat(udp.send(query("mail.example.com", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);

      assertThat(backlog.peakPerConnection()).isLessThanOrEqualTo(TcpSession.MAX_QUEUED_BYTES);
      assertThat(backlog.queuedBytes()).isLessThanOrEqualTo(TcpSession.MAX_QUEUED_BYTES);
      assertThat(flood).as("the server stopped reading the hog, so its writes block").isNotDone();
    } finally {
      hog.close();
      flood.join();
      flooder.shutdown();
    }
    assertThat(server.awaitTcpConnections(n -> n == 0, WAIT))
        .as("the hog's connection closed")
        .isTrue();
    assertThat(backlog.queuedBytes()).as("its replies released with it").isZero();
    assertThat(backlog.peakPerConnection()).isLessThanOrEqualTo(TcpSession.MAX_QUEUED_BYTES);
  }
}
