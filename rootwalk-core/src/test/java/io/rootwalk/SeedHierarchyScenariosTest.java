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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The scenarios of seed 003 ("Zones and Delegation") walked against the demo hierarchy: given the
 * root, com./net./org., example.com with its delegated api.example.com, when a name is looked up
 * from a cold cache, then these steps and this answer.
 */
class SeedHierarchyScenariosTest {

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

  @Test
  void wwwExampleComFromColdWalksRootThenComThenExampleComUsingGlue() {
    Resolution r = lab.lookup("www.example.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses("93.184.216.34")
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
            .sentUpstreamQueries(4)
            .trace()
            .hasZoneCuts(".", "com.", "example.com.");
    trace.exchange(0).hasProvenance(Provenance.ROOT_HINT);
    trace
        .exchange(1)
        .atZoneCut(".")
        .hasProvenance(Provenance.PRIMING)
        .isReferralTo("com.")
        .hasGlueOnlyOf(Provenance.SIBLING_GLUE);
    trace
        .exchange(2)
        .isReferralTo("example.com.")
        .hasNameServers("ns1.example.com.", "ns2.example.com.")
        .hasGlueOnlyOf(Provenance.IN_DOMAIN_GLUE)
        .hasNoGlueMissing();
    trace
        .exchange(3)
        .atZoneCut("example.com.")
        .wentTo("ns1.example.com.")
        .hasProvenance(Provenance.IN_DOMAIN_GLUE);
  }

  @Test
  void v2ApiExampleComFollowsTheDelegatedChildWithInDomainGlue() {
    Resolution r = lab.lookup("v2.api.example.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses("192.0.2.20")
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, REFERRAL, ANSWER)
            .trace();
    trace
        .exchange(3)
        .isReferralTo("api.example.com.")
        .hasGlueAddresses("127.53.11.1", "127.53.11.2");
    trace.exchange(4).wentTo("ns1.api.example.com.");
  }

  @Test
  void shopComsOutOfBailiwickNameServerIsChasedInANestedResolution() {
    Resolution r = lab.lookup("www.shop.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses("192.0.2.80")
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER)
            .trace();
    trace.exchange(2).as("com. may not vouch for net. names").hasNoGlue();
    trace
        .chase(0)
        .forNameServer("ns1.dnshost.net.")
        .atZoneCut("shop.com.")
        .found("127.53.13.1")
        .trace()
        .as("the chase starts at the cached root: net. is not known yet")
        .hasStepKinds(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
    trace.exchange(3).hasProvenance(Provenance.CHASED);
    trace.as("outer 4 + nested 3").sentUpstreamQueries(7);
  }

  @Test
  void blogCnameIntoTumblrIsFollowedAcrossZones() {
    Resolution r = lab.lookup("blog.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers(
            "blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, ANSWER);
    assertThat(r.canonicalName()).hasToString("example.tumblr.com.");
    assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.30");
  }

  @Test
  void nonexistentNameIsNxdomainWithTheZonesSoa() {
    Resolution r = lab.lookup("nope.example.com", Type.A);

    assertThat(r).isNxDomain().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NXDOMAIN);
    assertThat(r.rcodeName()).isEqualTo("NXDOMAIN");
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.com.");
    assertThat(r.answers()).isEmpty();
  }

  @Test
  void existingNameWithoutTheTypeIsNodataWithTheZonesSoa() {
    Resolution r = lab.lookup("www.example.com", Type.MX);

    assertThat(r).isNoData().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA);
    assertThat(r.rcodeName()).isEqualTo("NOERROR");
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.com.");
  }

  @Test
  void missingGlueEndsInServfailNamingTheNameServerWithoutGlue() {
    Resolution r = lab.lookup("www.broken.com", Type.A);

    assertThat(r)
        .isServFail(FailureReason.MISSING_GLUE)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL)
        .trace()
        .exchange(2)
        .hasGlueMissingFor("ns1.broken.com.");
    assertThat(r.failure().orElseThrow().detail()).contains("ns1.broken.com.").contains("com.");
  }

  @Test
  void aLameServerBesideAGoodOneIsSkippedAndShowsInTheTrace() {
    // ns2.lame.com. does not serve lame.com. and REFUSES; make it the first one asked.
    lab.server(DemoWorld.NS1_LAME).fault(io.rootwalk.testing.Fault.delay(Duration.ofMillis(1)));
    Resolution first = lab.lookup("www.lame.com", Type.A);
    assertThat(first).isNoError().hasAddresses("192.0.2.90");

    lab.resolver().flushAll();
    try (Resolver sharingTheCache = lab.resolver().newBuilder().build()) {
      Resolution r = sharingTheCache.lookup("www.lame.com", Type.A);
      assertThat(r)
          .isNoError()
          .hasAddresses("192.0.2.90")
          .trace()
          .stepKinds()
          .containsSubsequence(REFERRAL, ANSWER);
    }
  }

  @Test
  void allServersLameEndsInServfailListingEachWithinTheDeadline() {
    long start = System.nanoTime();
    Resolution r = lab.lookup("www.dead.com", Type.A);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r)
        .isServFail(FailureReason.ALL_SERVERS_LAME)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, LAME);
    assertThat(r.failure().orElseThrow().detail())
        .contains("127.53.15.1")
        .contains("127.53.15.2")
        .contains("REFUSED");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aSecondIdenticalLookupIsAnsweredFromCacheWithoutAnyQuery() {
    lab.lookup("www.example.com", Type.A);
    int before = lab.get().queryCount();

    Resolution again = lab.lookup("www.example.com", Type.A);

    assertThat(again)
        .isNoError()
        .hasAddresses("93.184.216.34")
        .hasStepKinds(CACHED_ANSWER)
        .sentUpstreamQueries(0);
    assertThat(lab.get().queryCount()).isEqualTo(before);
  }

  @Test
  void anotherNameInAKnownZoneCostsExactlyOneQuery() {
    lab.lookup("www.example.com", Type.A);
    int before = lab.get().queryCount();

    Resolution mail = lab.lookup("mail.example.com", Type.A);

    assertThat(mail)
        .isNoError()
        .hasAddresses("93.184.216.50")
        .hasStepKinds(CACHED_DELEGATION, ANSWER)
        .sentUpstreamQueries(1);
    assertThat(lab.get().queryCount() - before).isEqualTo(1);
  }
}
