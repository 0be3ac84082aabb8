package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The CLI contract of DESIGN.md: exit statuses, one-line usage errors for every bad input, JSON,
 * and what DNSSEC validation shows (or that it is off).
 */
class CliContractTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @TempDir Path dir;

  @Test
  void everyBadInputIsOneLineOnStderrThenUsageAndExit64() throws Exception {
    String hints = lab.get().rootHintsFile().toString();
    Path notHints =
        Files.writeString(dir.resolve("garbage.root"), "this is not a zone file\n\t(((\n");
    Path including = Files.writeString(dir.resolve("include.root"), "$INCLUDE /etc/passwd\n");
    Path generating =
        Files.writeString(dir.resolve("generate.root"), "$GENERATE 1-2147483647 ns$ A 192.0.2.1\n");
    Path huge = dir.resolve("huge.root");
    Files.write(huge, new byte[(1 << 20) + 2]); // one byte per line would be 1 MiB of blank lines
    Path noAnchor =
        Files.writeString(dir.resolve("comments.anchor"), "; a root DS once stood here\n");
    Path unsupported = // algorithm 1 (RSAMD5) is not one a validator may use (RFC 8624)
        Files.writeString(
            dir.resolve("rsamd5.anchor"), ". IN DS 12345 1 2 " + "AB".repeat(32) + "\n");
    String[][] cases = {
      {"label over 63 octets", "lookup", "a".repeat(64) + ".example.com", "--root-hints", hints},
      {
        "name over 255 octets",
        "lookup",
        ("a".repeat(60) + ".").repeat(5) + "com",
        "--root-hints",
        hints
      },
      {"empty name", "lookup", "", "--root-hints", hints},
      {"empty label", "lookup", ".example.com", "--root-hints", hints},
      {"two names", "lookup", "www.example.com", "mail.example.com", "--root-hints", hints},
      {"three positionals", "trace", "www.example.com", "A", "extra", "--root-hints", hints},
      {"unknown type", "lookup", "www.example.com", "BOGUS", "--root-hints", hints},
      {"type zero", "lookup", "www.example.com", "TYPE0", "--root-hints", hints},
      {"type out of range", "lookup", "www.example.com", "TYPE70000", "--root-hints", hints},
      {"meta type", "lookup", "www.example.com", "AXFR", "--root-hints", hints},
      {"meta type OPT", "lookup", "www.example.com", "OPT", "--root-hints", hints},
      {"port zero", "lookup", "x.com", "--upstream-port", "0", "--root-hints", hints},
      {"port not a number", "lookup", "x.com", "--upstream-port", "abc", "--root-hints", hints},
      {"port negative", "lookup", "x.com", "--upstream-port", "-1", "--root-hints", hints},
      {"port too big", "lookup", "x.com", "--upstream-port", "65536", "--root-hints", hints},
      {"port empty", "lookup", "x.com", "--upstream-port=", "--root-hints", hints},
      {
        "port twice",
        "lookup",
        "x.com",
        "--upstream-port",
        "53",
        "--upstream-port",
        "54",
        "--root-hints",
        hints
      },
      {"option without value", "lookup", "x.com", "--root-hints"},
      {"hints is a directory", "lookup", "x.com", "--root-hints", dir.toString()},
      {"hints missing", "lookup", "x.com", "--root-hints", dir.resolve("nope.root").toString()},
      {"hints not a zone", "lookup", "x.com", "--root-hints", notHints.toString()},
      {"hints including a file", "lookup", "x.com", "--root-hints", including.toString()},
      {"hints generating records", "lookup", "x.com", "--root-hints", generating.toString()},
      {"hints over 1 MiB", "lookup", "x.com", "--root-hints", huge.toString()},
      {"hints endless", "lookup", "x.com", "--root-hints", "/dev/zero"},
      {"hints path empty", "lookup", "x.com", "--root-hints="},
      {"hints path with NUL", "lookup", "x.com", "--root-hints", "a\0b"},
      {"hints path with a newline", "lookup", "x.com", "--root-hints", "/nonexistent/a\nb.root"},
      {"type with a newline", "lookup", "x.com", "A\nB", "--root-hints", hints},
      {"anchor without value", "lookup", "x.com", "--root-hints", hints, "--trust-anchor"},
      {"anchor path empty", "lookup", "x.com", "--root-hints", hints, "--trust-anchor="},
      {
        "anchor missing",
        "lookup",
        "x.com",
        "--root-hints",
        hints,
        "--trust-anchor",
        dir.resolve("nope.anchor").toString()
      },
      {"anchor is a directory", "trace", "x.com", "--trust-anchor", dir.toString()},
      {"anchor not a zone", "lookup", "x.com", "--trust-anchor", notHints.toString()},
      {"anchor is root hints", "lookup", "x.com", "--trust-anchor", hints},
      {"anchor only comments", "trace", "x.com", "--trust-anchor", noAnchor.toString()},
      {"anchor unsupported", "lookup", "x.com", "--trust-anchor", unsupported.toString()},
      {"anchor over 1 MiB", "lookup", "x.com", "--trust-anchor", huge.toString()},
      {"anchor endless", "lookup", "x.com", "--trust-anchor", "/dev/zero"},
      {"anchor path with NUL", "lookup", "x.com", "--trust-anchor", "a\0b"},
      {
        "anchor garbage with serve",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--trust-anchor",
        notHints.toString()
      },
      {"anchor with demo", "demo", "--trust-anchor", noAnchor.toString()},
      {"json with demo", "demo", "--json"},
      {"hints with demo", "demo", "--root-hints", hints},
      {"positional with demo", "demo", "extra"},
      {"json with serve", "serve", "--listen", "127.0.0.1:0", "--json"},
      {"listen with lookup", "lookup", "x.com", "--listen", "127.0.0.1:0", "--root-hints", hints},
      {"serve without listen", "serve"},
      {"listen without port", "serve", "--listen", "127.0.0.1"},
      {"listen bad port", "serve", "--listen", "127.0.0.1:99999"},
      {"listen host name", "serve", "--listen", "localhost:53"},
      {"listen bare ipv6", "serve", "--listen", "::1:53"},
      {"listen unclosed bracket", "serve", "--listen", "[::1:53"},
      {"allow length over 32", "serve", "--listen", "127.0.0.1:0", "--allow", "10.0.0.0/33"},
      {"allow length over 128", "serve", "--listen", "[::1]:0", "--allow", "2001:db8::/129"},
      {"allow negative length", "serve", "--listen", "127.0.0.1:0", "--allow", "10.0.0.0/-8"},
      {"allow no length", "serve", "--listen", "127.0.0.1:0", "--allow", "10.0.0.0/"},
      {"allow host name", "serve", "--listen", "127.0.0.1:0", "--allow", "localhost"},
      {"allow short address", "serve", "--listen", "127.0.0.1:0", "--allow", "10.0.0/8"},
      {"allow host bits set", "serve", "--listen", "127.0.0.1:0", "--allow", "10.1.2.3/8"},
      {"allow empty", "serve", "--listen", "127.0.0.1:0", "--allow="},
      {"allow without value", "serve", "--listen", "127.0.0.1:0", "--allow"},
      {"allow with lookup", "lookup", "x.com", "--allow", "10.0.0.0/8", "--root-hints", hints},
      {
        "flag with a value it does not take", "lookup", "x.com", "--json=yes", "--root-hints", hints
      },
      {"unknown long option", "lookup", "x.com", "--frobnicate", "--root-hints", hints},
      {"unknown short option", "lookup", "x.com", "-v", "--root-hints", hints},
      {"check the root", "check", ".", "--root-hints", hints},
      {"check an empty label", "check", "bad..name", "--root-hints", hints},
      {"check two zones", "check", "a.com", "b.com", "--root-hints", hints},
      {"check with a type", "check", "a.com", "--type", "A", "--root-hints", hints},
      {"check timeout zero", "check", "a.com", "--timeout", "0", "--root-hints", hints},
      {"check timeout in words", "check", "a.com", "--timeout", "soon", "--root-hints", hints},
      {"check deadline negative", "check", "a.com", "--deadline", "-5s", "--root-hints", hints},
      {"check threshold in weeks", "check", "a.com", "--ns-ttl-threshold", "1w"},
      {"check hints missing", "check", "a.com", "--root-hints", dir.resolve("no.root").toString()},
      {"listen with check", "check", "a.com", "--listen", "127.0.0.1:0", "--root-hints", hints},
      {"unknown command", "resolve", "x.com"},
      {"option as command", "--json"},
      {
        "no command",
      },
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      CliRun run = CliRun.of(args);
      assertThat(run.exit()).as(c[0]).isEqualTo(64);
      assertThat(run.out()).as(c[0]).isEmpty();
      List<String> lines = run.err().lines().toList();
      assertThat(lines.get(0)).as(c[0]).startsWith("rootwalk: ").doesNotContain("Exception");
      assertThat(lines.get(1))
          .as(c[0] + ": the usage follows the one reason line")
          .startsWith("usage: rootwalk");
      assertThat(run.err()).as(c[0]).doesNotContain("\tat ").doesNotContain("Caused by");
    }
  }

  @Test
  void withLabHintsAndNoTrustAnchorLookupAndTraceSayOnceThatValidationIsOff() {
    for (String command : new String[] {"lookup", "trace"}) {
      CliRun run = CliRun.againstLab(lab.get(), command, "www.example.com");

      assertThat(run.exit()).as(command).isZero();
      assertThat(run.err()).as(command).isEmpty();
      assertThat(run.out().lines().filter(l -> l.contains("DNSSEC")).toList())
          .as(command)
          .containsExactly(";; DNSSEC validation off: no trust anchor for these root hints");
      assertThat(run.out()).as(command).doesNotContain(";; security:");
    }
  }

  @Test
  void aSignedLabWithItsTrustAnchorValidatesAndJsonSaysSecure() throws Exception {
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), Instant.now());
    Path anchor = Files.writeString(dir.resolve("root.anchor"), signed.trustAnchorText());
    try (DnsLab signedLab = DnsLab.start(signed.world())) {
      CliRun json =
          CliRun.of(signedArgs(signedLab, anchor, "lookup", "www.example.com", "A", "--json"));
      CliRun text = CliRun.of(signedArgs(signedLab, anchor, "lookup", "www.example.com"));
      CliRun trace = CliRun.of(signedArgs(signedLab, anchor, "trace", "www.example.com"));

      assertThat(json.exit()).as(json.err()).isZero();
      assertThat(json.err()).isEmpty();
      JsonNode root = new ObjectMapper().readTree(json.out());
      assertThat(root.path("security").path("status").asText()).isEqualTo("SECURE");
      assertThat(root.path("security").path("detail").asText()).contains("example.com.");
      assertThat(root.path("security").path("extendedError").isNull()).isTrue();
      assertThat(root.path("dnssecRecords").get(0).asText()).contains("RRSIG");
      List<String> outcomes = new ArrayList<>();
      for (JsonNode step : root.path("trace").path("steps")) {
        assertThat(step.path("kind").asText()).isIn("exchange", "cache-hit", "chase", "validation");
        if (step.path("kind").asText().equals("validation")) {
          outcomes.add(step.path("outcome").asText());
          assertThat(step.path("fetched").isArray()).isTrue();
        }
      }
      assertThat(outcomes).contains("dnssec-keys").endsWith("dnssec-secure");

      assertThat(text.exit()).isZero();
      assertThat(text.out().lines().toList())
          .first()
          .asString()
          .startsWith(";; security: SECURE (signed by example.com.")
          .endsWith("; flags: ad");
      assertThat(text.out()).doesNotContain("validation off");
      assertThat(trace.out()).contains("(dnssec)").contains("rrset www.example.com. A: SECURE");
    }
  }

  @Test
  void aForgedRecordIsServfailWithDnssecBogusAndTheExtendedError() throws Exception {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), Instant.now())
            .flipSignatureByte("www.example.com.", Type.A)
            .sign();
    Path anchor = Files.writeString(dir.resolve("root.anchor"), signed.trustAnchorText());
    try (DnsLab signedLab = DnsLab.start(signed.world())) {
      CliRun text = CliRun.of(signedArgs(signedLab, anchor, "lookup", "www.example.com"));
      CliRun json = CliRun.of(signedArgs(signedLab, anchor, "lookup", "www.example.com", "--json"));

      assertThat(text.exit()).isEqualTo(2);
      assertThat(text.out())
          .contains(";; status: SERVFAIL (DNSSEC_BOGUS: ")
          .contains("; extended DNS error: 6 DNSSEC_BOGUS")
          .doesNotContain("93.184.216.34");
      assertThat(json.exit()).isEqualTo(2);
      JsonNode root = new ObjectMapper().readTree(json.out());
      assertThat(root.path("failure").path("reason").asText()).isEqualTo("DNSSEC_BOGUS");
      assertThat(root.path("security").path("status").asText()).isEqualTo("BOGUS");
      assertThat(root.path("security").path("extendedError").asInt()).isEqualTo(6);
    }
  }

  private static String[] signedArgs(DnsLab signedLab, Path anchor, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--root-hints",
            signedLab.rootHintsFile().toString(),
            "--upstream-port",
            String.valueOf(signedLab.port()),
            "--trust-anchor",
            anchor.toString()));
    return all.toArray(new String[0]);
  }

  @Test
  void twoNamesSayWhatIsWrong() {
    CliRun run = CliRun.againstLab(lab.get(), "lookup", "www.example.com", "mail.example.com");

    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.errorLine()).contains("mail.example.com").contains("one NAME");
  }

  @Test
  void anUnreadableHintsFileIsAUsageError() throws Exception {
    Path hints = Files.copy(lab.get().rootHintsFile(), dir.resolve("unreadable.root"));
    Files.setPosixFilePermissions(hints, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(hints)).as("running as root: every file is readable").isFalse();

    CliRun run = CliRun.of("lookup", "x.com", "--root-hints", hints.toString());
    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.errorLine()).startsWith("rootwalk: ").contains("cannot read root hints file");
  }

  @Test
  void helpAnywhereWinsAndGoesToStdout() {
    for (String[] args :
        new String[][] {
          {"--help"}, {"-h"}, {"lookup", "--help"}, {"serve", "-h"}, {"demo", "--help"}
        }) {
      CliRun run = CliRun.of(args);
      assertThat(run.exit()).isZero();
      assertThat(run.out()).startsWith("usage: rootwalk").contains("exit status");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void exitStatusesFollowTheOutcome() {
    assertThat(CliRun.againstLab(lab.get(), "lookup", "www.example.com").exit()).isZero();
    assertThat(CliRun.againstLab(lab.get(), "trace", "blog.example.com").exit()).isZero();
    assertThat(CliRun.againstLab(lab.get(), "lookup", "nope.example.com").exit()).isEqualTo(1);
    assertThat(CliRun.againstLab(lab.get(), "lookup", "www.example.com", "AAAA").exit())
        .isEqualTo(1);
    assertThat(CliRun.againstLab(lab.get(), "trace", "www.broken.com").exit()).isEqualTo(2);
    assertThat(CliRun.againstLab(lab.get(), "lookup", "www.broken.com", "--json").exit())
        .isEqualTo(2);
  }

  @Test
  void jsonIsOneObjectWithTheContractShapeForEveryStatus() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String[][] cases = {
      {"NOERROR", "lookup", "blog.example.com", "A"},
      {"NXDOMAIN", "trace", "nope.example.com", "A"},
      {"NODATA", "lookup", "www.example.com", "AAAA"},
      {"SERVFAIL", "lookup", "www.broken.com", "A"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.againstLab(lab.get(), c[1], c[2], c[3], "--json");
      assertThat(run.err()).as(c[0]).isEmpty();
      JsonNode json = mapper.readTree(run.out());
      assertThat(json.isObject()).isTrue();
      assertThat(json.path("question").path("name").asText()).isEqualTo(c[2] + ".");
      assertThat(json.path("question").path("type").asText()).isEqualTo(c[3]);
      assertThat(json.path("status").asText()).isEqualTo(c[0]);
      assertThat(json.path("rcode").asText()).isEqualTo(c[0].equals("NODATA") ? "NOERROR" : c[0]);
      assertThat(json.path("answers").isArray()).isTrue();
      json.path("answers")
          .forEach(a -> assertThat(a.asText()).matches("\\S+\\s+\\d+\\s+IN\\s+\\S+\\s+.+"));
      if (c[0].equals("SERVFAIL")) {
        assertThat(json.path("failure").path("reason").asText()).isEqualTo("MISSING_GLUE");
        assertThat(json.path("failure").path("detail").asText()).isNotEmpty();
      } else {
        assertThat(json.path("failure").isNull()).as(c[0]).isTrue();
      }
      JsonNode trace = json.path("trace");
      assertThat(trace.path("steps").isArray()).isTrue();
      assertThat(trace.path("upstreamQueries").isInt()).isTrue();
      assertThat(trace.path("elapsedMs").isNumber()).isTrue();
      trace
          .path("steps")
          .forEach(
              step ->
                  assertThat(step.path("kind").asText()).isIn("exchange", "cache-hit", "chase"));
    }
  }
}
