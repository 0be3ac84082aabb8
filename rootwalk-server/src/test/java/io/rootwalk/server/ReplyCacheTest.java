package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The reply cache on its own, with hand-made replies and a fake clock: what it keeps, how TTLs
 * count down, and when an entry stops being used.
 */
class ReplyCacheTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private ReplyCache cache(int entries, Duration maxAge) {
    return new ReplyCache(entries, maxAge, now::get);
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private static Name name(String s) throws Exception {
    return Name.fromString(s);
  }

  private static Message query(String name, int id) throws Exception {
    Message q = Message.newQuery(Record.newRecord(name(name), Type.A, DClass.IN));
    q.getHeader().setID(id);
    return q;
  }

  /** The reply the full path would render: the question echoed, QR RD RA, these records. */
  private static byte[] reply(Message query, int rcode, Record... records) {
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.RD);
    r.getHeader().setFlag(Flags.RA);
    r.getHeader().setRcode(rcode);
    r.addRecord(query.getQuestion(), Section.QUESTION);
    for (Record record : records) {
      r.addRecord(record, record.getType() == Type.SOA ? Section.AUTHORITY : Section.ANSWER);
    }
    if (query.getOPT() != null) {
      r.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return r.toWire(65535);
  }

  private static ARecord a(String owner, long ttl, String address) throws Exception {
    return new ARecord(name(owner), DClass.IN, ttl, java.net.InetAddress.getByName(address));
  }

  private static byte[] answer(ReplyCache cache, Message query) {
    byte[] wire = query.toWire();
    return cache.answer(WireQuery.read(wire, wire.length), wire, 1232);
  }

  private static void store(ReplyCache cache, Message query, byte[] reply) {
    byte[] wire = query.toWire();
    cache.store(WireQuery.read(wire, wire.length), reply);
  }

  @Test
  void aHitIsTheStoredReplyWithTheClientsIdAndSpelling() throws Exception {
    ReplyCache cache = cache(100, Duration.ofSeconds(1));
    Message first = query("www.example.com.", 0x1111);
    byte[] stored = reply(first, Rcode.NOERROR, a("www.example.com.", 300, "192.0.2.1"));
    store(cache, first, stored);

    Message second = query("WWW.Example.COM.", 0x2222);
    Message hit = new Message(answer(cache, second));

    assertThat(hit.getHeader().getID()).isEqualTo(0x2222);
    assertThat(hit.getQuestion().getName().toString()).isEqualTo("WWW.Example.COM.");
    assertThat(hit.getSection(Section.ANSWER)).extracting(Record::getTTL).containsExactly(300L);
    byte[] expected = stored.clone();
    System.arraycopy(second.toWire(), 0, expected, 0, 2);
    System.arraycopy(second.toWire(), 12, expected, 12, 17);
    assertThat(answer(cache, second)).isEqualTo(expected);
    assertThat(cache.hits()).isEqualTo(2);
  }

  @Test
  void ttlsCountDownByWholeSecondsOfTheInjectedClock() throws Exception {
    ReplyCache cache = cache(100, Duration.ofSeconds(60));
    Message q = query("nope.example.com.", 1);
    SOARecord soa =
        new SOARecord(
            name("example.com."),
            DClass.IN,
            900,
            name("ns1.example.com."),
            name("admin.example.com."),
            1,
            7200,
            3600,
            1209600,
            900);
    store(cache, q, reply(q, Rcode.NXDOMAIN, soa));

    advance(Duration.ofMillis(2_900));
    Message later = new Message(answer(cache, q));

    assertThat(later.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(later.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(898);
    assertThat(((SOARecord) later.getSection(Section.AUTHORITY).get(0)).getMinimum())
        .as("only TTL fields change, never RDATA")
        .isEqualTo(900);
  }

  @Test
  void anEntryIsUsedUntilItsSmallestTtlRunsOutThenNoMore() throws Exception {
    ReplyCache cache = cache(100, Duration.ofSeconds(60));
    Message q = query("two.example.com.", 1);
    store(
        cache,
        q,
        reply(
            q,
            Rcode.NOERROR,
            a("two.example.com.", 3, "192.0.2.1"),
            a("two.example.com.", 30, "192.0.2.2")));

    advance(Duration.ofMillis(2_999));
    assertThat(new Message(answer(cache, q)).getSection(Section.ANSWER))
        .extracting(Record::getTTL)
        .containsExactly(1L, 28L);
    advance(Duration.ofMillis(1));
    assertThat(answer(cache, q)).isNull();
  }

  @Test
  void anEntryIsUsedAtMostTheBoundWhateverItsTtls() throws Exception {
    ReplyCache cache = cache(100, Duration.ofSeconds(1));
    Message q = query("www.example.com.", 1);
    store(cache, q, reply(q, Rcode.NOERROR, a("www.example.com.", 86400, "192.0.2.1")));

    advance(Duration.ofMillis(999));
    assertThat(answer(cache, q)).isNotNull();
    advance(Duration.ofMillis(1));
    assertThat(answer(cache, q)).isNull();
    assertThat(cache.size()).as("the expired entry is dropped when found").isZero();
  }

  @Test
  void servfailTruncatedAndZeroTtlRepliesAreNeverKept() throws Exception {
    ReplyCache cache = cache(100, Duration.ofSeconds(1));
    Message q = query("www.example.com.", 1);
    store(cache, q, reply(q, Rcode.SERVFAIL));
    byte[] truncated = reply(q, Rcode.NOERROR, a("www.example.com.", 300, "192.0.2.1"));
    truncated[2] |= 0x02;
    store(cache, q, truncated);
    store(cache, q, reply(q, Rcode.REFUSED));
    store(cache, q, reply(q, Rcode.NOERROR, a("www.example.com.", 0, "192.0.2.1")));

    assertThat(cache.size()).isZero();
    assertThat(answer(cache, q)).isNull();
  }

  @Test
  void aReplyLargerThanTheClientTakesIsNotAHit() throws Exception {
    ReplyCache cache = cache(100, Duration.ofSeconds(1));
    Message q = query("many.example.com.", 1);
    Record[] records = new Record[40];
    for (int i = 0; i < records.length; i++) {
      records[i] = a("many.example.com.", 300, "192.0.2." + (i + 1));
    }
    byte[] big = reply(q, Rcode.NOERROR, records); // 40 x 16 bytes: more than 512
    store(cache, q, big);
    byte[] wire = q.toWire();

    assertThat(cache.answer(WireQuery.read(wire, wire.length), wire, 512)).isNull();
    assertThat(cache.answer(WireQuery.read(wire, wire.length), wire, 1232)).hasSize(big.length);
  }

  @Test
  void aFullCacheStartsOverRatherThanGrowing() throws Exception {
    ReplyCache cache = cache(10, Duration.ofSeconds(1));
    for (int i = 0; i < 25; i++) {
      Message q = query("host" + i + ".example.com.", 1);
      store(cache, q, reply(q, Rcode.NOERROR, a("host" + i + ".example.com.", 300, "192.0.2.1")));
      assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
    Message last = query("host24.example.com.", 1);
    assertThat(answer(cache, last)).isNotNull();
  }

  @Test
  void turnedOffItKeepsNothing() throws Exception {
    ReplyCache cache = cache(0, Duration.ofSeconds(1));
    Message q = query("www.example.com.", 1);
    store(cache, q, reply(q, Rcode.NOERROR, a("www.example.com.", 300, "192.0.2.1")));

    assertThat(answer(cache, q)).isNull();
  }
}
