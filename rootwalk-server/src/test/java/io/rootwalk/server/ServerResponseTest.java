package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.time.Duration;
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
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** What a stub sees in each response: header bits, sections, TTLs, EDNS. Time is a fake ticker. */
@Timeout(30)
class ServerResponseTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private final AtomicLong now = new AtomicLong(System.nanoTime());
  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    DnsLab dnsLab = lab.get();
    Ticker ticker = now::get;
    resolver = LabSetup.resolverFor(dnsLab).ticker(ticker).build();
    // The reply cache replays a reply for up to a second: on the same clock as the resolver, so
    // that advancing time here moves both.
    server =
        RecursiveServer.start(
            resolver,
            LabSetup.anyLoopbackPort(),
            ServeOptions.of(ServerLimits.DEFAULT).withTicker(ticker));
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
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
  void ttlsCountDownOnRepeatedQueries() throws Exception {
    SimpleResolver stub = stub();
    Record first = stub.send(query("www.example.com", Type.A)).getSection(Section.ANSWER).get(0);
    advance(Duration.ofSeconds(100));
    Record again = stub.send(query("www.example.com", Type.A)).getSection(Section.ANSWER).get(0);
    advance(Duration.ofSeconds(1000));
    Record later = stub.send(query("www.example.com", Type.A)).getSection(Section.ANSWER).get(0);

    assertThat(first.getTTL()).isEqualTo(86400);
    assertThat(again.getTTL()).isEqualTo(86300);
    assertThat(later.getTTL()).isEqualTo(85300);

    stub.send(
        query("nope.example.com", Type.A)); // walked: the SOA TTL as served (see the note below)
    Record soa = stub.send(query("nope.example.com", Type.A)).getSection(Section.AUTHORITY).get(0);
    advance(Duration.ofSeconds(60));
    Record soaLater =
        stub.send(query("nope.example.com", Type.A)).getSection(Section.AUTHORITY).get(0);
    // Cached negative answers count down from the negative TTL (capped by the resolver at 1 h).
    // Note: the first, walked answer carries the SOA's own TTL (86400 here) rather than that capped
    // negative TTL; that comes from rootwalk-core's Resolution.authority() and is reported there.
    assertThat(soa.getTTL()).isLessThanOrEqualTo(3600);
    assertThat(soaLater.getTTL()).isEqualTo(soa.getTTL() - 60);
  }

  @Test
  void aCnameChainComesFirstAndInOrderThenTheTargetRrset() throws Exception {
    Message response = stub().send(query("blog.example.com", Type.A));

    List<Record> answers = response.getSection(Section.ANSWER);
    assertThat(answers).extracting(Record::getType).containsExactly(Type.CNAME, Type.A);
    assertThat(answers.get(0).getName()).isEqualTo(Name.fromString("blog.example.com."));
    assertThat(answers.get(1).getName())
        .isEqualTo(((org.xbill.DNS.CNAMERecord) answers.get(0)).getTarget());
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void negativeAnswersCarryTheSoaNodataWithNoerror() throws Exception {
    Message nxdomain = stub().send(query("nope.example.com", Type.A));
    Message nodata = stub().send(query("www.example.com", Type.AAAA));

    assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nxdomain.getSection(Section.ANSWER)).isEmpty();
    assertThat(nxdomain.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    assertThat(nodata.getSection(Section.AUTHORITY).get(0).getName())
        .isEqualTo(Name.fromString("example.com."));
  }

  @Test
  void headerEchoesIdQuestionCaseAndRdSetsRaAndNeverAa() throws Exception {
    Message query = query("WwW.eXaMpLe.CoM", Type.A);
    query.getHeader().setID(0xBEEF);
    query.getHeader().setFlag(Flags.CD);
    Message response = RawDns.udpExchange(server.address(), query.toWire(), 5000).orElseThrow();

    assertThat(response.getHeader().getID()).isEqualTo(0xBEEF);
    assertThat(response.getQuestion().getName().toString())
        .isEqualTo("WwW.eXaMpLe.CoM."); // byte for byte (0x20 clients)
    assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(response.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(response.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(response.getHeader().getFlag(Flags.CD)).isTrue();
    assertThat(response.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(response.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("93.184.216.34");

    for (String name : new String[] {"nope.example.com", "www.example.com", "blog.example.com"}) {
      Message again =
          stub().send(query(name, Type.A)); // cached and uncached, positive and negative
      assertThat(again.getHeader().getFlag(Flags.AA)).as(name).isFalse();
      assertThat(again.getHeader().getFlag(Flags.RA)).as(name).isTrue();
    }
    Message rd0 = query("www.example.com", Type.A);
    rd0.getHeader().unsetFlag(Flags.RD);
    Message cacheOnly = stub().send(rd0);
    assertThat(cacheOnly.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(cacheOnly.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(cacheOnly.getHeader().getFlag(Flags.AA)).isFalse();
  }

  @Test
  void ednsIsEchoedOnlyToEdnsClientsWithOurSizeVersionZeroAndTheirDoBit() throws Exception {
    SimpleResolver plain = stub();
    plain.setEDNS(-1);
    assertThat(plain.send(query("www.example.com", Type.A)).getOPT()).isNull();

    SimpleResolver edns = stub();
    edns.setEDNS(0, 4096, ExtendedFlags.DO, List.of());
    OPTRecord opt = edns.send(query("www.example.com", Type.A)).getOPT();
    assertThat(opt).isNotNull();
    assertThat(opt.getVersion()).isZero();
    assertThat(opt.getPayloadSize()).isEqualTo(Responses.EDNS_PAYLOAD);
    assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);

    SimpleResolver noDo = stub();
    noDo.setEDNS(0, 4096, 0, List.of());
    assertThat(noDo.send(query("www.example.com", Type.A)).getOPT().getFlags() & ExtendedFlags.DO)
        .isZero();
  }

  @Test
  void udpResponsesFitTheClientsSizeWithTcSetAndCompleteRrsetsOnly() throws Exception {
    stub().send(query("huge.example.net", Type.TXT)); // cache it (dnsjava retries over TCP)
    int[][] cases = {{-1, 512}, {0, 512}, {600, 600}, {1232, 1232}, {4096, 1232}, {65535, 1232}};
    for (int[] c : cases) {
      Message query = query("huge.example.net", Type.TXT);
      if (c[0] >= 0) {
        query.addRecord(new OPTRecord(c[0], 0, 0), Section.ADDITIONAL);
      }
      byte[] wire =
          RawDns.udpExchange(server.address(), query.toWire(), 5000)
              .map(Message::toWire)
              .orElseThrow();
      Message truncated = new Message(wire);
      assertThat(wire.length).as("EDNS size %d", c[0]).isLessThanOrEqualTo(c[1]);
      assertThat(truncated.getHeader().getFlag(Flags.TC)).as("EDNS size %d", c[0]).isTrue();
      assertThat(truncated.getQuestion().getName().toString()).isEqualTo("huge.example.net.");
      // dnsjava drops a whole RRset that does not fit: no partial RRset a stub could mistake for
      // all of it.
      assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
      assertThat(truncated.getOPT() != null)
          .as("OPT kept for EDNS size %d", c[0])
          .isEqualTo(c[0] >= 0);
    }
    Message small = query("www.example.com", Type.A);
    small.addRecord(new OPTRecord(512, 0, 0), Section.ADDITIONAL);
    Message fits = RawDns.udpExchange(server.address(), small.toWire(), 5000).orElseThrow();
    assertThat(fits.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(fits.getSection(Section.ANSWER)).hasSize(1);
  }
}
