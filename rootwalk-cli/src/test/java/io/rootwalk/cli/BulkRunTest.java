package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwalk.LookupOptions;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BulkRun}, the part of {@code bulk} that keeps lookups in flight: bounded however long the
 * input, and a line for every question even when its lookup ends without a resolution.
 */
class BulkRunTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void twoThousandNamesAllGetALineWithNeverMoreThanTheConcurrencyInFlight() throws Exception {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      input.append(i % 2 == 0 ? "host" + i + ".example.com\n" : "www.example.com\n");
    }
    try (Resolver resolver =
        Resolver.builder()
            .rootHints(RootHints.fromFile(lab.get().rootHintsFile()))
            .upstreamPort(lab.get().port())
            .build()) {
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger peak = new AtomicInteger();
      Function<Question, CompletionStage<Resolution>> counted =
          q -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return resolver
                .lookupAsync(q, LookupOptions.defaults())
                .whenComplete((r, e) -> inFlight.decrementAndGet());
          };
      BulkTally tally = new BulkTally();

      String out = run(new BulkRun(counted, 16, false, tally), input.toString());

      List<JsonNode> lines = BulkCommandTest.jsonLines(out);
      assertThat(lines).hasSize(2_000);
      assertThat(lines.stream().map(l -> l.get("name").asText()).distinct()).hasSize(1_001);
      assertThat(lines.stream().filter(l -> l.get("status").asText().equals("NXDOMAIN")))
          .hasSize(1_000);
      assertThat(peak.get()).isBetween(1, 16);
      assertThat(inFlight.get()).isZero();
      assertThat(tally.written()).isEqualTo(2_000);
      assertThat(tally.written(BulkTally.LineStatus.NOERROR)).isEqualTo(1_000);
      assertThat(resolver.lookupStatistics().lookups()).isEqualTo(2_000);
      assertThat(resolver.lookupStatistics().lookups(Status.NXDOMAIN)).isEqualTo(1_000);
    }
  }

  @Test
  void aLookupThatFailsOrThrowsStillGivesASERVFAILLine() throws Exception {
    Function<Question, CompletionStage<Resolution>> broken =
        q -> {
          if (q.name().toString().startsWith("throws")) {
            throw new IllegalStateException("resolver closed");
          }
          return CompletableFuture.failedFuture(new IllegalStateException("boom"));
        };

    String out = run(new BulkRun(broken, 2, true, new BulkTally()), "fails.test\nthrows.test MX\n");

    List<JsonNode> lines = BulkCommandTest.jsonLines(out);
    assertThat(lines)
        .extracting(
            l -> l.get("name").asText(),
            l -> l.get("type").asText(),
            l -> l.get("status").asText(),
            l -> l.get("rcode").asText(),
            l -> l.get("failure").get("reason").asText(),
            l -> l.get("failure").get("detail").asText())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "fails.test.",
                "A",
                "SERVFAIL",
                "SERVFAIL",
                "INTERNAL_ERROR",
                "java.lang.IllegalStateException: boom"),
            org.assertj.core.groups.Tuple.tuple(
                "throws.test.",
                "MX",
                "SERVFAIL",
                "SERVFAIL",
                "INTERNAL_ERROR",
                "java.lang.IllegalStateException: resolver closed"));
  }

  @Test
  void aByteOrderMarkBeforeTheFirstNameIsIgnored() throws Exception {
    Function<Question, CompletionStage<Resolution>> none =
        q -> CompletableFuture.failedFuture(new IllegalStateException("not asked"));

    String out = run(new BulkRun(none, 1, false, new BulkTally()), "\uFEFFwww.example.com\n");

    assertThat(BulkCommandTest.jsonLines(out).get(0).get("name").asText())
        .isEqualTo("www.example.com.");
  }

  @Test
  void outputLinesAreAsciiWhateverTheInputHolds() throws Exception {
    Function<Question, CompletionStage<Resolution>> none =
        q -> CompletableFuture.failedFuture(new IllegalStateException("not asked"));

    String out = run(new BulkRun(none, 1, false, new BulkTally()), "b\u00fccher..example\n");

    assertThat(out).hasLineCount(1).matches("\\p{ASCII}*");
    assertThat(BulkCommandTest.jsonLines(out).get(0).get("name").asText())
        .isEqualTo("b\u00fccher..example");
  }

  @Test
  void crlfLineEndsANameWithoutALastLineBreakAndAnOverlongLineAreEachOneLine() throws Exception {
    Function<Question, CompletionStage<Resolution>> none =
        q -> CompletableFuture.failedFuture(new IllegalStateException("not asked"));
    String input = "www.example.com\r\n" + "x".repeat(100_000) + " A\r\n" + "last.example.com MX";

    String out = run(new BulkRun(none, 3, false, new BulkTally()), input);

    assertThat(BulkCommandTest.jsonLines(out))
        .extracting(
            l -> l.get("name").asText(),
            l -> l.get("type").asText(),
            l -> l.get("failure").get("reason").asText(),
            l -> l.get("failure").get("detail").asText())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "www.example.com.",
                "A",
                "INTERNAL_ERROR",
                "java.lang.IllegalStateException: not asked"),
            org.assertj.core.groups.Tuple.tuple(
                "x".repeat(64) + "...", "A", "INVALID_LINE", "line longer than 4096 characters"),
            org.assertj.core.groups.Tuple.tuple(
                "last.example.com.",
                "MX",
                "INTERNAL_ERROR",
                "java.lang.IllegalStateException: not asked"));
  }

  /** Runs {@code input} through {@code run} from a stream to a string, as {@code - -} would. */
  private static String run(BulkRun run, String input) throws Exception {
    StringWriter text = new StringWriter();
    try (BulkInput in =
            BulkInput.open("-", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        PrintWriter stdout = new PrintWriter(text);
        BulkOutput out = BulkOutput.open("-", in, stdout)) {
      run.run(in, out);
    }
    return text.toString();
  }
}
