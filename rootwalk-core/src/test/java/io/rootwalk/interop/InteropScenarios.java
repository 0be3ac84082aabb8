package io.rootwalk.interop;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CHASE;
import static io.rootwalk.StepKind.CNAME;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.NODATA;
import static io.rootwalk.StepKind.NXDOMAIN;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static io.rootwalk.StepKind.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Provenance;
import io.rootwalk.QnameMinimisation;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.TraceAssert;
import io.rootwalk.TraceStep;
import io.rootwalk.spi.Protocol;
import io.rootwalk.testing.DemoWorld;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.Type;

/**
 * The scenario corpus of the fixture tests, walked against real authoritative servers. Each
 * subclass names one implementation with {@link ServedBy}; its whole world (one daemon per server
 * address) starts once for the class, and every scenario gets a fresh resolver with a cold cache.
 *
 * <p>Where implementations legitimately differ (glue they volunteer, NS order, minimal responses),
 * the scenarios assert the invariant rather than the incidental.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(InteropScenarios.ServerNamedScenarios.class)
abstract class InteropScenarios {

  /** The implementation a concrete scenario class runs against. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface ServedBy {
    Class<? extends AuthoritativeImplementation> value();
  }

  /** The scenario's display text; the generator prefixes the implementation, e.g. {@code [nsd]}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Scenario {
    String value();
  }

  private InteropWorld servers;
  private String unavailable;
  private Resolver resolver;

  /**
   * Starts the implementation's world, or records why it cannot run here. Skipping happens per
   * scenario in {@link #freshResolver()}: a class-level assumption would make surefire report
   * "Tests run: 0" without the reason, while skipped scenarios are counted and carry it.
   */
  @BeforeAll
  void startServers() {
    AuthoritativeImplementation implementation = implementationOf(getClass());
    Optional<Path> binary = implementation.findBinary();
    if (binary.isEmpty()) {
      unavailable = implementation.missingMessage();
    } else {
      try {
        servers = InteropWorld.start(implementation, binary.orElseThrow(), InteropWorlds.world());
        System.out.println("started " + servers);
      } catch (AuthoritativeImplementation.HostNotReady e) {
        unavailable = implementation.label() + " interop tests cannot run here: " + e.getMessage();
      }
    }
    if (unavailable != null) {
      System.err.println("SKIPPED: " + unavailable);
      requireOrSkip(!"true".equalsIgnoreCase(System.getenv("CI")), unavailable);
    }
  }

  @AfterAll
  void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }

  @BeforeEach
  void freshResolver() {
    requireOrSkip(unavailable == null, unavailable);
    resolver =
        Resolver.builder()
            .rootHints(servers.rootHints())
            .upstreamPort(servers.port())
            .queryTimeout(Duration.ofMillis(1000))
            .deadline(Duration.ofSeconds(8))
            .build();
  }

  @AfterEach
  void closeResolver() {
    if (resolver != null) {
      resolver.close();
    }
  }

  @Test
  @Scenario("www.example.com A walks root → com → example.com from a cold cache")
  void seedWorldFromCold() {
    Resolution r = lookup("www.example.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
            .sentUpstreamQueries(4)
            .trace()
            .hasZoneCuts(".", "com.", "example.com.");
    trace.exchange(0).hasProvenance(Provenance.ROOT_HINT);
    trace
        .exchange(1)
        .hasProvenance(Provenance.PRIMING)
        .isReferralTo("com.")
        .as("the root's glue for a/b.gtld-servers.net.")
        .hasGlueOnlyOf(Provenance.SIBLING_GLUE);
    trace
        .exchange(2)
        .isReferralTo("example.com.")
        .hasNameServersInAnyOrder("ns1.example.com.", "ns2.example.com.")
        .hasGlueOnlyOf(Provenance.IN_DOMAIN_GLUE)
        .hasNoGlueMissing();
    trace
        .exchange(3)
        .atZoneCut("example.com.")
        .hasProvenance(Provenance.IN_DOMAIN_GLUE)
        .isAuthoritativeAnswer();
  }

  @Test
  @Scenario("v2.api.example.com A follows the delegated child with in-domain glue")
  void delegatedChildWithGlue() {
    Resolution r = lookup("v2.api.example.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses("192.0.2.20")
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, REFERRAL, ANSWER)
            .trace();
    trace
        .exchange(3)
        .isReferralTo("api.example.com.")
        .hasGlueAddresses("127.53.11.1", "127.53.11.2")
        .hasGlueOnlyOf(Provenance.IN_DOMAIN_GLUE);
    trace.exchange(4).atZoneCut("api.example.com.");
  }

  @Test
  @Scenario("www.shop.com A chases its out-of-bailiwick name server in a nested resolution")
  void outOfBailiwickChase() {
    Resolution r = lookup("www.shop.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasAddresses("192.0.2.80")
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER)
            .trace();
    trace.exchange(2).as("com. may not vouch for net. names").hasNoGlue();
    trace
        .chase(0)
        .atZoneCut("shop.com.")
        .forOneOf("ns1.dnshost.net.", "ns2.dnshost.net.")
        .trace()
        .hasStepKinds(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
    trace.exchange(3).hasProvenance(Provenance.CHASED);
  }

  @Test
  @Scenario("www.sibling.com A uses the sibling glue com. gives for ns1/ns2.example.com")
  void siblingGlue() {
    Resolution r = lookup("www.sibling.com", Type.A);

    TraceAssert trace = assertThat(r).isNoError().hasAddresses("192.0.2.110").trace();
    Outcome.Referral toSibling = trace.exchange(2).isReferralTo("sibling.com.").referral();
    if (toSibling.glue().isEmpty()) {
      // A server may leave out glue that is not required (RFC 9471): then the names are chased.
      trace.hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER);
    } else {
      trace
          .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
          .exchange(2)
          .hasGlueOnlyOf(Provenance.SIBLING_GLUE);
      trace.exchange(3).hasProvenance(Provenance.SIBLING_GLUE);
    }
  }

  @Test
  @Scenario("www.chain.com A chases a glueless name server whose own zone is glueless (depth 2)")
  void gluelessChainOfDepthTwo() {
    Resolution r = lookup("www.chain.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses("192.0.2.120")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER)
        .trace()
        .chase(0)
        .forNameServer(InteropWorlds.NS1_HOP1)
        .found("127.53.18.1")
        .trace()
        .hasStepKinds(CACHED_DELEGATION, REFERRAL, REFERRAL, CHASE, ANSWER)
        .chase(0)
        .atZoneCut("hop1.net.")
        .forNameServer(InteropWorlds.NS1_HOP2)
        .found("127.53.19.1")
        .trace()
        .hasStepKinds(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("blog.example.com A follows a CNAME across zones into tumblr.com")
  void crossZoneCname() {
    Resolution r = lookup("blog.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers(
            "blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, ANSWER);
    assertThat(r.canonicalName()).hasToString("example.tumblr.com.");
  }

  @Test
  @Scenario("outside.example.net A follows a CNAME from net. into com.")
  void crossZoneCnameFromNetIntoCom() {
    Resolution r = lookup("outside.example.net", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers(
            "outside.example.net. CNAME www.example.com.",
            "www.example.com. A " + DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(
            PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("chain.example.net A gets an in-zone CNAME chain in one authoritative answer")
  void inZoneCnameChain() {
    Resolution r = lookup("chain.example.net", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers(
            "chain.example.net. CNAME alias.example.net.",
            "alias.example.net. CNAME www.example.net.",
            "www.example.net. A 192.0.2.60")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("www.org.example.net A follows the DNAME org.example.net → example.org")
  void dname() {
    Resolution r = lookup("www.org.example.net", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses("192.0.2.100")
        .hasStepKinds(
            PRIMING,
            REFERRAL,
            REFERRAL,
            NODATA,
            CNAME,
            CACHED_DELEGATION,
            REFERRAL,
            REFERRAL,
            ANSWER);
    // Changed on purpose (issue 17): QNAME minimisation is on by default (RFC 9156), so
    // example.net's
    // server is first asked org.example.net A: the DNAME's owner, which has no A (NODATA).
    assertThat(r.trace().exchanges().get(3).sent()).hasToString("org.example.net. A");
    assertThat(r.canonicalName()).hasToString("www.example.org.");
    assertThat(r.answers()).extracting(rec -> Type.string(rec.getType())).contains("DNAME", "A");
  }

  @Test
  @Scenario("x.wild.example.net A is synthesized from *.wild.example.net")
  void wildcard() {
    Resolution r = lookup("x.wild.example.net", Type.A);

    assertThat(r)
        .isNoError()
        .hasAnswers("x.wild.example.net. A 192.0.2.50")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA, ANSWER);
    // Changed on purpose (issue 17): QNAME minimisation is on by default (RFC 9156), so
    // wild.example.net
    // is probed first: the wildcard's parent, an empty non-terminal the server says NODATA to.
    assertThat(r.trace().exchanges().get(3).sent()).hasToString("wild.example.net. A");
  }

  @Test
  @Scenario("ent.deep.example.net A is an empty non-terminal: NODATA, not NXDOMAIN")
  void emptyNonTerminal() {
    Resolution r = lookup("ent.deep.example.net", Type.A);

    assertThat(r).isNoData().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA, NODATA);
    // Changed on purpose (issue 17): QNAME minimisation is on by default (RFC 9156), so
    // deep.example.net,
    // itself an empty non-terminal, is probed first; both NODATA, never NXDOMAIN (RFC 8020).
    assertThat(r.trace().exchanges().get(3).sent()).hasToString("deep.example.net. A");
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.net.");
  }

  @Test
  @Scenario("nope.example.com A is NXDOMAIN with example.com's SOA")
  void nxdomain() {
    Resolution r = lookup("nope.example.com", Type.A);

    assertThat(r).isNxDomain().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NXDOMAIN);
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.com.");
    assertThat(r.answers()).isEmpty();
  }

  @Test
  @Scenario("www.example.com MX is NODATA with example.com's SOA")
  void nodata() {
    Resolution r = lookup("www.example.com", Type.MX);

    assertThat(r).isNoData().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA);
    assertThat(r.rcodeName()).isEqualTo("NOERROR");
    assertThat(r.soa()).get().extracting(s -> s.getName().toString()).isEqualTo("example.com.");
  }

  @Test
  @Scenario("huge.example.net TXT (~2 KB) is truncated over UDP and fetched over TCP")
  void largeTxtForcesTcp() {
    Resolution r = lookup("huge.example.net", Type.TXT);

    TraceAssert trace =
        assertThat(r)
            .isNoError()
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, ANSWER)
            .trace();
    assertThat(r.answers()).hasSize(20);
    trace.exchange(3).over(Protocol.UDP);
    trace.exchange(4).over(Protocol.TCP).wentToSameAddressAs(3);
  }

  @Test
  @Scenario("www.lame.com A is answered although ns2.lame.com REFUSES (a LAME step if asked first)")
  void lameDelegation() {
    assertLameServerSkipped(
        lookup("www.lame.com", Type.A), "lame.com.", DemoWorld.NS2_LAME, "192.0.2.90");
  }

  @Test
  @Scenario("www.lamer.com A: its first name server REFUSES, the second answers (LAME then ANSWER)")
  void lameServerListedFirst() {
    assertLameServerSkipped(
        lookup("www.lamer.com", Type.A), "lamer.com.", DemoWorld.NS1_DEAD, "192.0.2.91");
  }

  /**
   * The invariant of a lame delegation: the answer comes from the good server; if the lame one was
   * asked first (file order for NSD, canonical order for Knot, shuffled by BIND), the trace shows
   * its REFUSED as a LAME step right before the answer.
   */
  private static void assertLameServerSkipped(
      Resolution r, String zone, String lameServer, String address) {
    assertThat(r).isNoError().hasAddresses(address);
    List<TraceStep.Exchange> atZone =
        r.trace().exchanges().stream().filter(e -> e.zoneCut().toString().equals(zone)).toList();
    if (atZone.get(0).server().nameServer().toString().equals(lameServer)) {
      TraceAssert trace =
          assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, ANSWER).trace();
      trace.exchange(3).atZoneCut(zone).isLame(LameReason.REFUSED);
      trace.exchange(4).atZoneCut(zone).wentTo(DemoWorld.NS1_LAME);
    } else {
      assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
    }
  }

  @Test
  @Scenario("www.dead.com A is SERVFAIL ALL_SERVERS_LAME: both servers REFUSE")
  void allServersLame() {
    Resolution r = lookup("www.dead.com", Type.A);

    TraceAssert trace =
        assertThat(r)
            .isServFail(FailureReason.ALL_SERVERS_LAME)
            .hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, LAME)
            .trace();
    trace.exchange(3).isLame(LameReason.REFUSED);
    trace.exchange(4).isLame(LameReason.REFUSED);
  }

  @Test
  @Scenario("www.broken.com A is SERVFAIL MISSING_GLUE: ns1.broken.com has no address anywhere")
  void missingGlue() {
    Resolution r = lookup("www.broken.com", Type.A);

    assertThat(r)
        .isServFail(FailureReason.MISSING_GLUE)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL)
        .trace()
        .exchange(2)
        .hasGlueMissingFor("ns1.broken.com.");
    assertThat(r.failure().orElseThrow().detail()).contains("ns1.broken.com.");
  }

  @Test
  @Scenario(
      "leaf.ent.deep.example.net TXT with QNAME minimisation: each server sees one label more (RFC 9156)")
  void qnameMinimisation() {
    try (Resolver minimising =
        resolver.newBuilder().qnameMinimisation(QnameMinimisation.RELAXED).build()) {
      Resolution r = minimising.lookup("leaf.ent.deep.example.net", Type.TXT);
      System.out.printf(
          "%n[%s] qmin: %s%n%s",
          implementationOf(getClass()).label(), r.status(), r.trace().render());

      assertThat(r)
          .isNoData()
          .trace()
          .sentQuestions()
          .containsExactly(
              ". NS",
              "net. A",
              "example.net. A",
              "deep.example.net. A",
              "ent.deep.example.net. A",
              "leaf.ent.deep.example.net. TXT");
    }
  }

  @Test
  @Scenario(
      "www.example.com A with 0x20: the server echoes the random case and the answer is canonical")
  void dns0x20() {
    try (Resolver mixedCase = resolver.newBuilder().use0x20(true).build()) {
      Resolution r = mixedCase.lookup("blog.example.com", Type.A);

      assertThat(r)
          .isNoError()
          .hasAnswers(
              "blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30");
    }
  }

  /** Looks the name up and prints the trace, so the surefire output shows each server's walk. */
  private Resolution lookup(String name, int type) {
    Resolution r = resolver.lookup(name, type);
    System.out.printf(
        "%n[%s] %s %s: %s%n%s",
        implementationOf(getClass()).label(),
        name,
        Type.string(type),
        r.status(),
        r.trace().render());
    return r;
  }

  /** Skips (JUnit assumption) unless CI=true, where a server the suite needs must be there. */
  static void requireOrSkip(boolean condition, String message) {
    if (condition) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " [CI=true: a missing server or tool fails the build]");
    }
    Assumptions.assumeTrue(false, message);
  }

  private static AuthoritativeImplementation implementationOf(Class<?> testClass) {
    ServedBy servedBy = testClass.getAnnotation(ServedBy.class);
    if (servedBy == null) {
      throw new IllegalStateException(
          testClass + " must say which server it runs against with @ServedBy");
    }
    try {
      return servedBy.value().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + servedBy.value(), e);
    }
  }

  /** {@code [nsd] www.example.com A walks root → com → example.com from a cold cache}. */
  static final class ServerNamedScenarios extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
      ServedBy servedBy = testClass.getAnnotation(ServedBy.class);
      return servedBy == null
          ? super.generateDisplayNameForClass(testClass)
          : "["
              + implementationOf(testClass).label()
              + "] scenario corpus against real "
              + implementationOf(testClass).binaryName()
              + " processes";
    }

    @Override
    public String generateDisplayNameForMethod(
        List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
      Scenario scenario = testMethod.getAnnotation(Scenario.class);
      String text = scenario == null ? testMethod.getName() : scenario.value();
      ServedBy servedBy = testClass.getAnnotation(ServedBy.class);
      return servedBy == null ? text : "[" + implementationOf(testClass).label() + "] " + text;
    }
  }
}
