package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rootwalk bulk}: given the demo hierarchy, when a file of lines is bulk-resolved, then one
 * JSON line per question line, in any order, with the fields the CLI contract names.
 */
class BulkCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> FIELDS =
      List.of(
          "name", "type", "status", "rcode", "answers", "failure", "upstreamQueries", "elapsedMs");

  private static final String MIXED =
      String.join(
          "\n",
          "# names of the demo hierarchy",
          "www.example.com",
          "   nope.example.com   ",
          "",
          "www.example.com\tMX",
          "example.com mx",
          "api.example.com TYPE1",
          "\t",
          "www.example.com",
          "bad..name",
          "www.example.com BOGUS",
          "a.example.com A extra",
          "  # an indented comment",
          "");

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @TempDir Path dir;

  @Test
  void mixedInputGivesOneJsonLinePerQuestionAndSkipsBlankAndCommentLines() throws Exception {
    Path in = Files.writeString(dir.resolve("names.txt"), MIXED);
    Path out = dir.resolve("out.jsonl");

    CliRun run =
        CliRun.againstLab(lab.get(), "bulk", "--in", in.toString(), "--out", out.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
    List<JsonNode> lines = jsonLines(Files.readString(out));
    assertThat(lines).allSatisfy(line -> assertThat(fieldNames(line)).isEqualTo(FIELDS));
    assertThat(lines)
        .extracting(
            l -> l.get("name").asText(), l -> l.get("type").asText(), BulkCommandTest::status)
        .containsExactlyInAnyOrder(
            tuple("www.example.com.", "A", "NOERROR"),
            tuple("www.example.com.", "A", "NOERROR"), // a duplicate is looked up again
            tuple("nope.example.com.", "A", "NXDOMAIN"),
            tuple("www.example.com.", "MX", "NODATA"),
            tuple("example.com.", "MX", "NOERROR"),
            tuple("api.example.com.", "A", "NOERROR"),
            tuple("bad..name", "A", "INVALID"),
            tuple("www.example.com", "BOGUS", "INVALID"),
            tuple("a.example.com", "A", "INVALID"));
    JsonNode www = find(lines, "www.example.com.", "A");
    assertThat(www.get("rcode").asText()).isEqualTo("NOERROR");
    assertThat(www.get("answers").get(0).asText())
        .isEqualTo("www.example.com.\t86400\tIN\tA\t93.184.216.34");
    assertThat(www.get("failure").isNull()).isTrue();
    assertThat(find(lines, "nope.example.com.", "A").get("rcode").asText()).isEqualTo("NXDOMAIN");
    assertThat(find(lines, "example.com.", "MX").get("answers")).hasSize(2);
    JsonNode badName = find(lines, "bad..name", "A");
    assertThat(badName.get("rcode").isNull()).isTrue();
    assertThat(badName.get("failure").get("reason").asText()).isEqualTo("INVALID_NAME");
    assertThat(badName.get("failure").get("detail").asText()).contains("empty label");
    JsonNode badType = find(lines, "www.example.com", "BOGUS");
    assertThat(badType.get("failure").get("reason").asText()).isEqualTo("INVALID_TYPE");
    assertThat(badType.get("failure").get("detail").asText())
        .isEqualTo("unknown record type: BOGUS");
    assertThat(find(lines, "a.example.com", "A").get("failure").get("detail").asText())
        .isEqualTo("expected 'name' or 'name type' but found 3 fields");
    assertThat(run.err())
        .isEqualTo(run.err().lines().findFirst().orElse("") + "\n")
        .startsWith("bulk: 9 names in ")
        .contains("names/s (NOERROR 4, NXDOMAIN 1, NODATA 1, INVALID 3)");
  }

  @Test
  void aWalkCountsItsUpstreamQueriesAndACacheHitCountsNone() throws Exception {
    CliRun run =
        CliRun.againstLabWithInput(
            lab.get(), "www.example.com\n", "bulk", "--in", "-", "--out", "-");

    JsonNode line = jsonLines(run.out()).get(0);
    assertThat(line.get("upstreamQueries").asInt()).isPositive();
    assertThat(line.get("elapsedMs").isNumber()).isTrue();
  }

  @Test
  void stdinToStdoutWithTheSummaryOnStderr() {
    CliRun run =
        CliRun.againstLabWithInput(
            lab.get(), "www.example.com\nmail.example.com A\n", "bulk", "--in", "-", "--out", "-");

    assertThat(run.exit()).isZero();
    assertThat(jsonLines(run.out()))
        .extracting(l -> l.get("name").asText(), l -> l.get("answers").get(0).asText())
        .containsExactlyInAnyOrder(
            tuple("www.example.com.", "www.example.com.\t86400\tIN\tA\t93.184.216.34"),
            tuple("mail.example.com.", "mail.example.com.\t86400\tIN\tA\t93.184.216.50"));
    assertThat(run.out()).endsWith("}\n").doesNotContain("\n\n");
    assertThat(run.err()).startsWith("bulk: 2 names in ").contains("(NOERROR 2)");
  }

  @Test
  void withTraceEachLineCarriesTheTraceAsTraceJsonPrintsIt() {
    CliRun bulk =
        CliRun.againstLabWithInput(
            lab.get(), "www.shop.com\n", "bulk", "--in", "-", "--out", "-", "--trace");
    CliRun trace = CliRun.againstLab(lab.get(), "trace", "www.shop.com", "--json");

    JsonNode bulkTrace = jsonLines(bulk.out()).get(0).get("trace");
    JsonNode traceJson = parse(trace.out()).get("trace");
    assertThat(fieldNames(bulkTrace)).isEqualTo(fieldNames(traceJson));
    assertThat(kindsAndOutcomes(bulkTrace)).isEqualTo(kindsAndOutcomes(traceJson)).isNotEmpty();
    assertThat(kindsAndOutcomes(bulkTrace)).contains(tuple("chase", "chase"));
    assertThat(fieldNames(jsonLines(bulk.out()).get(0)))
        .containsExactlyElementsOf(concat(FIELDS, "trace"));
  }

  @Test
  void oneLineAtATimeAndManyInFlightGiveTheSameResults() throws Exception {
    StringBuilder names = new StringBuilder();
    for (String name :
        List.of(
            "www.example.com",
            "mail.example.com",
            "blog.example.com",
            "api.example.com",
            "v2.api.example.com",
            "www.shop.com",
            "missing.example.com",
            "example.com MX",
            "example.com TXT",
            "www.example.com AAAA",
            "no..pe")) {
      names.append(name).append('\n');
    }
    Path in = Files.writeString(dir.resolve("names.txt"), names);

    List<Tuple> one = results(in, "1");
    List<Tuple> many = results(in, "64");

    assertThat(one).hasSize(11).containsExactlyInAnyOrderElementsOf(many);
  }

  @Test
  void aBadConcurrencyIsAUsageError() throws Exception {
    Path in = Files.writeString(dir.resolve("names.txt"), "www.example.com\n");
    for (String n : List.of("0", "100001", "-3", "many", "")) {
      CliRun run =
          CliRun.againstLab(
              lab.get(), "bulk", "--in", in.toString(), "--out", "-", "--concurrency=" + n);

      assertThat(run.exit()).as(n).isEqualTo(64);
      assertThat(run.out()).as(n).isEmpty();
      assertThat(run.errorLine())
          .as(n)
          .isEqualTo("rootwalk: --concurrency must be a number in 1..100000 but was '" + n + "'");
    }
  }

  @Test
  void aMissingInputIsAUsageErrorAndLeavesTheOutputAlone() throws Exception {
    Path out = Files.writeString(dir.resolve("out.jsonl"), "kept\n");
    Path missing = dir.resolve("nope.txt");

    CliRun run =
        CliRun.againstLab(lab.get(), "bulk", "--in", missing.toString(), "--out", out.toString());

    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.errorLine())
        .isEqualTo("rootwalk: cannot read input file " + missing + ": no such file");
    assertThat(run.err()).contains("usage: rootwalk bulk").doesNotContain("Exception");
    assertThat(Files.readString(out)).isEqualTo("kept\n");
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void anUnwritableOutputOrTheInputAsOutputIsAUsageError() throws Exception {
    Path in = Files.writeString(dir.resolve("names.txt"), "www.example.com\n");
    Path noDir = dir.resolve("no/such/dir/out.jsonl");
    String[][] cases = {
      {noDir.toString(), "rootwalk: cannot write output file " + noDir + ": no such directory"},
      {dir.toString(), "rootwalk: output file " + dir + " is a directory"},
      {in.toString(), "rootwalk: output file " + in + " is the input file"},
      {"", "rootwalk: --out needs a file name, or - for standard input or output"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.againstLab(lab.get(), "bulk", "--in", in.toString(), "--out", c[0]);

      assertThat(run.exit()).as(c[0]).isEqualTo(64);
      assertThat(run.errorLine()).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(Files.readString(in)).isEqualTo("www.example.com\n");
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void anOutputThatFailsEndsTheRunWithOneLineAndExit74() throws Exception {
    Path full = Path.of("/dev/full"); // every write fails with ENOSPC
    assumeThat(Files.isWritable(full)).as("/dev/full exists").isTrue();
    Path in = Files.writeString(dir.resolve("names.txt"), "www.example.com\n".repeat(5_000));

    CliRun run =
        CliRun.againstLab(lab.get(), "bulk", "--in", in.toString(), "--out", full.toString());

    assertThat(run.exit()).isEqualTo(74);
    assertThat(run.err())
        .isEqualTo("rootwalk: cannot write output file /dev/full: No space left on device\n");
  }

  private List<Tuple> results(Path in, String concurrency) {
    CliRun run =
        CliRun.againstLab(
            lab.get(), "bulk", "--in", in.toString(), "--out", "-", "--concurrency", concurrency);
    assertThat(run.exit()).isZero();
    List<Tuple> results = new ArrayList<>();
    for (JsonNode l : jsonLines(run.out())) {
      results.add(
          tuple(
              l.get("name").asText(),
              l.get("type").asText(),
              status(l),
              l.get("rcode").asText(),
              l.get("answers").toString(),
              l.get("failure").toString()));
    }
    return results;
  }

  private static String status(JsonNode line) {
    return line.get("status").asText();
  }

  private static JsonNode find(List<JsonNode> lines, String name, String type) {
    return lines.stream()
        .filter(l -> l.get("name").asText().equals(name) && l.get("type").asText().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static List<Tuple> kindsAndOutcomes(JsonNode trace) {
    List<Tuple> steps = new ArrayList<>();
    trace
        .get("steps")
        .forEach(s -> steps.add(tuple(s.get("kind").asText(), s.get("outcome").asText())));
    return steps;
  }

  static List<JsonNode> jsonLines(String text) {
    return text.lines().map(BulkCommandTest::parse).toList();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> all = new ArrayList<>(list);
    all.add(last);
    return all;
  }
}
