package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CACHED_NEGATIVE;
import static io.rootwalk.StepKind.NXDOMAIN;
import static io.rootwalk.StepKind.STALE_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The cache under fake time: TTLs pass by {@code ticker.advance}, never by sleeping. The demo's
 * example.com records have TTL 86400; its SOA has TTL and MINIMUM 86400, so negative answers are
 * held for the resolver's maximum negative TTL (1 hour by default).
 */
class CacheScenariosTest {

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(b -> b.ticker(ticker).executor(Runnable::run));

  @Test
  void anAnswerIsServedFromCacheUntilItsTtlPassesAndReResolvedAfter() {
    // Above the default 1-day cap, so the delegations (172800 s) outlive the answer (86400 s).
    Resolver r = lab.resolver(b -> b.maxTtl(Duration.ofDays(7)));
    r.lookup("www.example.com", Type.A);

    ticker.advance(Duration.ofSeconds(86_399));
    Resolution stillCached = r.lookup("www.example.com", Type.A);
    assertThat(stillCached).isNoError().hasStepKinds(CACHED_ANSWER).sentUpstreamQueries(0);
    assertThat(stillCached.answers()).extracting(Record::getTTL).containsExactly(1L);

    ticker.advance(Duration.ofSeconds(2));
    Resolution refetched = r.lookup("www.example.com", Type.A);
    assertThat(refetched)
        .isNoError()
        .hasAddresses("93.184.216.34")
        .hasStepKinds(CACHED_DELEGATION, ANSWER)
        .sentUpstreamQueries(1);
    assertThat(refetched.answers()).extracting(Record::getTTL).containsExactly(86_400L);
  }

  @Test
  void remainingTtlsCountDown() {
    Resolver r = lab.resolver();
    r.lookup("blog.example.com", Type.A);

    ticker.advance(Duration.ofSeconds(100));
    Resolution hit = r.lookup("blog.example.com", Type.A);

    assertThat(hit).isNoError().sentUpstreamQueries(0);
    assertThat(hit.answers()).extracting(Record::getTTL).containsExactly(86_300L, 3_500L);
  }

  @Test
  void nxdomainIsCachedForTheNegativeTtlAndCoversNamesBelowIt() {
    Resolver r = lab.resolver();
    Resolution fresh = r.lookup("nope.example.com", Type.A);
    assertThat(fresh.soa())
        .get()
        .extracting(Record::getTTL)
        .as(
            "the negative TTL, min(SOA TTL, MINIMUM) capped at maxNegativeTtl, fresh as from the cache")
        .isEqualTo(3600L);

    ticker.advance(Duration.ofMinutes(59));
    Resolution cached = r.lookup("nope.example.com", Type.AAAA);
    assertThat(cached).isNxDomain().hasStepKinds(CACHED_NEGATIVE).sentUpstreamQueries(0);
    assertThat(cached.soa()).get().extracting(Record::getTTL).isEqualTo(60L);
    assertThat(r.lookup("deeper.nope.example.com", Type.A))
        .as("RFC 8020: nothing exists below an NXDOMAIN")
        .isNxDomain()
        .sentUpstreamQueries(0);

    ticker.advance(Duration.ofMinutes(2));
    assertThat(r.lookup("nope.example.com", Type.A))
        .isNxDomain()
        .hasStepKinds(CACHED_DELEGATION, NXDOMAIN);
  }

  @Test
  void nodataIsCachedPerNameAndType() {
    Resolver r = lab.resolver(b -> b.maxNegativeTtl(Duration.ofSeconds(30)));
    r.lookup("www.example.com", Type.MX);

    assertThat(r.lookup("www.example.com", Type.MX)).isNoData().hasStepKinds(CACHED_NEGATIVE);
    assertThat(r.lookup("www.example.com", Type.A))
        .as("NODATA for MX says nothing of A")
        .isNoError()
        .sentUpstreamQueries(1);
    ticker.advance(Duration.ofSeconds(31));
    assertThat(r.lookup("www.example.com", Type.MX)).isNoData().sentUpstreamQueries(1);
  }

