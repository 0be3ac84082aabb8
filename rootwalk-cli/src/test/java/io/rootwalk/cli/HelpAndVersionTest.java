package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What picocli gives every command: {@code --help} and {@code --version}, and its parse errors
 * turned into the contract's one line and exit 64.
 */
class HelpAndVersionTest {

  /** The project version, from the pom through surefire. */
  private static final String VERSION = System.getProperty("rootwalk.version", "");

  @TempDir Path dir;

  @Test
  void versionPrintsRootwalkAndTheProjectVersionAndExitsZero() {
    assertThat(VERSION).as("surefire passes ${project.version}").matches("\\d+\\.\\d+\\.\\d+.*");
    for (String flag : List.of("--version", "-V")) {
      CliRun run = CliRun.of(flag);

      assertThat(run.exit()).as(flag).isZero();
      assertThat(run.out()).as(flag).isEqualTo("rootwalk " + VERSION + System.lineSeparator());
      assertThat(run.err()).as(flag).isEmpty();
    }
  }

  @Test
  void helpOnEveryCommandExitsZeroAndNamesItsArgumentsAndOptions() {
    Map<String, List<String>> named =
        Map.of(
            "demo", List.of("--verbose"),
            "lookup",
                List.of("NAME", "[TYPE]", "--root-hints", "--upstream-port", "--json", "--verbose"),
            "trace",
                List.of("NAME", "[TYPE]", "--root-hints", "--upstream-port", "--json", "--verbose"),
            "serve", List.of("--listen", "--allow", "--root-hints", "--upstream-port", "--verbose"),
            "bulk",
                List.of(
                    "--in", "--out", "--concurrency", "--trace", "--root-hints", "# are skipped"),
            "completion", List.of("source <(rootwalk completion)"));
    named.forEach(
        (command, words) -> {
          CliRun run = CliRun.of(command, "--help");

          assertThat(run.exit()).as(command).isZero();
          assertThat(run.err()).as(command).isEmpty();
          assertThat(run.out())
              .as(command)
              .startsWith("usage: rootwalk " + command)
              .contains("-h, --help", "-V, --version", "exit status")
              .contains(words);
        });
  }

  @Test
  void topLevelHelpListsEveryCommandAndTheCompletionScript() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("usage: rootwalk [-hV] COMMAND")
        .containsPattern("(?m)^  demo  ")
        .containsPattern("(?m)^  lookup  ")
        .containsPattern("(?m)^  trace  ")
        .containsPattern("(?m)^  serve  ")
        .containsPattern("(?m)^  bulk  ")
        .containsPattern("(?m)^  completion  ")
        .contains("source <(rootwalk completion)")
        .contains(ExitCode.IN_WORDS);
  }

  @Test
  void anUnknownOptionExits64WithOneLineAndAHintToHelp() {
    CliRun run = CliRun.of("lookup", "example.org", "--frobnicate");

    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .first()
        .isEqualTo("rootwalk: unknown option '--frobnicate'");
    assertThat(run.err())
        .contains("usage: rootwalk lookup")
        .contains("Try 'rootwalk lookup --help' for more information.")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void aMalformedValueExits64WithOneLineNamingItAndAHintToHelp() {
    String[][] cases = {
      {
        "rootwalk: --upstream-port must be a number in 1..65535 but was 'fifty-three'",
        "lookup",
        "example.org",
        "--upstream-port",
        "fifty-three"
      },
      {"rootwalk: record type out of range: 0", "trace", "example.org", "TYPE0"},
      {
        "rootwalk: --listen wants ADDR:PORT (IPv6 as [::1]:PORT) but got '127.0.0.1'",
        "serve",
        "--listen",
        "127.0.0.1"
      },
      {
        "rootwalk: --allow '10.0.0.0/33': the prefix length must be 0..32 for IPv4 but was 33",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--allow",
        "10.0.0.0/33"
      },
      {
        "rootwalk: --allow '10.1.2.3/8': 10.1.2.3/8 has host bits set: the network is 10.0.0.0/8,"
            + " the host alone 10.1.2.3/32",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--allow",
        "10.1.2.3/8"
      },
      {
        "rootwalk: invalid value for option '--json': 'yes' is not a boolean",
        "lookup",
        "example.org",
        "--json=yes"
      },
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      CliRun run = CliRun.of(args);

      assertThat(run.exit()).as(c[0]).isEqualTo(64);
      assertThat(run.out()).as(c[0]).isEmpty();
      assertThat(run.errorLine()).isEqualTo(c[0]);
      assertThat(run.err())
          .as(c[0])
          .contains("Try 'rootwalk " + args[0] + " --help'")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }
}
