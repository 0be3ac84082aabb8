package io.rootwalk.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FakeTicker;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/** RFC 2181 section 5.4.1 in the RRset cache: rank decides, live data of a higher rank stands. */
class TrustRankingTest {

  private final FakeTicker ticker = new FakeTicker();
  private final RRsetCache cache = new RRsetCache(CachePolicy.DEFAULT, ticker, Runnable::run);
  private final Name www = name("www.example.com.");

  @Test
  void lowerRankedDataNeverReplacesLiveHigherRankedData() {
    assertThat(cache.put(a("192.0.2.1", 300), Rank.AUTHORITATIVE_ANSWER)).isTrue();

    assertThat(cache.put(a("6.6.6.6", 300), Rank.ADDITIONAL)).isFalse();
    assertThat(cache.put(a("6.6.6.6", 300), Rank.ANSWER)).isFalse();

    assertThat(address()).isEqualTo("192.0.2.1");
  }

  @Test
  void equalOrHigherRankReplacesAndExpiredDataOfAnyRankIsReplaced() {
    cache.put(a("192.0.2.1", 300), Rank.ANSWER);
    assertThat(cache.put(a("192.0.2.2", 300), Rank.AUTHORITATIVE_ANSWER)).isTrue();
    assertThat(cache.put(a("192.0.2.3", 300), Rank.AUTHORITATIVE_ANSWER)).isTrue();
    assertThat(address()).isEqualTo("192.0.2.3");

    ticker.advance(Duration.ofSeconds(301));
    assertThat(cache.put(a("192.0.2.4", 300), Rank.ANSWER)).isTrue();
    assertThat(address()).isEqualTo("192.0.2.4");
  }

  @Test
  void additionalDataIsNeverAnswerable() {
    cache.put(a("192.0.2.1", 300), Rank.ADDITIONAL);

    assertThat(cache.get(www, Type.A)).isEmpty();
  }

  @Test
  void ttlZeroIsUsedOnceAndNeverCached() {
    assertThat(cache.put(a("192.0.2.1", 0), Rank.AUTHORITATIVE_ANSWER)).isFalse();
    assertThat(cache.get(www, Type.A)).isEmpty();
  }

  private String address() {
    return ((ARecord) cache.get(www, Type.A).orElseThrow().rrset().first())
        .getAddress()
        .getHostAddress();
  }

  private RRset a(String address, long ttl) {
    try {
      return new RRset(new ARecord(www, DClass.IN, ttl, InetAddress.getByName(address)));
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aServerThatRejectedEdnsIsAskedWithEdnsAgainAfterAWhile() throws Exception {
    InfraCache infra = new InfraCache(100, ticker, Runnable::run);
    InetAddress server = InetAddress.getByName("127.53.10.1");
    infra.recordNoEdns(server);
    assertThat(infra.noEdns(server)).isTrue();

    infra.recordRtt(server, Duration.ofMillis(2));
    ticker.advance(InfraCache.NO_EDNS_TTL.plusSeconds(1));
    assertThat(infra.noEdns(server))
        .as("an upgraded server, or a forged FORMERR, costs EDNS only for a while")
        .isFalse();
  }
}