  @Test
  void ttlsAreClampedToTheConfiguredMaximum() {
    Resolver r = lab.resolver(b -> b.maxTtl(Duration.ofMinutes(5)));
    r.lookup("www.example.com", Type.A);

    ticker.advance(Duration.ofMinutes(4));
    Resolution hit = r.lookup("www.example.com", Type.A);
    assertThat(hit).hasStepKinds(CACHED_ANSWER);
    assertThat(hit.answers()).extracting(Record::getTTL).containsExactly(60L);
    ticker.advance(Duration.ofMinutes(2));
    assertThat(r.lookup("www.example.com", Type.A))
        .as("the delegation expired too")
        .sentUpstreamQueries(4);
  }

  @Test
  void glueIsNeverReturnedAsAnAnswerNorOverwritesAuthoritativeData() throws Exception {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    Name ns1 = Name.fromString("ns1.example.com.");
    assertThat(ResolverInternals.cache(r).rrsets().get(ns1, Type.A))
        .as("glue is kept with the delegation only")
        .isEmpty();

    Resolution ns = r.lookup("ns1.example.com", Type.A);
    assertThat(ns)
        .isNoError()
        .hasAddresses("127.53.10.1")
        .hasStepKinds(CACHED_DELEGATION, ANSWER)
        .trace()
        .exchange(0)
        .isAuthoritativeAnswer();

    // com. now hands out different glue for ns1.example.com.: the authoritative RRset stands.
    lab.server(DemoWorld.A_GTLD).fault(Fault.mutate(m -> rewriteGlue(m, "127.53.10.99")));
    lab.server(DemoWorld.B_GTLD).fault(Fault.mutate(m -> rewriteGlue(m, "127.53.10.99")));
    r.flush("example.com");
    r.lookup("ns1.example.com", Type.A); // re-learns the delegation, with the odd glue
    Resolution again = r.lookup("ns1.example.com", Type.A);
    assertThat(again).hasStepKinds(CACHED_ANSWER).hasAddresses("127.53.10.1");
  }

  private static org.xbill.DNS.Message rewriteGlue(org.xbill.DNS.Message m, String address) {
    for (Record rec : new java.util.ArrayList<>(m.getSection(org.xbill.DNS.Section.ADDITIONAL))) {
      if (rec instanceof org.xbill.DNS.ARecord
          && rec.getName().toString().equals("ns1.example.com.")) {
        m.removeRecord(rec, org.xbill.DNS.Section.ADDITIONAL);
        try {
          m.addRecord(
              new org.xbill.DNS.ARecord(
                  rec.getName(),
                  rec.getDClass(),
                  rec.getTTL(),
                  java.net.InetAddress.getByName(address)),
              org.xbill.DNS.Section.ADDITIONAL);
        } catch (java.net.UnknownHostException e) {
          throw new AssertionError(e);
        }
      }
    }
    return m;
  }

  @Test
  void theMaximumSizeHoldsUnderAFloodOfDistinctNames() {
    Resolver r = lab.resolver(b -> b.maxCacheEntries(50));
    for (int i = 0; i < 400; i++) {
      assertThat(r.lookup("host" + i + ".wild.example.net", Type.A)).isNoError();
    }
    ResolverInternals.cache(r)
        .rrsets()
        .size(); // runs Caffeine's pending maintenance: all evictions are counted
    CacheStatistics stats = r.cacheStatistics();
    assertThat(stats.rrsets()).isLessThanOrEqualTo(50);
    assertThat(stats.evictions()).isGreaterThanOrEqualTo(350);
  }

  @Test
  void serveStaleAnswersWhenEveryServerHasGoneSilent() {
    Resolver r =
        lab.resolver(b -> b.serveStale(Duration.ofDays(1)).queryTimeout(Duration.ofMillis(200)));
    r.lookup("www.example.com", Type.A);
    ticker.advance(
        Duration.ofDays(1).plusSeconds(60)); // the answer and the delegations have expired
    lab.get().servers().forEach(s -> s.fault(Fault.drop()));

    Resolution stale = r.lookup("www.example.com", Type.A);

    assertThat(stale).isNoError().hasAddresses("93.184.216.34").trace().endsWith(STALE_ANSWER);
    assertThat(stale.answers()).extracting(Record::getTTL).containsExactly(30L);
    assertThat(r.cacheStatistics().staleAnswers()).isEqualTo(1);
  }

