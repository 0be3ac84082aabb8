package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.server.ClientLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code serve}'s per-client options: named in {@code --help} with their defaults, mapped onto
 * {@link ClientLimits}, and a bad value is a usage error that names the option and its range.
 */
class ClientLimitOptionsTest {

  @Test
  void serveHelpDocumentsEveryClientLimitWithItsDefault() {
    CliRun run = CliRun.of("serve", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("--rate-limit=QPS", "default: 0, off")
        .contains("--rate-limit-slip=N", "default: 2")
        .contains("--max-tcp-per-client=N", "default: 32")
        .contains("--max-lookups-per-client=N", "default: 1000");
  }

  @Test
  void withoutOptionsTheServerDefaultsApply() {
    assertThat(parse().limits()).isEqualTo(ClientLimits.DEFAULT);
  }

  @Test
  void theOptionsSetTheLimits() {
    ClientLimitOptions options =
        parse(
            "--rate-limit",
            "50",
            "--rate-limit-slip",
            "3",
            "--max-tcp-per-client",
            "4",
            "--max-lookups-per-client=100");

    assertThat(options.limits()).isEqualTo(new ClientLimits(4, 100, 50, 3));
  }

  @Test
  void outOfRangeValuesAreUsageErrorsNamingTheOption() {
    String[][] cases = {
      {
        "rootwalk: --rate-limit must be a number in 0..1000000000 but was '-1'",
        "--rate-limit",
        "-1"
      },
      {
        "rootwalk: --rate-limit-slip must be a number in 0..10 but was '11'",
        "--rate-limit-slip",
        "11"
      },
      {
        "rootwalk: --max-tcp-per-client must be a number in 1..1000000 but was '0'",
        "--max-tcp-per-client",
        "0"
      },
      {
        "rootwalk: --max-lookups-per-client must be a number in 1..1000000 but was 'many'",
        "--max-lookups-per-client",
        "many"
      },
    };
    for (String[] c : cases) {
      CliRun run = CliRun.of("serve", "--listen", "127.0.0.1:0", c[1], c[2]);

      assertThat(run.exit()).as(c[0]).isEqualTo(64);
      assertThat(run.errorLine()).isEqualTo(c[0]);
      assertThat(run.err()).contains("Try 'rootwalk serve --help'").doesNotContain("Exception");
    }
  }

  private static ClientLimitOptions parse(String... args) {
    ClientLimitOptions options = new ClientLimitOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
