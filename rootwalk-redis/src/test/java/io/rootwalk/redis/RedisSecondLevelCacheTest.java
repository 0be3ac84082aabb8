package io.rootwalk.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.Rank;
import io.rootwalk.secondlevel.EntryCodec;
import io.rootwalk.secondlevel.StoredEntry;
import io.rootwalk.spi.SecondLevelCache;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.RedisServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Given the demo hierarchy and a real redis-server that a fleet of resolvers shares, when one
 * resolver walks a name, then the others find it in Redis: no upstream query, the ranks, TTLs and
 * provenance it was stored with, and nothing that was tampered with on the way.
 */
class RedisSecondLevelCacheTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private static final String WWW_SHOP_A = "rootwalk:v1/a/www.shop.com./A";

  private RedisServer redis;
  private RedisClient rawClient;
  private RedisCommands<String, byte[]> raw;
  private final List<Resolver> resolvers = new ArrayList<>();
  private final AtomicLong ticks = new AtomicLong();

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
    rawClient = RedisClient.create(redis.uri());
    StatefulRedisConnection<String, byte[]> c =
        rawClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    raw = c.sync();
  }

  @AfterEach
  void stop() throws Exception {
    resolvers.forEach(Resolver::close);
    rawClient.shutdown();
    redis.close();
  }

  /** One instance of the fleet: its own cache and connection, the shared Redis behind them. */
  private Resolver instance(WriteTracking store) {
    DnsLab dns = lab.get();
    Resolver r =
        Resolver.builder()
            .rootHints(
                RootHints.fromFile(dns.rootHintsFile())) // loopback only, never the real root
            .upstreamPort(dns.port())
            .queryTimeout(Duration.ofMillis(400))
            .deadline(Duration.ofSeconds(5))
            .ticker(ticks::get)
            .secondLevelCache(store)
            .build();
    resolvers.add(r);
    return r;
  }

  private WriteTracking store() {
    return new WriteTracking(RedisSecondLevelCache.builder(redis.uri()).build());
  }

  private static List<StepKind> kinds(Resolution r) {
    return r.trace().steps().stream().map(TraceStep::kind).toList();
  }

  /** What another instance wrote for www.shop.com before it stopped. */
  private void walkedByAnotherInstance() throws Exception {
    WriteTracking a = store();
    Resolver first = instance(a);
    Resolution walked = first.lookup("www.shop.com", Type.A);
    assertThat(walked.status()).isEqualTo(Status.NOERROR);
    assertThat(walked.trace().upstreamQueries()).isGreaterThan(3);
    first.close(); // writes what is queued, and waits for the writes in flight
    a.awaitWrites(); // and none of them failed
  }

  @Test
  void aSecondInstanceAnswersWhatTheFirstWalkedWithoutAQuery() throws Exception {
    walkedByAnotherInstance();
    int queriesBefore = lab.get().queryCount();

    Resolution second = instance(store()).lookup("www.shop.com", Type.A);

    assertThat(second.status()).isEqualTo(Status.NOERROR);
    assertThat(second.addresses()).containsExactly(InetAddress.getByName("192.0.2.80"));
    assertThat(second.trace().upstreamQueries()).isZero();
    assertThat(lab.get().queryCount()).isEqualTo(queriesBefore);
    assertThat(kinds(second)).containsExactly(StepKind.SECOND_LEVEL_HIT, StepKind.CACHED_ANSWER);
    assertThat(second.trace().secondLevelReads().get(0).loaded())
        .anySatisfy(s -> assertThat(s).startsWith("A www.shop.com. (authoritative answer, "));
  }

  @Test
  void aSecondInstanceStartsAnotherNameOfTheZoneAtTheSharedZoneCut() throws Exception {
    walkedByAnotherInstance();

    Resolution mx = instance(store()).lookup("shop.com", Type.MX);

    assertThat(mx.status()).isEqualTo(Status.NODATA);
    // The cut and the chased addresses of its servers came from Redis: nothing above is asked.
    assertThat(mx.trace().exchanges())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.zoneCut()).isEqualTo(Name.fromString("shop.com.")));
    assertThat(mx.trace().secondLevelReads().get(0).loaded())
        .anySatisfy(s -> assertThat(s).startsWith("delegation shop.com. (2 NS, "));
  }

  @Test
  void entriesExpireInRedisWithTheTtlTheirOwnCacheGaveThem() throws Exception {
    walkedByAnotherInstance();

    // www.shop.com has TTL 3600 in the zone; the key lives as long, give or take the test's run.
    assertThat(raw.pttl(WWW_SHOP_A)).isBetween(3_500_000L, 3_600_000L);
    // A cut lives as long as its shortest part: com.'s NS and glue (172800 s) clamped to the
    // resolver's maximum of a day; shop.com.'s NS TTL is 172800 too, but the addresses chased for
    // its servers have 3600.
    assertThat(raw.pttl("rootwalk:v1/d/com.")).isBetween(86_300_000L, 86_400_000L);
    assertThat(raw.pttl("rootwalk:v1/d/shop.com.")).isBetween(3_500_000L, 3_600_000L);
  }

  @Test
  void whatRedisHasLeftIsTheTtlAnotherInstanceAnswersWith() throws Exception {
    walkedByAnotherInstance();
    raw.pexpire(WWW_SHOP_A, 5_000); // as if written an hour ago

    Resolution second = instance(store()).lookup("www.shop.com", Type.A);

    assertThat(second.answers())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getTTL()).isLessThanOrEqualTo(5));
    assertThat(second.trace().upstreamQueries()).isZero();
  }

  @Test
  void weakerDataNeverReplacesStrongerDataInRedis() throws Exception {
    walkedByAnotherInstance();
    byte[] authoritative = raw.get(WWW_SHOP_A);
    assertThat((int) authoritative[0]).isEqualTo(Rank.AUTHORITATIVE_ANSWER.ordinal());

    // A resolver that got the same name from a non-authoritative answer writes it at rank ANSWER.
    SecondLevelCache writer = RedisSecondLevelCache.builder(redis.uri()).build();
    try {
      writer
          .write(List.of(put("www.shop.com.", "com.", "192.0.2.66", Rank.ANSWER)))
          .toCompletableFuture()
          .get();
      assertThat(raw.get(WWW_SHOP_A)).isEqualTo(authoritative);

      // Equal rank replaces: the newer copy is the fresher one.
      writer
          .write(
              List.of(put("www.shop.com.", "shop.com.", "192.0.2.99", Rank.AUTHORITATIVE_ANSWER)))
          .toCompletableFuture()
          .get();
    } finally {
      writer.close();
    }
    Resolution second = instance(store()).lookup("www.shop.com", Type.A);
    assertThat(second.addresses()).containsExactly(InetAddress.getByName("192.0.2.99"));
  }

  @Test
  void aRedisThatDiesMidRunCostsOneTimeoutAndNoLookup() throws Exception {
    walkedByAnotherInstance();
    Resolver b = instance(store());
    assertThat(b.lookup("www.shop.com", Type.A).trace().upstreamQueries()).isZero();

    redis.kill();

    Resolution walked = b.lookup("www.example.com", Type.A);
    assertThat(walked.status()).isEqualTo(Status.NOERROR);
    assertThat(walked.addresses())
        .containsExactly(InetAddress.getByName(DemoWorld.EXAMPLE_COM_ADDRESS));
    assertThat(walked.trace().secondLevelReads().get(0).result())
        .isEqualTo(TraceStep.SecondLevelRead.Result.UNAVAILABLE);

    // Until the back-off has passed (on the resolver's ticker), the dead store is not even asked.
    Resolution next = b.lookup("shop.com", Type.A);
    assertThat(next.status()).isEqualTo(Status.NOERROR);
    assertThat(next.trace().secondLevelReads().get(0).detail()).startsWith("not asked: it failed");
  }

  @Test
  void aRedisThatIsNeverThereLeavesEveryLookupToTheWalk() throws Exception {
    redis.kill();
    Resolver lonely = instance(store());

    Resolution r = lonely.lookup("www.shop.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.trace().secondLevelReads().get(0).result())
        .isEqualTo(TraceStep.SecondLevelRead.Result.UNAVAILABLE);
  }

  @Test
  void aRedisThatHangsCostsTheSecondLevelTimeout() throws Exception {
    walkedByAnotherInstance();
    raw.clientPause(10_000); // every client's commands wait ten seconds, ours included

    Resolution r = instance(store()).lookup("www.shop.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.trace().secondLevelReads().get(0).detail()).contains("no answer within 100 ms");
    assertThat(r.trace().upstreamQueries()).isPositive();
  }

  static SecondLevelCache.Put put(String owner, String zone, String address, Rank rank)
      throws Exception {
    Name name = Name.fromString(owner);
    RRset rrset = new RRset(new ARecord(name, DClass.IN, 3600, InetAddress.getByName(address)));
    byte[] value = EntryCodec.encode(new StoredEntry.Answer(Name.fromString(zone), rrset, rank));
    return new SecondLevelCache.Put(
        "v1/a/" + owner.toLowerCase(java.util.Locale.ROOT) + "/A",
        rank.ordinal(),
        value,
        3_600_000);
  }

  static Record a(String owner, long ttl, String address) throws Exception {
    return new ARecord(Name.fromString(owner), DClass.IN, ttl, InetAddress.getByName(address));
  }
}
