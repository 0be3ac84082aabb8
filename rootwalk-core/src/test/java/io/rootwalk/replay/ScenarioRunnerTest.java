package io.rootwalk.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.ScriptedQuery;
import io.rootwalk.testing.rpl.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner itself: what a failing check says, and that the CONFIG reaches the resolver. Each case
 * is walk.rpl with one line changed.
 */
class ScenarioRunnerTest {

  private static String walk() throws IOException {
    return Files.readString(ReplayScenariosTest.SCENARIOS.resolve("walk.rpl"));
  }

  private static Scenario walkWith(String line, String instead) throws IOException {
    String text = walk();
    assertThat(text).contains(line);
    return Scenario.parse(text.replace(line, instead), "changed-walk.rpl");
  }

  @Test
  void aWrongAnswerFailsWithTheStepBothAnswersAndTheTrace() throws IOException {
    Scenario wrong =
        walkWith("www.example.com. IN A 192.0.2.80", "www.example.com. IN A 192.0.2.99");

    assertThatThrownBy(() -> ScenarioRunner.play(wrong))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "changed-walk.rpl STEP 2 (line 97) CHECK_ANSWER failed for STEP 1 QUERY www.example.com. A:")
        .hasMessageContaining("answer: expected\n      www.example.com.\t3600\tIN\tA\t192.0.2.99")
        .hasMessageContaining("got\n      www.example.com.\t3600\tIN\tA\t192.0.2.80")
        .hasMessageContaining("actual: NOERROR (rcode NOERROR), answer\n      www.example.com.")
        .hasMessageContaining("trace:\n")
        .hasMessageContaining("127.77.0.3");
  }

  @Test
  void queriesNoRangeAnsweredAreListedWhenACheckFails() throws IOException {
    Scenario gap =
        walkWith(
            "www.example.com. IN A\nSECTION ANSWER\nwww.example.com. 3600",
            "wwx.example.com. IN A\nSECTION ANSWER\nwwx.example.com. 3600");

    assertThatThrownBy(() -> ScenarioRunner.play(gap))
        .hasMessageContaining("rcode: expected NOERROR, got SERVFAIL (SERVFAIL)")
        .hasMessageContaining(
            "queries no RANGE answered (they got SERVFAIL):\n  www.example.com. A to 127.77.0.3");
  }

  @Test
  void glueToAnAddressNoRangeServesIsNeverSentOffLoopback() throws IOException {
    Scenario leak =
        walkWith(
            "a.gtld-servers.net. 172800 IN A 198.51.100.30",
            "a.gtld-servers.net. 172800 IN A 192.0.2.99");

    assertThatThrownBy(() -> ScenarioRunner.play(leak))
        .hasMessageContaining("rcode: expected NOERROR, got SERVFAIL")
        .hasMessageContaining("refused, not loopback: [192.0.2.99 port ");
  }

  @Test
  void theConfigsQueryMinimisationReachesTheResolver() throws IOException {
    List<ScriptedQuery> queries =
        ScenarioRunner.play(Scenario.parse(ReplayScenariosTest.SCENARIOS.resolve("cname.rpl")));

    assertThat(queries)
        .filteredOn(q -> q.server().getHostAddress().equals("127.77.0.1"))
        .extracting(q -> q.question().orElseThrow().getName().toString())
        .as("the root sees only the top label of each name")
        .containsExactly(".", "com.", "net.");
  }

  @Test
  void aCheckBeforeAnyQueryIsAScenarioMistake() throws IOException {
    String text =
        walk()
            .replaceFirst(
                "STEP 1 QUERY\nENTRY_BEGIN\nREPLY RD\nSECTION QUESTION\nwww.example.com. IN A\nENTRY_END\n",
                "");

    assertThatThrownBy(() -> ScenarioRunner.play(Scenario.parse(text, "no-query.rpl")))
        .hasMessage("no-query.rpl STEP 2 (line 91) CHECK_ANSWER: no STEP QUERY came before it");
  }
}
