package io.rootwalk.cli;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.TrustAnchors;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rootwalk demo}: starts the demo hierarchy on 127.53.x.x in this JVM and traces lookups
 * that each show one thing an iterative resolver does. One resolver serves all of them, so the
 * later lookups show what the cache saved.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Trace example lookups in the built-in demo hierarchy (offline).",
      "Starts the demo hierarchy on 127.53.x.x in this JVM and traces lookups that show a"
          + " referral chain, glue, a glue chase, a CNAME into another zone, NXDOMAIN, missing"
          + " glue, a lame server and answers from the cache; then, in the same hierarchy"
          + " signed at start, a DNSSEC-validated answer and a forged record caught as bogus;"
          + " then 'rootwalk check' on the broken delegations."
    },
    footer = "exit status: 0 whatever the lookups' outcomes, 64 usage error")
final class DemoCommand implements Callable<Integer> {

  /** One traced lookup and the sentence that says what to look for in it. */
  record Scenario(String title, String explanation, String name, String type) {}

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario(
              "Referral chain and glue",
              """
          Priming asks a root hint for the root NS set. The root refers to com. (sibling glue:
          a.gtld-servers.net is under net., not com.), com. refers to example.com. with in-domain
          glue for ns1/ns2.example.com, and ns1.example.com. answers. Each server is asked only
          the labels it needs (QNAME minimisation, RFC 9156): the root sees com. A.""",
              "www.example.com",
              "A"),
          new Scenario(
              "A delegated child zone",
              """
          example.com. delegates api.example.com. to ns1/ns2.api.example.com with in-domain glue;
          the walk starts from the cached example.com. cut and follows one more referral.""",
              "v2.api.example.com",
              "A"),
          new Scenario(
              "Out-of-bailiwick name servers are chased",
              """
          com. delegates shop.com. to ns1/ns2.dnshost.net, which com. cannot vouch for: no glue.
          The resolver looks up ns1.dnshost.net. A in a nested resolution (indented), then asks it.""",
              "www.shop.com",
              "A"),
          new Scenario(
              "A CNAME into another zone",
              """
          blog.example.com. is an alias for example.tumblr.com.; resolution restarts at the
          target, from the cached com. zone cut.""",
              "blog.example.com",
              "A"),
          new Scenario(
              "NXDOMAIN",
              """
          The example.com. servers say the name does not exist; the SOA in the authority section
          says how long that may be cached (RFC 2308).""",
              "nope.example.com",
              "A"),
          new Scenario(
              "Missing glue",
              """
          com. delegates broken.com. to ns1.broken.com. but gives no address for it: the name
          server is inside the zone it serves, so nothing can find it. SERVFAIL, with the reason.""",
              "www.broken.com",
              "A"),
          new Scenario(
              "A lame server beside a good one",
              """
          lame.com. has two name servers; ns2.lame.com. does not serve the zone and REFUSES.
          The first lookup asks ns1 (delegation order, never measured before) ...""",
              "www.lame.com",
              "A"),
          new Scenario(
              "... and the lame one gets its turn",
              """
          ... so this one tries the not-yet-measured ns2.lame.com. first: it REFUSES, is marked
          lame for lame.com., and the resolver moves on to ns1.lame.com.""",
              "lame.com",
              "SOA"),
          new Scenario(
              "Answered from cache",
              """
          The same question again: the cached RRset answers it with its TTL counted down,
          and no query is sent.""",
              "www.example.com",
              "A"),
          new Scenario(
              "One query from a cached zone cut",
              """
          Another name in example.com.: the cached delegation skips the root and com., so one
          query to ns1.example.com. is enough.""",
              "mail.example.com",
              "A"));

  /** The owner whose A record the signed demo forges: its RRSIG no longer matches the data. */
  static final String FORGED = "mail.example.com.";

  /** Lookups in the demo world signed at start, one record in it forged. */
  static final List<Scenario> DNSSEC_SCENARIOS =
      List.of(
          new Scenario(
              "A signed answer, validated",
              """
          The same hierarchy, signed when the demo started, and a resolver that trusts the
          root's key. After the walk, the validator links each zone's DNSKEY RRset to its
          parent's DS, from the root down, then checks the RRSIG of the answer: SECURE.""",
              "www.example.com",
              "A"),
          new Scenario(
              "A forged record, caught",
              """
          One byte of the RRSIG over mail.example.com. A was changed after signing, as a
          spoofed or tampered answer would be. The signature does not verify: the answer is
          bogus, so the client gets SERVFAIL with extended DNS error 6, not the data.""",
              "mail.example.com",
              "A"));

  /** One zone {@code rootwalk check} looks at, and what to look for in its findings. */
  record CheckScenario(String title, String explanation, String zone) {}

  /** The demo's broken delegations, checked in a fresh lab after the lookups. */
  static final List<CheckScenario> CHECK_SCENARIOS =
      List.of(
          new CheckScenario(
              "A lame server, found",
              """
          The lookups above got their answers from ns1.lame.com. and worked around ns2. The check
          asks every server of the zone directly and reports ns2.lame.com. as LAME_SERVER: it
          REFUSES the zone's SOA. The notices are the demo's layout (one /24, com.'s two-day TTL).""",
              "lame.com"),
          new CheckScenario(
              "A zone nobody can resolve",
              """
          Both servers of dead.com. REFUSE: every lookup is a SERVFAIL. DELEGATION_BROKEN says so,
          and comes with the findings that say why (one LAME_SERVER per server).""",
              "dead.com"),
          new CheckScenario(
              "Missing glue, named",
              """
          ns1.broken.com. is inside broken.com. and com. gives no address for it: MISSING_GLUE
          (tell the registrar the glue), NS_UNRESOLVABLE, and one NS only (TOO_FEW_NS).""",
              "broken.com"));

  @SuppressWarnings("UnusedVariable") // declares --verbose; Main reads it off the parse result
  @Mixin
  private VerboseOption verbose = new VerboseOption();

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  private CommandSpec spec;

  /** Walks every scenario with one resolver against a fresh lab; exits 0 whatever they return. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        ";; Rootwalk demo: an iterative resolver walking the demo hierarchy on 127.53.0.0/16,");
    out.println(";; served in this JVM (no packet leaves the machine).");
    try (DnsLab lab = DnsLab.start(DemoWorld.world());
        Resolver resolver = demoResolver(lab).build()) {
      out.println(
          ";; lab on port " + lab.port() + ", root hints " + lab.rootHintsFile().getFileName());
      int n = 1;
      for (Scenario s : SCENARIOS) {
        trace(out, n++, s, resolver.lookup(s.name(), s.type()), false);
      }
    }
    dnssec(out, SCENARIOS.size() + 1);
    check(out, SCENARIOS.size() + DNSSEC_SCENARIOS.size() + 1);
    return ExitCode.ANSWER;
  }

  /**
   * The check scenarios, in a fresh lab (the DNSSEC one has taken the addresses meanwhile) with a
   * fresh resolver, so what the lookups learnt about lame servers plays no part: the verdict and
   * the findings, briefly.
   */
  private static void check(PrintWriter out, int first) {
    CheckOptions options =
        CheckOptions.defaults()
            .withQueryTimeout(Duration.ofMillis(500))
            .withDeadline(Duration.ofSeconds(5));
    try (DnsLab lab = DnsLab.start(DemoWorld.world());
        Resolver resolver = demoResolver(lab).build()) {
      int n = first;
      for (CheckScenario s : CHECK_SCENARIOS) {
        out.println();
        out.println("== " + n++ + ". " + s.title() + ": " + s.zone());
        s.explanation().lines().forEach(line -> out.println("   " + line.strip()));
        out.println("$ rootwalk check " + s.zone());
        out.print(CheckText.brief(resolver.check(Question.parseName(s.zone()), options)));
      }
    }
    out.println(";; (rootwalk check ZONE also prints the notices' details, each finding's fix,");
    out.println(";; the servers table and the parent's delegation)");
  }

  /**
   * The DNSSEC scenarios, on the demo world signed now (keys and signatures made in this JVM, so
   * the demo stays offline) with one RRSIG forged, and a resolver anchored at its root's DS.
   */
  private static void dnssec(PrintWriter out, int first) {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), Instant.now())
            .flipSignatureByte(FORGED, Type.A)
            .sign();
    out.println();
    out.println(";; The demo hierarchy signed (algorithm 13, ECDSA P-256), the root's DS trusted:");
    signed.trustAnchorText().lines().forEach(line -> out.println(";;   " + line));
    try (DnsLab lab = DnsLab.start(signed.world());
        Resolver resolver =
            demoResolver(lab)
                .trustAnchors(TrustAnchors.parse(signed.trustAnchorText(), "the demo's root DS"))
                .build()) {
      int n = first;
      for (Scenario s : DNSSEC_SCENARIOS) {
        trace(out, n++, s, resolver.lookup(s.name(), s.type()), true);
      }
    }
  }

  private static ResolverBuilder demoResolver(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port())
        .queryTimeout(Duration.ofMillis(500))
        .deadline(Duration.ofSeconds(5));
  }

  /** One scenario: its title and explanation, the command, and what {@code trace} prints. */
  private static void trace(PrintWriter out, int n, Scenario s, Resolution r, boolean validating) {
    out.println();
    out.println("== " + n + ". " + s.title() + ": " + s.name() + " " + s.type());
    s.explanation().lines().forEach(line -> out.println("   " + line.strip()));
    out.println("$ rootwalk trace " + s.name() + " " + s.type());
    out.print(ResolutionText.header(r) + "\n" + r.trace().render());
    if (validating) {
      out.println(ResolutionText.security(r));
    }
    out.print(ResolutionText.sections(r));
  }
}
