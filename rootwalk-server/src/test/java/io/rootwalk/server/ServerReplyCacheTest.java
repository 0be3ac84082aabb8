package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
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
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code serve}'s reply cache seen from a stub: given the demo hierarchy and a resolver and server
 * on one fake clock, when a client asks again, then the reply comes from the rendered bytes of an
 * earlier one, indistinguishable from what the full path renders except for the ID, the TTLs and
 * the client's own spelling of the name.
 */
@Timeout(30)
class ServerReplyCacheTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private final AtomicLong now = new AtomicLong(System.nanoTime());
  private final Ticker ticker = now::get;
  private final List<RecursiveServer> servers = new ArrayList<>();
  private Resolver resolver;

  @BeforeEach
  void start() {
    DnsLab dnsLab = lab.get();
    resolver = LabSetup.resolverFor(dnsLab).ticker(ticker).build();
  }

  @AfterEach
  void stop() {
    servers.forEach(RecursiveServer::close);
    resolver.close();
  }

  private RecursiveServer serve(int entries, Duration maxAge) {
    RecursiveServer server =
        RecursiveServer.start(
            resolver,
            LabSetup.anyLoopbackPort(),
            ServeOptions.of(ServerLimits.DEFAULT)
                .withTicker(ticker)
                .withReplyCache(entries, maxAge));
    servers.add(server);
    return server;
  }

  private RecursiveServer serve() {
    return serve(ServeOptions.REPLY_CACHE_ENTRIES, ServeOptions.REPLY_MAX_AGE);
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private static Message query(String name, int type, int id) throws Exception {
    Message q =
        Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    q.getHeader().setID(id);
    return q;
  }

  private static Message withEdns(Message query, int payload, int flags) {
    query.addRecord(new OPTRecord(payload, 0, 0, flags), Section.ADDITIONAL);
    return query;
  }

  private static byte[] ask(RecursiveServer server, Message query) throws Exception {
    try (java.net.DatagramSocket socket =
        new java.net.DatagramSocket(0, server.address().getAddress())) {
      RawDns.send(socket, query.toWire(), server.address());
      return RawDns.receive(socket, 5000).orElseThrow();
    }
  }

  /**
   * Asks until the reply cache holds the reply: a walk, then a resolver-cache hit that it keeps.
   */
  private static void warm(RecursiveServer server, Message query) throws Exception {
    ask(server, query);
    ask(server, query);
  }

  @Test
  void aRepeatedQueryIsAnsweredFromTheReplyCacheWithTheBytesTheFullPathRenders() throws Exception {
    RecursiveServer cached = serve();
    RecursiveServer full = serve(0, ServeOptions.REPLY_MAX_AGE);
    warm(cached, query("blog.example.com", Type.A, 1)); // a CNAME chain: compression in the answer
    int upstream = lab.get().queryCount();

    byte[] replayed = ask(cached, query("blog.example.com", Type.A, 0x4242));
    byte[] rendered = ask(full, query("blog.example.com", Type.A, 0x4242));

    assertThat(cached.replyCache().hits()).isEqualTo(1);
    assertThat(replayed).isEqualTo(rendered);
    assertThat(new Message(replayed).getSection(Section.ANSWER))
        .extracting(Record::getType)
        .containsExactly(Type.CNAME, Type.A);
    assertThat(lab.get().queryCount()).isEqualTo(upstream);
  }

  @Test
  void theFirstWalkedAnswerIsNotReplayedButTheCacheHitAfterItIs() throws Exception {
    RecursiveServer server = serve();

    ask(server, query("www.example.com", Type.A, 1));
    assertThat(server.replyCache().size()).as("a walked answer").isZero();
    ask(server, query("www.example.com", Type.A, 2));
    assertThat(server.replyCache().size()).as("a resolver-cache hit").isEqualTo(1);
    ask(server, query("www.example.com", Type.A, 3));

    assertThat(server.replyCache().hits()).isEqualTo(1);
  }

  @Test
  void ttlsCountDownWithTheInjectedClock() throws Exception {
    RecursiveServer server = serve(100, Duration.ofSeconds(30));
    warm(server, query("www.example.com", Type.A, 1));
    long ttl =
        new Message(ask(server, query("www.example.com", Type.A, 2)))
            .getSection(Section.ANSWER)
            .get(0)
            .getTTL();

    advance(Duration.ofMillis(7_500));
    Message later = new Message(ask(server, query("www.example.com", Type.A, 3)));

    assertThat(server.replyCache().hits()).isEqualTo(2);
    assertThat(later.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(ttl - 7);
  }

  @Test
  void pastTheBoundTheResolversCacheDecidesAgainSoAFlushReachesClients() throws Exception {
    RecursiveServer server = serve();
    warm(server, query("www.example.com", Type.A, 1));
    resolver.flush("example.com");
    int upstream = lab.get().queryCount();

    ask(server, query("www.example.com", Type.A, 2));
    assertThat(lab.get().queryCount()).as("within the bound: replayed").isEqualTo(upstream);
    assertThat(server.replyCache().hits()).isEqualTo(1);

    advance(ServeOptions.REPLY_MAX_AGE);
    Message after = new Message(ask(server, query("www.example.com", Type.A, 3)));

    assertThat(server.replyCache().hits()).isEqualTo(1);
    assertThat(lab.get().queryCount()).as("past the bound: walked again").isGreaterThan(upstream);
    assertThat(after.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");
  }

  @Test
  void aMixedCaseQueryGetsItsOwnCaseBack() throws Exception {
    RecursiveServer server = serve();
    warm(server, query("www.example.com", Type.A, 1));

    Message reply = new Message(ask(server, query("wWw.ExAmPlE.cOm", Type.A, 2)));

    assertThat(server.replyCache().hits()).isEqualTo(1);
    assertThat(reply.getQuestion().getName().toString()).isEqualTo("wWw.ExAmPlE.cOm.");
    assertThat(reply.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");
  }

  @Test
  void ednsAndPlainClientsEachGetTheirOwnShape() throws Exception {
    RecursiveServer server = serve();
    warm(server, query("www.example.com", Type.A, 1));
    warm(server, withEdns(query("www.example.com", Type.A, 1), 4096, ExtendedFlags.DO));
    warm(server, withEdns(query("www.example.com", Type.A, 1), 1232, 0));
    long before = server.replyCache().hits();

    Message plain = new Message(ask(server, query("www.example.com", Type.A, 2)));
    Message dnssecOk =
        new Message(
            ask(server, withEdns(query("www.example.com", Type.A, 3), 4096, ExtendedFlags.DO)));
    Message edns = new Message(ask(server, withEdns(query("www.example.com", Type.A, 4), 1232, 0)));

    assertThat(server.replyCache().hits() - before).isEqualTo(3);
    assertThat(plain.getOPT()).isNull();
    assertThat(dnssecOk.getOPT().getPayloadSize()).isEqualTo(Responses.EDNS_PAYLOAD);
    assertThat(dnssecOk.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    assertThat(edns.getOPT().getFlags() & ExtendedFlags.DO).isZero();
  }

  @Test
  void aReplyOver512IsStillTruncatedForAPlainClientAndWholeForAnEdnsOne() throws Exception {
    RecursiveServer server = serve();
    // big.example.net holds 9 TXT records, about 900 bytes.
    warm(server, withEdns(query("big.example.net", Type.TXT, 1), 1232, 0));
    warm(server, query("big.example.net", Type.TXT, 1));

    Message whole =
        new Message(ask(server, withEdns(query("big.example.net", Type.TXT, 2), 1232, 0)));
    byte[] truncated = ask(server, query("big.example.net", Type.TXT, 3));

    assertThat(whole.getSection(Section.ANSWER)).hasSize(9);
    assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(truncated.length).isLessThanOrEqualTo(512);
    assertThat(new Message(truncated).getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(server.replyCache().hits()).as("only the EDNS client's").isEqualTo(1);
  }

  @Test
  void negativeAnswersAreReplayedAndServfailNever() throws Exception {
    RecursiveServer server = serve();
    for (int i = 0; i < 3; i++) {
      ask(server, query("nope.example.com", Type.A, i)); // NXDOMAIN
      ask(server, query("www.example.com", Type.AAAA, i)); // NODATA
      ask(server, query("www.broken.com", Type.A, i)); // SERVFAIL, missing glue
    }

    assertThat(server.replyCache().hits()).as("the third NXDOMAIN and NODATA").isEqualTo(2);
    Message nx = new Message(ask(server, query("nope.example.com", Type.A, 9)));
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    Message servfail = new Message(ask(server, query("www.broken.com", Type.A, 9)));
    assertThat(servfail.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(server.replyCache().hits()).isEqualTo(3);
  }

  @Test
  void tcpClientsAreAnsweredFromTheSameReplies() throws Exception {
    RecursiveServer server = serve();
    warm(server, query("www.example.com", Type.A, 1));

    try (java.net.Socket tcp = RawDns.tcp(server.address(), 5000)) {
      RawDns.writeFrame(tcp.getOutputStream(), query("WWW.example.com", Type.A, 0x7777).toWire());
      Message reply = new Message(RawDns.readFrame(tcp.getInputStream()).orElseThrow());

      assertThat(reply.getHeader().getID()).isEqualTo(0x7777);
      assertThat(reply.getQuestion().getName().toString()).isEqualTo("WWW.example.com.");
    }
    assertThat(server.replyCache().hits()).isEqualTo(1);
  }
}
