package io.rootwalk.server;

import static io.rootwalk.server.ResponseRateLimiter.Verdict.DROP;
import static io.rootwalk.server.ResponseRateLimiter.Verdict.PASS;
import static io.rootwalk.server.ResponseRateLimiter.Verdict.SLIP;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.server.ResponseRateLimiter.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Token buckets per prefix on a fake clock: given a rate of 5 per second and slip 2, when a prefix
 * sends more, then every other limited datagram slips (TC=1) and the rest are dropped, other
 * prefixes are untouched, and time refills the bucket.
 */
class ResponseRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = now::get;
  private final ResponseRateLimiter limiter = new ResponseRateLimiter(5, 2, 1_000, ticker);

  @Test
  void aBurstOfTheRatePassesThenEveryOtherLimitedDatagramSlips() {
    assertThat(verdicts("192.0.2.1", 11))
        .containsExactly(PASS, PASS, PASS, PASS, PASS, DROP, SLIP, DROP, SLIP, DROP, SLIP);
  }

  @Test
  void addressesInOneSlash24ShareABucketAndTheNextSlash24DoesNot() {
    verdicts("192.0.2.1", 5);
    assertThat(limiter.check(address("192.0.2.200"))).isEqualTo(DROP);
    assertThat(verdicts("192.0.3.1", 5)).containsOnly(PASS);
  }

  @Test
  void ipv6IsLimitedPerSlash56() {
    verdicts("2001:db8:0:100::1", 5);
    assertThat(limiter.check(address("2001:db8:0:1ff::2"))).as("same /56").isEqualTo(DROP);
    assertThat(limiter.check(address("2001:db8:0:200::1"))).as("next /56").isEqualTo(PASS);
    assertThat(ResponseRateLimiter.prefix(address("::")))
        .as("the families never share a bucket")
        .isNotEqualTo(ResponseRateLimiter.prefix(address("0.0.0.0")));
  }

  @Test
  void timeRefillsTheBucketAtTheRateUpToOneSecondsWorth() {
    verdicts("192.0.2.1", 7);
    advance(Duration.ofMillis(200)); // one token at 5 per second
    assertThat(verdicts("192.0.2.1", 2)).containsExactly(PASS, DROP);

    advance(Duration.ofMinutes(10)); // idle: full again, never more than a second's worth
    assertThat(verdicts("192.0.2.1", 6)).containsExactly(PASS, PASS, PASS, PASS, PASS, DROP);
  }

  @Test
  void slipZeroDropsEveryLimitedDatagramAndSlipOneTruncatesEveryOne() {
    ResponseRateLimiter dropAll = new ResponseRateLimiter(1, 0, 10, ticker);
    ResponseRateLimiter slipAll = new ResponseRateLimiter(1, 1, 10, ticker);
    InetAddress client = address("192.0.2.1");
    List<Verdict> dropped = new ArrayList<>();
    List<Verdict> slipped = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      dropped.add(dropAll.check(client));
      slipped.add(slipAll.check(client));
    }
    assertThat(dropped).containsExactly(PASS, DROP, DROP, DROP);
    assertThat(slipped).containsExactly(PASS, SLIP, SLIP, SLIP);
  }

  @Test
  void theTableOfPrefixesStaysWithinItsBound() {
    ResponseRateLimiter small = new ResponseRateLimiter(5, 2, 100, ticker);
    for (int i = 0; i < 5_000; i++) {
      small.check(address("10." + (i >> 8 & 0xff) + "." + (i & 0xff) + ".1"));
    }
    assertThat(small.trackedPrefixes()).isLessThanOrEqualTo(100);
  }

  @Test
  void offNeverLimits() {
    assertThat(ResponseRateLimiter.OFF.enabled()).isFalse();
    assertThat(ResponseRateLimiter.of(ClientLimits.DEFAULT, ticker).enabled()).isFalse();
    assertThat(ResponseRateLimiter.of(ClientLimits.DEFAULT.withRateLimit(10), ticker).enabled())
        .isTrue();
    for (int i = 0; i < 1_000; i++) {
      assertThat(ResponseRateLimiter.OFF.check(address("192.0.2.1"))).isEqualTo(PASS);
    }
  }

  @Test
  void theSlipReplyIsAnEmptyTruncatedAnswerWithTheQuestionAsAsked() throws Exception {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("WwW.Example.COM."), Type.A, DClass.IN));
    query.getHeader().setID(0x1234);
    query.getHeader().setFlag(Flags.CD);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    byte[] wire = query.toWire();

    Message reply = new Message(ResponseRateLimiter.slipReply(wire, wire.length));

    assertThat(reply.getHeader().getID()).isEqualTo(0x1234);
    assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.CD)).isTrue();
    assertThat(reply.getRcode()).isZero();
    assertThat(reply.getQuestion().getName().toString()).isEqualTo("WwW.Example.COM.");
    assertThat(reply.getSection(Section.ANSWER)).isEmpty();
    assertThat(reply.getSection(Section.ADDITIONAL)).isEmpty();
  }

  @Test
  void junkGetsNoSlipReply() {
    byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
    assertThat(ResponseRateLimiter.slipReply(junk, junk.length)).isNull();
    assertThat(ResponseRateLimiter.slipReply(new byte[3], 3)).isNull();
  }

  private List<Verdict> verdicts(String client, int n) {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      verdicts.add(limiter.check(address(client)));
    }
    return verdicts;
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
