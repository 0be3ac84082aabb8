package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CHASE;
import static io.rootwalk.StepKind.CNAME;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.NODATA;
import static io.rootwalk.StepKind.NXDOMAIN;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The scenarios of seed 003 ("Zones and Delegation") walked against the demo hierarchy: given
 * the root, com./net./org., example.com with its delegated api.example.com, when a name is looked
 * up from a cold cache, then these steps and this answer.
 */
class SeedHierarchyScenariosTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;

  @BeforeEach
  void startResolver() {
    resolver = LabResolvers.builderFor(lab.get()).build();
  }

  @AfterEach
  void closeResolver() {
    resolver.close();
  }

  @Test
  void wwwExampleComFromColdWalksRootThenComThenExampleComUsingGlue() {
    Resolution r = resolver.lookup("www.example.com", Type.A);

    assertThat(r).isNoError()
        .hasAddresses("93.184.216.34")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
        .sentUpstreamQueries(4);
    List<TraceStep.Exchange> steps = r.trace().exchanges();
    assertThat(steps.get(0).server().provenance()).isEqualTo(Provenance.ROOT_HINT);
    assertThat(steps.get(1).zoneCut()).isEqualTo(Name.root);
    assertThat(steps.get(1).server().provenance()).isEqualTo(Provenance.PRIMING);
    Outcome.Referral toCom = (Outcome.Referral) steps.get(1).outcome();
    assertThat(toCom.child()).hasToString("com.");
    assertThat(toCom.glue()).extracting(Glue::kind).containsOnly(Provenance.SIBLING_GLUE);
    Outcome.Referral toExample = (Outcome.Referral) steps.get(2).outcome();
    assertThat(toExample.child()).hasToString("example.com.");
    assertThat(toExample.nameServers()).extracting(Name::toString)
        .containsExactly("ns1.example.com.", "ns2.example.com.");
    assertThat(toExample.glue()).extracting(Glue::kind).containsOnly(Provenance.IN_DOMAIN_GLUE);
    assertThat(toExample.glueMissing()).isEmpty();
    TraceStep.Exchange answer = steps.get(3);
    assertThat(answer.zoneCut()).hasToString("example.com.");
    assertThat(answer.server().name()).hasToString("ns1.example.com.");
    assertThat(answer.server().provenance()).isEqualTo(Provenance.IN_DOMAIN_GLUE);
    assertThat(r.trace().zoneCuts()).extracting(Name::toString).containsExactly(".", "com.", "example.com.");
  }

  @Test
  void v2ApiExampleComFollowsTheDelegatedChildWithInDomainGlue() {
    Resolution r = resolver.lookup("v2.api.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.20")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, REFERRAL, ANSWER);
    Outcome.Referral toApi = (Outcome.Referral) r.trace().exchanges().get(3).outcome();
    assertThat(toApi.child()).hasToString("api.example.com.");
    assertThat(toApi.glue()).extracting(g -> g.address().getHostAddress())
        .containsExactlyInAnyOrder("127.53.11.1", "127.53.11.2");
    assertThat(r.trace().exchanges().get(4).server().name()).hasToString("ns1.api.example.com.");
  }

  @Test
  void shopComsOutOfBailiwickNameServerIsChasedInANestedResolution() {
    Resolution r = resolver.lookup("www.shop.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.80")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER);
    Outcome.Referral toShop = (Outcome.Referral) r.trace().exchanges().get(2).outcome();
    assertThat(toShop.glue()).as("com. may not vouch for net. names").isEmpty();
    TraceStep.Chase chase = (TraceStep.Chase) r.trace().steps().get(3);
    assertThat(chase.nameServer()).hasToString("ns1.dnshost.net.");
    assertThat(chase.zoneCut()).hasToString("shop.com.");
    assertThat(chase.addresses()).extracting(a -> a.getHostAddress()).containsExactly("127.53.13.1");
    assertThat(chase.trace().steps()).extracting(TraceStep::kind)
        .as("the chase starts at the cached root: net. is not known yet")
        .containsExactly(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
    TraceStep.Exchange last = r.trace().exchanges().get(3);
    assertThat(last.server().provenance()).isEqualTo(Provenance.CHASED);
    assertThat(r.trace().upstreamQueries()).as("outer 4 + nested 3").isEqualTo(7);
  }

  @Test
  void blogCnameIntoTumblrIsFollowedAcrossZones() {
    Resolution r = resolver.lookup("blog.example.com", Type.A);

    assertThat(r).isNoError()
        .hasAnswers("blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, ANSWER);
    assertThat(r.canonicalName()).hasToString("example.tumblr.com.");
    assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.30");
  }

  @Test
  void nonexistentNameIsNxdomainWithTheZonesSoa() {
    Resolution r = resolver.lookup("nope.example.com", Type.A);

    assertThat(r).isNxDomain().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NXDOMAIN);
    assertThat(r.rcodeName()).isEqualTo("NXDOMAIN");
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.com.");
    assertThat(r.answers()).isEmpty();
  }

  @Test
  void existingNameWithoutTheTypeIsNodataWithTheZonesSoa() {
    Resolution r = resolver.lookup("www.example.com", Type.MX);

    assertThat(r).isNoData().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA);
    assertThat(r.rcodeName()).isEqualTo("NOERROR");
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.com.");
  }

  @Test
  void missingGlueEndsInServfailNamingTheNameServerWithoutGlue() {
    Resolution r = resolver.lookup("www.broken.com", Type.A);

    assertThat(r).isServFail(FailureReason.MISSING_GLUE).hasStepKinds(PRIMING, REFERRAL, REFERRAL);
    assertThat(r.failure().orElseThrow().detail()).contains("ns1.broken.com.").contains("com.");
    Outcome.Referral toBroken = (Outcome.Referral) r.trace().exchanges().get(2).outcome();
    assertThat(toBroken.glueMissing()).extracting(Name::toString).containsExactly("ns1.broken.com.");
  }

  @Test
  void aLameServerBesideAGoodOneIsSkippedAndShowsInTheTrace() {
    // ns2.lame.com. does not serve lame.com. and REFUSES; make it the first one asked.
    lab.get().server(DemoWorld.NS1_LAME).fault(io.rootwalk.testing.Fault.delay(Duration.ofMillis(1)));
    Resolution first = resolver.lookup("www.lame.com", Type.A);
    assertThat(first).isNoError().hasAddresses("192.0.2.90");

    resolver.flushAll();
    Resolution r = resolver.newBuilder().build().lookup("www.lame.com", Type.A);
    assertThat(r).isNoError().hasAddresses("192.0.2.90");
    assertThat(r.trace().steps()).extracting(TraceStep::kind).containsSubsequence(REFERRAL, ANSWER);
  }

  @Test
  void allServersLameEndsInServfailListingEachWithinTheDeadline() {
    long start = System.nanoTime();
    Resolution r = resolver.lookup("www.dead.com", Type.A);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r).isServFail(FailureReason.ALL_SERVERS_LAME).hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, LAME);
    assertThat(r.failure().orElseThrow().detail())
        .contains("127.53.15.1").contains("127.53.15.2").contains("REFUSED");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aSecondIdenticalLookupIsAnsweredFromCacheWithoutAnyQuery() {
    resolver.lookup("www.example.com", Type.A);
    int before = lab.get().queryCount();

    Resolution again = resolver.lookup("www.example.com", Type.A);

    assertThat(again).isNoError().hasAddresses("93.184.216.34").hasStepKinds(CACHED_ANSWER).sentUpstreamQueries(0);
    assertThat(lab.get().queryCount()).isEqualTo(before);
  }

  @Test
  void anotherNameInAKnownZoneCostsExactlyOneQuery() {
    resolver.lookup("www.example.com", Type.A);
    int before = lab.get().queryCount();

    Resolution mail = resolver.lookup("mail.example.com", Type.A);

    assertThat(mail).isNoError().hasAddresses("93.184.216.50").hasStepKinds(CACHED_DELEGATION, ANSWER)
        .sentUpstreamQueries(1);
    assertThat(lab.get().queryCount() - before).isEqualTo(1);
  }
}
