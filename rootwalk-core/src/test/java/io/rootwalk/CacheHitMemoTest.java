package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.CACHED_ANSWER;
import static io.rootwalk.StepKind.CACHED_NEGATIVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.Rank;
import io.rootwalk.testing.DemoWorld;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Cache hits share one resolution within a second of TTL: identical hits get the same immutable
 * object, and nothing stored, flushed or expired since is ever hidden by it.
 */
class CacheHitMemoTest {

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(b -> b.ticker(ticker).executor(Runnable::run));

  @Test
  void identicalHitsWithinASecondShareOneResolutionWhoseTraceSaysCacheHit() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);

    Resolution first = r.lookup("www.example.com", Type.A);
    ticker.advance(Duration.ofMillis(900));
    Resolution second = r.lookup("www.example.com.", Type.A);

    assertThat(second).isSameAs(first);
    assertThat(second).isNoError().hasStepKinds(CACHED_ANSWER).sentUpstreamQueries(0);
    assertThat(second.trace().elapsed())
        .as("shared by every hit, so no one caller's duration")
        .isZero();
  }

  @Test
  void theNextSecondOfTtlGetsAFreshResolution() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    Resolution before = r.lookup("www.example.com", Type.A);

    ticker.advance(Duration.ofSeconds(1));
    Resolution after = r.lookup("www.example.com", Type.A);

    assertThat(after).isNotSameAs(before);
    assertThat(after.answers()).extracting(Record::getTTL).containsExactly(86_399L);
  }

  @Test
  void hitsAnsweredFromTheMemoAreCountedAsHits() {
    Resolver r = lab.resolver();
    r.lookup("blog.example.com", Type.A);
    long before = r.cacheStatistics().answerHits();

    r.lookup("blog.example.com", Type.A);
    r.lookup("blog.example.com", Type.A);

    assertThat(r.cacheStatistics().answerHits() - before)
        .as("two hits, each reading the CNAME and its target")
        .isEqualTo(4);
  }

  @Test
  void aDerivedResolverWithAShorterAliasLimitDoesNotTakeALongerMemoisedChain() {
    Resolver r = lab.resolver();
    r.lookup("blog.example.com", Type.A);
    assertThat(r.lookup("blog.example.com", Type.A)).isNoError();

    try (Resolver strict = r.newBuilder().limits(Limits.DEFAULT.withMaxAliasHops(0)).build()) {
      Resolution refused = strict.lookup("blog.example.com", Type.A);

      assertThat(refused).isServFail(FailureReason.LIMIT_EXCEEDED).sentUpstreamQueries(0);
    }
  }

  @Test
  void aFlushedNameIsResolvedAgainAtOnce() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    r.lookup("www.example.com", Type.A);

    r.flushName("www.example.com");

    assertThat(r.lookup("www.example.com", Type.A)).isNoError().sentUpstreamQueries(1);
  }

  @Test
  void anRRsetStoredAgainReplacesTheMemoisedAnswerAtOnce() throws Exception {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    r.lookup("www.example.com", Type.A);

    Name www = Name.fromString("www.example.com.");
    RRset renumbered =
        new RRset(new ARecord(www, DClass.IN, 600, InetAddress.getByName("192.0.2.99")));
    ResolverInternals.cache(r)
        .storeAnswer(
            Name.fromString("example.com."), List.of(renumbered), www, Rank.AUTHORITATIVE_ANSWER);

    assertThat(r.lookup("www.example.com", Type.A))
        .hasAddresses("192.0.2.99")
        .sentUpstreamQueries(0);
  }

  @Test
  void aNegativeAnswerStoredAfterAnAliasHitIsSeenAsBeforeMemoisation() throws Exception {
    Resolver r = lab.resolver();
    r.lookup("blog.example.com", Type.A);
    assertThat(r.lookup("blog.example.com", Type.A)).isNoError();

    // The cache reads negative answers before CNAMEs; a memo of the alias must not hide one.
    Name blog = Name.fromString("blog.example.com.");
    Name zone = Name.fromString("example.com.");
    SOARecord soa = new SOARecord(zone, DClass.IN, 300, zone, zone, 1, 3600, 600, 86400, 300);
    ResolverInternals.cache(r)
        .storeNegative(NegativeAnswer.Kind.NODATA, blog, Type.A, Optional.of(soa), List.of());

    assertThat(r.lookup("blog.example.com", Type.A))
        .isNoData()
        .hasStepKinds(CACHED_NEGATIVE)
        .sentUpstreamQueries(0);
  }

  @Test
  void anotherSpellingOfTheSameNameGetsItsOwnSpellingBack() {
    Resolver r = lab.resolver();
    r.lookup("www.example.com", Type.A);
    r.lookup("www.example.com", Type.A);

    Resolution shouted = r.lookup("WWW.Example.COM", Type.A);

    assertThat(shouted).isNoError().sentUpstreamQueries(0);
    assertThat(shouted.question().name().toString()).isEqualTo("WWW.Example.COM.");
    assertThat(shouted.canonicalName().toString()).isEqualTo("WWW.Example.COM.");
    assertThat(r.lookup("www.example.com", Type.A).question().name().toString())
        .isEqualTo("www.example.com.");
  }

  @Test
  void aCachedOnlyLookupAndAClientLookupAgree() {
    Resolver r = lab.resolver();
    r.lookup("nope.example.com", Type.A);

    Resolution viaLookup = r.lookup("nope.example.com", Type.A);
    Optional<Resolution> viaCached = r.lookupCached(Question.of("nope.example.com", Type.A));

    assertThat(viaLookup).isNxDomain().hasStepKinds(CACHED_NEGATIVE);
    assertThat(viaCached).containsSame(viaLookup);
  }
}
