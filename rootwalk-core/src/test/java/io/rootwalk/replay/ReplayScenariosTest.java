package io.rootwalk.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rootwalk.testing.rpl.Scenario;
import io.rootwalk.testing.rpl.ScenarioFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every {@code *.rpl} under {@code src/test/resources/scenarios/} against Rootwalk, one
 * test each, named after the file. To add a scenario, drop a file there: the format is Deckard's
 * (see {@code io.rootwalk.testing.rpl}), the addresses any you like outside 127.77/16.
 */
class ReplayScenariosTest {

  /** Relative to the module, where Maven runs its tests. */
  static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");

  @TestFactory
  Stream<DynamicTest> everyScenarioReplays() throws IOException {
    assertThat(SCENARIOS).as("run from rootwalk-core's directory").isDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SCENARIOS)) {
      files = walk.filter(p -> p.toString().endsWith(".rpl")).sorted().toList();
    }
    assertThat(files).as("scenarios in " + SCENARIOS).isNotEmpty();
    return files.stream()
        .map(
            file ->
                dynamicTest(
                    SCENARIOS.relativize(file).toString(), file.toUri(), () -> replay(file)));
  }

  private static void replay(Path file) {
    Scenario scenario;
    try {
      scenario = Scenario.parse(file);
    } catch (ScenarioFormatException e) {
      // The message says file, line and what: the parser's stack would say nothing more.
      throw new AssertionError(e.getMessage(), null);
    }
    ScenarioRunner.play(scenario);
  }
}
