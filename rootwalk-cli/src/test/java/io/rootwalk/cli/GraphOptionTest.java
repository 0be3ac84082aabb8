package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --graph FILE}: the picture of the walk is written beside the usual output, in the format
 * FILE's ending names; a FILE that cannot be used is a usage error before any query is sent.
 */
class GraphOptionTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @TempDir Path dir;

  @Test
  void traceWritesAnSvgAndStillPrintsTheTextTrace() throws Exception {
    Path svg = dir.resolve("walk.svg");

    CliRun run =
        CliRun.againstLab(lab.get(), "trace", "www.example.com", "A", "--graph", svg.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith(";; www.example.com. A: NOERROR\n")
        .contains("referral -> example.com.")
        .contains("www.example.com.\t86400\tIN\tA\t93.184.216.34");
    assertThat(Files.readString(svg))
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ")
        .contains(">example.com.</text>", ">ns1.example.com. 127.53.10.1</text>")
        .endsWith("</svg>\n");
  }

  @Test
  void aDotEndingInAnyCaseWritesGraphvizDotBesideTheJson() throws Exception {
    Path dot = dir.resolve("walk.DOT");

    CliRun run =
        CliRun.againstLab(lab.get(), "trace", "www.shop.com", "--json", "--graph", dot.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("{").contains("\"kind\" : \"chase\"");
    assertThat(Files.readString(dot))
        .startsWith("digraph walk {")
        .contains("label=\"shop.com.\\nzone cut\"", "shape=hexagon");
  }

  @Test
  void lookupTakesTheOptionToo() throws Exception {
    Path svg = dir.resolve("lookup.svg");

    CliRun run = CliRun.againstLab(lab.get(), "lookup", "www.example.com", "--graph=" + svg);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("referral").contains("93.184.216.34");
    assertThat(Files.readString(svg)).contains(">example.com.</text>");
  }

  @Test
  void anyOtherEndingIsAUsageErrorAndNothingIsAsked() {
    for (String file : List.of("walk.png", "walk", "walk.svg.txt", "walk.sv", "walk.svgz")) {
      CliRun run =
          CliRun.againstLab(
              lab.get(), "trace", "www.example.com", "--graph", dir.resolve(file).toString());

      assertThat(run.exit()).as(file).isEqualTo(ExitCode.USAGE);
      assertThat(run.out()).as(file).isEmpty();
      assertThat(run.errorLine())
          .as(file)
          .startsWith("rootwalk: --graph ")
          .endsWith(": the file name must end .svg (SVG) or .dot (Graphviz DOT)");
      assertThat(run.err()).as(file).contains("usage: rootwalk trace").doesNotContain("\tat ");
    }
    assertThat(lab.get().queryCount()).isZero();
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void aFileThatCannotBeWrittenIsAUsageErrorBeforeAnyQuery() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("pictures.svg"));
    String[][] cases = {
      {dir.resolve("no/such/dir/walk.svg").toString(), "no such directory"},
      {directory.toString(), "is a directory"},
      {"", "--graph needs a file name ending .svg or .dot"},
      {"a\0b.svg", "not a valid path"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.againstLab(lab.get(), "trace", "www.example.com", "--graph", c[0]);

      assertThat(run.exit()).as(c[1]).isEqualTo(ExitCode.USAGE);
      assertThat(run.out()).as(c[1]).isEmpty();
      assertThat(run.errorLine()).as(c[1]).startsWith("rootwalk: ").contains(c[1]);
      assertThat(run.err()).as(c[1]).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void aWriteThatFailsAfterTheWalkIsOneLineOnStderrAfterTheTrace() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "/dev/full exists");
    Path svg = Files.createSymbolicLink(dir.resolve("full.svg"), full);

    CliRun run =
        CliRun.againstLab(lab.get(), "trace", "www.example.com", "--graph", svg.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).startsWith(";; www.example.com. A: NOERROR\n");
    assertThat(run.errorLine()).startsWith("rootwalk: cannot write graph file " + svg + ": ");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
