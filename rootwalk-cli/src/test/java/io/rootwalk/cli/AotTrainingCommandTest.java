package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code rootwalk aot-training}, the wrapper's training run for its AOT cache: offline, every reply
 * checked, hidden from the command list and the completion script.
 */
class AotTrainingCommandTest {

  @Test
  void servesTheWideLabColdThenFromItsCacheAndCountsEveryReplyRight() {
    // Given 25 zones (100 questions) and one hit pass, when the training runs
    CliRun run = CliRun.of("aot-training", "--zones", "25", "--hit-passes", "1");

    // then every question got the world's outcome, cold and again from the cache.
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "aot-training: 100 questions over 25 zones, 2 passes, 200 right, 0 wrong or lost, ");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void badSizesAreAUsageError() {
    CliRun run = CliRun.of("aot-training", "--zones", "0");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--zones must be positive");
  }

  @Test
  void itIsHiddenFromHelpAndCompletion() {
    assertThat(CliRun.of("--help").out()).doesNotContain("aot-training");
    assertThat(CliRun.of("completion").out()).doesNotContain("aot-training");
  }
}