  @Test
  void serveStaleIsOffByDefault() {
    Resolver r = lab.resolver(b -> b.queryTimeout(Duration.ofMillis(200)));
    r.lookup("www.example.com", Type.A);
    ticker.advance(Duration.ofDays(2));
    lab.get().servers().forEach(s -> s.fault(Fault.drop()));

    assertThat(r.lookup("www.example.com", Type.A)).hasStatus(Status.SERVFAIL);
  }

  @Test
  void prefetchRefreshesAPopularEntryBeforeItExpires() {
    Resolver r = lab.resolver(b -> b.prefetch(true));
    r.lookup("www.example.com", Type.A);
    ticker.advance(Duration.ofSeconds(86_400 - 600)); // the last tenth of its TTL
    lab.get().clearQueries();

    Resolution hit = r.lookup("www.example.com", Type.A);
    assertThat(hit).hasStepKinds(CACHED_ANSWER);
    lab.get().takeQuery(Duration.ofSeconds(5)); // the background refresh reached example.com
    await(
        () ->
            ResolverInternals.cache(r)
                    .rrsets()
                    .get(name("www.example.com."), Type.A)
                    .orElseThrow()
                    .remainingTtl(ticker.read())
                == 86_400);

    ticker.advance(Duration.ofSeconds(1200)); // past the original expiry
    assertThat(r.lookup("www.example.com", Type.A))
        .hasStepKinds(CACHED_ANSWER)
        .sentUpstreamQueries(0);
    assertThat(r.cacheStatistics().prefetches()).isEqualTo(1);
  }

  @Test
  void flushingANameOrAZoneForgetsItAndStatisticsCountHitsAndMisses() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    r.lookup("mail.example.com", Type.A);
    r.lookup("www.example.com", Type.A);

    r.flushName("www.example.com");
    assertThat(r.lookup("www.example.com", Type.A)).hasStepKinds(CACHED_DELEGATION, ANSWER);
    assertThat(r.lookup("mail.example.com", Type.A)).hasStepKinds(CACHED_ANSWER);

    r.flush("example.com");
    assertThat(r.lookup("mail.example.com", Type.A))
        .as("the zone cut is forgotten too")
        .hasStepKinds(CACHED_DELEGATION, StepKind.REFERRAL, ANSWER);

    CacheStatistics stats = r.cacheStatistics();
    assertThat(stats.answerHits()).isEqualTo(2);
    assertThat(stats.misses()).isEqualTo(4);
    assertThat(stats.hitRate()).isEqualTo(2.0 / 6);
  }

  @Test
  void aCacheOnlyLookupAnswersWhatIsCachedAndNeverSendsAQuery() {
    Resolver r = lab.resolver();
    assertThat(r.lookupCached(Question.of("blog.example.com", Type.A))).isEmpty();
    r.lookup("blog.example.com", Type.A);
    r.lookup("nope.example.com", Type.A);
    int before = lab.get().queryCount();

    assertThat(r.lookupCached(Question.of("blog.example.com", Type.A)))
        .get()
        .satisfies(hit -> assertThat(hit).isNoError().hasAddresses("192.0.2.30"));
    assertThat(r.lookupCached(Question.of("nope.example.com", Type.MX)))
        .get()
        .satisfies(hit -> assertThat(hit).isNxDomain());
    assertThat(r.lookupCached(Question.of("mail.example.com", Type.A))).isEmpty();
    assertThat(lab.get().queryCount()).isEqualTo(before);
  }

  private static Name name(String s) {
    return Question.parseName(s);
  }

  /** Waits for a background effect by polling, bounded; not a sleep standing in for a TTL. */
  private static void await(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.onSpinWait();
    }
  }
}
