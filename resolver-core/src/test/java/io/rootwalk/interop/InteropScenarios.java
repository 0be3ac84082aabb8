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
import io.rootwalk.Glue;
import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Provenance;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.StepKind;
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
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The scenario corpus of the fixture tests, walked against real authoritative servers. Each
 * subclass names one implementation with {@link ServedBy}; its whole world (one daemon per server
 * address) starts once for the class, and every scenario gets a fresh resolver with a cold cache.
 *
 * <p>Where implementations legitimately differ (glue they volunteer, NS order, minimal
 * responses), the scenarios assert the invariant rather than the incidental.
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
    resolver = Resolver.builder()
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

    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER).sentUpstreamQueries(4);
    List<TraceStep.Exchange> steps = r.trace().exchanges();
    assertThat(steps.get(0).server().provenance()).isEqualTo(Provenance.ROOT_HINT);
    assertThat(steps.get(1).server().provenance()).isEqualTo(Provenance.PRIMING);
    Outcome.Referral toCom = referral(steps.get(1));
    assertThat(toCom.child()).hasToString("com.");
    assertThat(toCom.glue()).as("the root's glue for a/b.gtld-servers.net.").isNotEmpty()
        .extracting(Glue::kind).containsOnly(Provenance.SIBLING_GLUE);
    Outcome.Referral toExample = referral(steps.get(2));
    assertThat(toExample.child()).hasToString("example.com.");
    assertThat(toExample.nameServers()).extracting(Name::toString)
        .containsExactlyInAnyOrder("ns1.example.com.", "ns2.example.com.");
    assertThat(toExample.glue()).extracting(Glue::kind).containsOnly(Provenance.IN_DOMAIN_GLUE);
    assertThat(toExample.glueMissing()).isEmpty();
    TraceStep.Exchange answer = steps.get(3);
    assertThat(answer.zoneCut()).hasToString("example.com.");
    assertThat(answer.server().provenance()).isEqualTo(Provenance.IN_DOMAIN_GLUE);
    assertThat(((Outcome.Answer) answer.outcome()).authoritative()).isTrue();
    assertThat(r.trace().zoneCuts()).extracting(Name::toString).containsExactly(".", "com.", "example.com.");
  }

  @Test
  @Scenario("v2.api.example.com A follows the delegated child with in-domain glue")
  void delegatedChildWithGlue() {
    Resolution r = lookup("v2.api.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.20")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, REFERRAL, ANSWER);
    Outcome.Referral toApi = referral(r.trace().exchanges().get(3));
    assertThat(toApi.child()).hasToString("api.example.com.");
    assertThat(toApi.glue()).extracting(g -> g.address().getHostAddress())
        .containsExactlyInAnyOrder("127.53.11.1", "127.53.11.2");
    assertThat(toApi.glue()).extracting(Glue::kind).containsOnly(Provenance.IN_DOMAIN_GLUE);
    assertThat(r.trace().exchanges().get(4).zoneCut()).hasToString("api.example.com.");
  }

  @Test
  @Scenario("www.shop.com A chases its out-of-bailiwick name server in a nested resolution")
  void outOfBailiwickChase() {
    Resolution r = lookup("www.shop.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.80")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER);
    assertThat(referral(r.trace().exchanges().get(2)).glue()).as("com. may not vouch for net. names").isEmpty();
    TraceStep.Chase chase = (TraceStep.Chase) r.trace().steps().get(3);
    assertThat(chase.zoneCut()).hasToString("shop.com.");
    assertThat(chase.nameServer().toString()).isIn("ns1.dnshost.net.", "ns2.dnshost.net.");
    assertThat(chase.trace().steps()).extracting(TraceStep::kind)
        .containsExactly(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
    assertThat(r.trace().exchanges().get(3).server().provenance()).isEqualTo(Provenance.CHASED);
  }

  @Test
  @Scenario("www.sibling.com A uses the sibling glue com. gives for ns1/ns2.example.com")
  void siblingGlue() {
    Resolution r = lookup("www.sibling.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.110");
    Outcome.Referral toSibling = referral(r.trace().exchanges().get(2));
    assertThat(toSibling.child()).hasToString("sibling.com.");
    if (toSibling.glue().isEmpty()) {
      // A server may leave out glue that is not required (RFC 9471): then the names are chased.
      assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER);
    } else {
      assertThat(toSibling.glue()).extracting(Glue::kind).containsOnly(Provenance.SIBLING_GLUE);
      assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
      assertThat(r.trace().exchanges().get(3).server().provenance()).isEqualTo(Provenance.SIBLING_GLUE);
    }
  }

  @Test
  @Scenario("www.chain.com A chases a glueless name server whose own zone is glueless (depth 2)")
  void gluelessChainOfDepthTwo() {
    Resolution r = lookup("www.chain.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.120")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CHASE, ANSWER);
    TraceStep.Chase hop1 = (TraceStep.Chase) r.trace().steps().get(3);
    assertThat(hop1.nameServer()).hasToString(InteropWorlds.NS1_HOP1);
    assertThat(hop1.addresses()).extracting(a -> a.getHostAddress()).containsExactly("127.53.18.1");
    assertThat(hop1.trace().steps()).extracting(TraceStep::kind)
        .containsExactly(CACHED_DELEGATION, REFERRAL, REFERRAL, CHASE, ANSWER);
    TraceStep.Chase hop2 = (TraceStep.Chase) hop1.trace().steps().get(3);
    assertThat(hop2.zoneCut()).hasToString("hop1.net.");
    assertThat(hop2.nameServer()).hasToString(InteropWorlds.NS1_HOP2);
    assertThat(hop2.addresses()).extracting(a -> a.getHostAddress()).containsExactly("127.53.19.1");
    assertThat(hop2.trace().steps()).extracting(TraceStep::kind)
        .containsExactly(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("blog.example.com A follows a CNAME across zones into tumblr.com")
  void crossZoneCname() {
    Resolution r = lookup("blog.example.com", Type.A);

    assertThat(r).isNoError()
        .hasAnswers("blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, ANSWER);
    assertThat(r.canonicalName()).hasToString("example.tumblr.com.");
  }

  @Test
  @Scenario("outside.example.net A follows a CNAME from net. into com.")
  void crossZoneCnameFromNetIntoCom() {
    Resolution r = lookup("outside.example.net", Type.A);

    assertThat(r).isNoError()
        .hasAnswers("outside.example.net. CNAME www.example.com.", "www.example.com. A " + DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("chain.example.net A gets an in-zone CNAME chain in one authoritative answer")
  void inZoneCnameChain() {
    Resolution r = lookup("chain.example.net", Type.A);

    assertThat(r).isNoError()
        .hasAnswers("chain.example.net. CNAME alias.example.net.", "alias.example.net. CNAME www.example.net.",
            "www.example.net. A 192.0.2.60")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("www.org.example.net A follows the DNAME org.example.net → example.org")
  void dname() {
    Resolution r = lookup("www.org.example.net", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.100")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, CNAME, CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
    assertThat(r.canonicalName()).hasToString("www.example.org.");
    assertThat(r.answers()).extracting(rec -> Type.string(rec.getType())).contains("DNAME", "A");
  }

  @Test
  @Scenario("x.wild.example.net A is synthesized from *.wild.example.net")
  void wildcard() {
    Resolution r = lookup("x.wild.example.net", Type.A);

    assertThat(r).isNoError().hasAnswers("x.wild.example.net. A 192.0.2.50")
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
  }

  @Test
  @Scenario("ent.deep.example.net A is an empty non-terminal: NODATA, not NXDOMAIN")
  void emptyNonTerminal() {
    Resolution r = lookup("ent.deep.example.net", Type.A);

    assertThat(r).isNoData().hasStepKinds(PRIMING, REFERRAL, REFERRAL, NODATA);
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

    assertThat(r).isNoError().hasStepKinds(PRIMING, REFERRAL, REFERRAL, TRUNCATED, ANSWER);
    assertThat(r.answers()).hasSize(20);
    List<TraceStep.Exchange> steps = r.trace().exchanges();
    assertThat(steps.get(3).protocol()).isEqualTo(Protocol.UDP);
    assertThat(steps.get(4).protocol()).isEqualTo(Protocol.TCP);
    assertThat(steps.get(4).server().address()).isEqualTo(steps.get(3).server().address());
  }

  @Test
  @Scenario("www.lame.com A is answered although ns2.lame.com REFUSES (a LAME step if asked first)")
  void lameDelegation() {
    assertLameServerSkipped(lookup("www.lame.com", Type.A), "lame.com.", DemoWorld.NS2_LAME, "192.0.2.90");
  }

  @Test
  @Scenario("www.lamer.com A: its first name server REFUSES, the second answers (LAME then ANSWER)")
  void lameServerListedFirst() {
    assertLameServerSkipped(lookup("www.lamer.com", Type.A), "lamer.com.", DemoWorld.NS1_DEAD, "192.0.2.91");
  }

  /**
   * The invariant of a lame delegation: the answer comes from the good server; if the lame one
   * was asked first (file order for NSD, canonical order for Knot, shuffled by BIND), the trace
   * shows its REFUSED as a LAME step right before the answer.
   */
  private static void assertLameServerSkipped(Resolution r, String zone, String lameServer, String address) {
    assertThat(r).isNoError().hasAddresses(address);
    List<TraceStep.Exchange> atZone = r.trace().exchanges().stream()
        .filter(e -> e.zoneCut().toString().equals(zone)).toList();
    if (atZone.get(0).server().name().toString().equals(lameServer)) {
      assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, ANSWER);
      Outcome.Lame lame = (Outcome.Lame) atZone.get(0).outcome();
      assertThat(lame.reason()).isEqualTo(LameReason.REFUSED);
      assertThat(atZone.get(1).server().name()).hasToString(DemoWorld.NS1_LAME);
    } else {
      assertThat(r).hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER);
    }
  }

  @Test
  @Scenario("www.dead.com A is SERVFAIL ALL_SERVERS_LAME: both servers REFUSE")
  void allServersLame() {
    Resolution r = lookup("www.dead.com", Type.A);

    assertThat(r).isServFail(FailureReason.ALL_SERVERS_LAME).hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, LAME);
    assertThat(r.trace().exchanges().subList(3, 5)).extracting(e -> ((Outcome.Lame) e.outcome()).reason())
        .containsOnly(LameReason.REFUSED);
  }

  @Test
  @Scenario("www.broken.com A is SERVFAIL MISSING_GLUE: ns1.broken.com has no address anywhere")
  void missingGlue() {
    Resolution r = lookup("www.broken.com", Type.A);

    assertThat(r).isServFail(FailureReason.MISSING_GLUE).hasStepKinds(PRIMING, REFERRAL, REFERRAL);
    assertThat(r.failure().orElseThrow().detail()).contains("ns1.broken.com.");
    assertThat(referral(r.trace().exchanges().get(2)).glueMissing()).extracting(Name::toString)
        .containsExactly("ns1.broken.com.");
  }

  @Test
  @Scenario("leaf.ent.deep.example.net TXT with QNAME minimisation: each server sees one label more (RFC 9156)")
  void qnameMinimisation() {
    try (Resolver minimising = resolver.newBuilder().qnameMinimisation(true).build()) {
      Resolution r = minimising.lookup("leaf.ent.deep.example.net", Type.TXT);
      System.out.printf("%n[%s] qmin: %s%n%s", implementationOf(getClass()).label(), r.status(), r.trace().render());

      assertThat(r).isNoData();
      assertThat(r.trace().exchanges()).extracting(e -> e.sent().toString()).containsExactly(". NS", "net. A",
          "example.net. A", "deep.example.net. A", "ent.deep.example.net. A", "leaf.ent.deep.example.net. TXT");
    }
  }

  @Test
  @Scenario("www.example.com A with 0x20: the server echoes the random case and the answer is canonical")
  void dns0x20() {
    try (Resolver mixedCase = resolver.newBuilder().use0x20(true).build()) {
      Resolution r = mixedCase.lookup("blog.example.com", Type.A);

      assertThat(r).isNoError()
          .hasAnswers("blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30");
    }
  }

  /** Looks the name up and prints the trace, so the surefire output shows each server's walk. */
  private Resolution lookup(String name, int type) {
    Resolution r = resolver.lookup(name, type);
    System.out.printf("%n[%s] %s %s: %s%n%s", implementationOf(getClass()).label(), name, Type.string(type),
        r.status(), r.trace().render());
    return r;
  }

  private static Outcome.Referral referral(TraceStep.Exchange exchange) {
    assertThat(exchange.kind()).as("outcome of %s", exchange).isEqualTo(StepKind.REFERRAL);
    return (Outcome.Referral) exchange.outcome();
  }

  /** Skips (JUnit assumption) unless CI=true, where a server the suite needs must be there. */
  private static void requireOrSkip(boolean condition, String message) {
    if (condition) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " [CI=true: a missing server fails the build]");
    }
    Assumptions.assumeTrue(false, message);
  }

  private static AuthoritativeImplementation implementationOf(Class<?> testClass) {
    ServedBy servedBy = testClass.getAnnotation(ServedBy.class);
    if (servedBy == null) {
      throw new IllegalStateException(testClass + " must say which server it runs against with @ServedBy");
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
          : "[" + implementationOf(testClass).label() + "] scenario corpus against real "
              + implementationOf(testClass).binaryName() + " processes";
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
