package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rootwalk completion}: a script that bash (and zsh, through bashcompinit) can load. */
class CompletionCommandTest {

  @TempDir Path dir;

  @Test
  void completionPrintsABashAndZshScriptForEveryCommandAndOption() {
    CliRun run = CliRun.of("completion");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("complete -F _complete_rootwalk")
        .contains("bashcompinit") // how zsh loads it
        .contains("demo", "lookup", "trace", "check", "serve", "bulk", "completion")
        .contains("--in", "--out", "--concurrency")
        .contains("--root-hints", "--upstream-port", "--listen", "--json", "--verbose", "--graph")
        .contains("--ns-ttl-threshold", "--no-axfr", "--no-recursion-test")
        .contains("\"AAAA\"");
  }

  @Test
  void theCompletionScriptCompletesCommandsAndTypesInBash() throws Exception {
    Path bash = Path.of("/bin/bash");
    assumeThat(Files.isExecutable(bash)).as("bash is installed").isTrue();
    Path script = Files.writeString(dir.resolve("rootwalk.bash"), CliRun.of("completion").out());

    assertThat(complete(bash, script, "rootwalk lo")).isEqualTo("lookup");
    assertThat(complete(bash, script, "rootwalk trace example.org AA")).isEqualTo("AAAA");
    assertThat(complete(bash, script, "rootwalk serve --li")).isEqualTo("--listen");
    assertThat(complete(bash, script, "rootwalk bulk --con")).isEqualTo("--concurrency");
    assertThat(complete(bash, script, "rootwalk check example.org --no-a")).isEqualTo("--no-axfr");
  }

  /** What bash offers for TAB at the end of {@code line}, once the script is sourced. */
  private static String complete(Path bash, Path script, String line) throws Exception {
    String shell =
        "source \"$1\" && complete -p rootwalk >/dev/null"
            + " && read -ra COMP_WORDS <<< \"$2\" && COMP_CWORD=$((${#COMP_WORDS[@]} - 1))"
            + " && COMP_LINE=\"$2\" && COMP_POINT=${#COMP_LINE}"
            + " && _complete_rootwalk 2>/dev/null; echo \"${COMPREPLY[*]}\"";
    Process p =
        new ProcessBuilder(bash.toString(), "-c", shell, "bash", script.toString(), line)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
