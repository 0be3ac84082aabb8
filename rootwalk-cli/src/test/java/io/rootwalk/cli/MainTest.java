package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rootwalk lookup/trace} against the demo lab, driven in-process through {@link Main#run}.
 */
class MainTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private CliRun rootwalk(String command, String... rest) {
    DnsLab dnsLab = lab.get();
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(rest));
    args.addAll(
        List.of(
            "--root-hints",
            dnsLab.rootHintsFile().toString(),
            "--upstream-port",
            String.valueOf(dnsLab.port())));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  void lookupPrintsTheAnswerSectionLikeDigAndExitsZero() {
    CliRun run = rootwalk("lookup", "www.example.com");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .containsPattern("www\\.example\\.com\\.\\s+86400\\s+IN\\s+A\\s+93\\.184\\.216\\.34");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void typeIsCaseInsensitiveAndAcceptsTheGenericForm() {
    assertThat(rootwalk("lookup", "example.com", "mx").out()).contains("10 mail.example.com.");
    assertThat(rootwalk("lookup", "example.com", "TYPE257").out()).contains("CAA");
  }

  @Test
  void traceRendersEveryZoneCutAndTheAnswer() {
    CliRun run = rootwalk("trace", "www.example.com", "A");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(";; www.example.com. A: NOERROR")
        .contains("com.")
        .contains("example.com.")
        .contains("[root hint]")
        .contains("[in-domain glue]")
        .contains("referral -> example.com.")
        .contains(";; ANSWER SECTION:");
  }

  @Test
  void traceShowsTheMinimisedQuestionsByDefaultAndFullOnesWithMinimisationOff() {
    CliRun minimised = rootwalk("trace", "www.example.com", "AAAA");
    CliRun full = rootwalk("trace", "www.example.com", "AAAA", "--qname-minimisation", "OFF");

    assertThat(minimised.exit()).isEqualTo(1); // NODATA
    assertThat(minimised.out())
        .containsPattern("\\[priming\\]\\s+com\\. A\\s+referral -> com\\.")
        .containsPattern("\\]\\s+example\\.com\\. A\\s+referral -> example\\.com\\.")
        .containsPattern("\\]\\s+www\\.example\\.com\\. AAAA\\s+NODATA");
    assertThat(full.out())
        .doesNotContain(" com. A ")
        .containsPattern("\\[priming\\]\\s+www\\.example\\.com\\. AAAA\\s+referral");
    assertUsageError(
        rootwalk("lookup", "www.example.com", "--qname-minimisation", "sometimes"),
        "--qname-minimisation");
  }

  @Test
  void jsonHasTheContractFieldsAndTheNestedChase() throws Exception {
    CliRun run = rootwalk("lookup", "www.shop.com", "A", "--json");

    assertThat(run.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("question").path("name").asText()).isEqualTo("www.shop.com.");
    assertThat(json.path("question").path("type").asText()).isEqualTo("A");
    assertThat(json.path("status").asText()).isEqualTo("NOERROR");
    assertThat(json.path("rcode").asText()).isEqualTo("NOERROR");
    assertThat(json.path("answers").get(0).asText()).contains("192.0.2.80");
    assertThat(json.path("failure").isNull()).isTrue();
    assertThat(json.path("trace").path("upstreamQueries").asInt()).isPositive();
    List<String> kinds = new ArrayList<>();
    json.path("trace").path("steps").forEach(s -> kinds.add(s.path("kind").asText()));
    assertThat(kinds).contains("exchange", "chase");
    JsonNode chase = null;
    for (JsonNode step : json.path("trace").path("steps")) {
      if (step.path("kind").asText().equals("chase")) {
        chase = step;
      }
    }
    assertThat(chase.path("nameServer").asText()).endsWith("dnshost.net.");
    assertThat(chase.path("trace").path("steps").size()).isPositive();
    JsonNode first = json.path("trace").path("steps").get(0);
    assertThat(first.path("outcome").asText()).isEqualTo("priming");
    assertThat(first.path("server").path("provenance").asText()).isEqualTo("root hint");
  }

  @Test
  void jsonOfANegativeAnswerCarriesTheSoa() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(rootwalk("trace", "nope.example.com", "--json").out());

    assertThat(json.path("status").asText()).isEqualTo("NXDOMAIN");
    assertThat(json.path("authority").get(0).asText()).contains("SOA");
  }

  @Test
  void nxdomainExitsOneWithTheSoa() {
    CliRun run = rootwalk("lookup", "nope.example.com");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(";; status: NXDOMAIN").contains("SOA");
  }

  @Test
  void nodataExitsOne() {
    assertThat(rootwalk("lookup", "www.example.com", "AAAA").exit()).isEqualTo(1);
  }

  @Test
  void missingGlueExitsTwoWithTheReason() {
    CliRun run = rootwalk("lookup", "www.broken.com");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("SERVFAIL").contains("MISSING_GLUE").contains("ns1.broken.com.");
  }

  @Test
  void unknownTypeIsAUsageError() {
    assertUsageError(rootwalk("lookup", "www.example.com", "BOGUS"), "unknown record type");
  }

  @Test
  void malformedNameIsAUsageError() {
    assertUsageError(rootwalk("lookup", "www..example.com"), "malformed domain name");
    assertUsageError(rootwalk("lookup", "a".repeat(64) + ".com"), "malformed domain name");
  }

  @Test
  void unreadableHintsFileIsAUsageError() {
    assertUsageError(
        CliRun.of("lookup", "www.example.com", "--root-hints", "/nonexistent/named.root"),
        "cannot read root hints file");
  }

  @Test
  void hintsFileWithoutRootServersIsAUsageError() throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.createTempFile("empty", ".root");
    try {
      assertUsageError(
          CliRun.of("lookup", "x.com", "--root-hints", empty.toString()), "root hints");
    } finally {
      java.nio.file.Files.delete(empty);
    }
  }

  @Test
  void badFlagsAndPortsAreUsageErrors() {
    assertUsageError(rootwalk("lookup", "www.example.com", "--bogus"), "unknown option '--bogus'");
    assertUsageError(CliRun.of("lookup", "x.com", "--upstream-port", "seventy"), "--upstream-port");
    assertUsageError(CliRun.of("lookup", "x.com", "--upstream-port", "70000"), "--upstream-port");
    assertUsageError(CliRun.of("lookup"), "missing required parameter: 'NAME'");
    assertUsageError(CliRun.of("frobnicate"), "unknown command");
    assertUsageError(CliRun.of("serve"), "--listen");
    assertUsageError(CliRun.of("serve", "--listen", "localhost:53"), "not an IP address literal");
  }

  @Test
  void noArgumentsPrintsUsageAndExits64() {
    CliRun run = CliRun.of();

    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.err()).contains("usage: rootwalk");
  }

  @Test
  void helpPrintsUsageToStdoutAndExitsZero() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("usage: rootwalk")
        .contains("lookup")
        .contains("'rootwalk COMMAND --help'");
    CliRun lookup = CliRun.of("lookup", "-h");
    assertThat(lookup.exit()).isZero();
    assertThat(lookup.out()).contains("usage: rootwalk lookup").contains("--upstream-port");
  }

  private static void assertUsageError(CliRun run, String reason) {
    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.errorLine()).startsWith("rootwalk: ").contains(reason);
    assertThat(run.err())
        .contains("usage: rootwalk")
        .doesNotContain("Exception\n\tat ")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }
}
