package io.rootwalk.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.rootwalk.Provenance;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.ServerAddress;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.Rank;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.secondlevel.EntryCodec;
import io.rootwalk.secondlevel.StoredEntry;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.RedisServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Given a shared Redis into which someone wrote entries directly (a compromised instance, a
 * misconfigured tool, an attacker who reached the port), when a resolver reads them back, then
 * every entry that breaks a rule is refused, the trace says which and why, and the lookup walks to
 * the true answer. A shared cache must not be a way to poison the whole fleet at once.
 */
class RedisPoisonedEntriesTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private static final String PREFIX = "rootwalk:";
  private static final String FORGED = "203.0.113.66";

  private RedisServer redis;
  private RedisClient rawClient;
  private RedisCommands<String, byte[]> raw;
  private Resolver resolver;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    rawClient = RedisClient.create(redis.uri());
    raw = rawClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)).sync();
    DnsLab dns = lab.get();
    resolver =
        Resolver.builder()
            .rootHints(
                RootHints.fromFile(dns.rootHintsFile())) // loopback only, never the real root
            .upstreamPort(dns.port())
            .queryTimeout(Duration.ofMillis(400))
            .deadline(Duration.ofSeconds(5))
            .secondLevelCache(RedisSecondLevelCache.builder(redis.uri()).build())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    resolver.close();
    rawClient.shutdown();
    redis.close();
  }

  private void plant(String key, byte[] value) {
    raw.set(PREFIX + key, value, SetArgs.Builder.px(3_600_000));
  }

  private static byte[] answer(String owner, String zone, Rank rank, long ttl) throws Exception {
    RRset rrset =
        new RRset(
            new ARecord(Name.fromString(owner), DClass.IN, ttl, InetAddress.getByName(FORGED)));
    return EntryCodec.encode(new StoredEntry.Answer(Name.fromString(zone), rrset, rank));
  }

  /** Looks www.shop.com up: the forged address must not be the answer. */
  private Resolution lookUp() throws Exception {
    Resolution r = resolver.lookup("www.shop.com", Type.A);
    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.addresses()).containsExactly(InetAddress.getByName("192.0.2.80"));
    assertThat(r.trace().upstreamQueries()).isPositive();
    return r;
  }

  private static List<String> refused(Resolution r) {
    return r.trace().secondLevelReads().get(0).rejected();
  }

  @Test
  void glueWrittenAsAnAnswerIsRefused() throws Exception {
    plant("v1/a/www.shop.com./A", answer("www.shop.com.", "shop.com.", Rank.ADDITIONAL, 3600));

    assertThat(refused(lookUp())).singleElement().asString().contains("is not an answer");
  }

  @Test
  void anEntryFiledUnderAnotherNamesKeyIsRefused() throws Exception {
    plant(
        "v1/a/www.shop.com./A",
        answer("www.bank.com.", "bank.com.", Rank.AUTHORITATIVE_ANSWER, 3600));

    assertThat(refused(lookUp())).singleElement().asString().contains("holds www.bank.com. A");
  }

  @Test
  void anAnswerFromAZoneAboveAKnownCutIsRefused() throws Exception {
    // The resolver knows the cut shop.com from its own referral; com.'s servers cannot speak for
    // names below it, whatever rank the entry claims.
    resolver.lookup("shop.com", Type.NS);
    plant("v1/a/www.shop.com./A", answer("www.shop.com.", "com.", Rank.AUTHORITATIVE_ANSWER, 3600));

    assertThat(refused(lookUp()))
        .singleElement()
        .asString()
        .contains("com. does not serve www.shop.com.: the cut shop.com. is between");
  }

  @Test
  void bytesThatAreNotAnEntryAreRefused() throws Exception {
    byte[] garbage = "\u0004\u0001\u0001not dns at all".getBytes(StandardCharsets.ISO_8859_1);
    plant("v1/a/www.shop.com./A", garbage);

    assertThat(refused(lookUp())).singleElement().asString().contains("unreadable");
  }

  @Test
  void aKeyWithoutExpiryIsNotOneOfOursAndIsIgnored() throws Exception {
    raw.set(
        PREFIX + "v1/a/www.shop.com./A",
        answer("www.shop.com.", "shop.com.", Rank.AUTHORITATIVE_ANSWER, 3600));

    Resolution r = lookUp();

    TraceStep.SecondLevelRead read = (TraceStep.SecondLevelRead) r.trace().steps().get(0);
    assertThat(read.result()).isEqualTo(TraceStep.SecondLevelRead.Result.NOTHING);
  }

  @Test
  void aDelegationWhoseInDomainGlueLiesOutsideItsZoneIsRefused() throws Exception {
    Name shop = Name.fromString("shop.com.");
    Name evil = Name.fromString("ns.evil.net.");
    Delegation forged =
        new Delegation(
            shop,
            List.of(evil),
            List.of(
                new ServerAddress(
                    evil, InetAddress.getByName("127.66.0.1"), Provenance.IN_DOMAIN_GLUE, false)),
            86400);
    plant("v1/d/shop.com.", EntryCodec.encode(new StoredEntry.Delegated(forged)));

    assertThat(refused(lookUp()))
        .singleElement()
        .asString()
        .contains("in-domain glue for ns.evil.net., outside shop.com.");
  }

  @Test
  void aHugeTtlIsClampedToTheResolversMaximum() throws Exception {
    plant(
        "v1/a/www.example.com./A",
        answer("www.example.com.", "example.com.", Rank.AUTHORITATIVE_ANSWER, 0x7FFF_FFFFL));
    raw.pexpire(PREFIX + "v1/a/www.example.com./A", Duration.ofDays(3650).toMillis());

    Resolution r = resolver.lookup("www.example.com", Type.A);

    // Accepted (it obeys every rule: without DNSSEC nothing tells it from the truth), but for a day
    // at most, as the own cache would keep it.
    assertThat(r.answers())
        .singleElement()
        .satisfies(a -> assertThat(a.getTTL()).isLessThanOrEqualTo(86_400));
    assertThat(Optional.of(r.trace().upstreamQueries())).contains(0);
  }
}
