package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code rootwalk demo} starts its own lab, walks every scenario and exits 0. */
class DemoCommandTest {

  @Test
  void demoTracesEveryScenarioOfflineAndExitsZero() {
    CliRun run = CliRun.of("demo");

    assertThat(run.exit()).as(run.err()).isZero();
    for (DemoCommand.Scenario s : DemoCommand.SCENARIOS) {
      assertThat(run.out()).contains("$ rootwalk trace " + s.name() + " " + s.type());
    }
    assertThat(run.out())
        .contains("[in-domain glue]")
        .contains("chase ns1.dnshost.net. A")
        .contains("alias -> example.tumblr.com.")
        .contains(";; nope.example.com. A: NXDOMAIN")
        .contains("MISSING_GLUE")
        .contains("lame: REFUSED")
        .contains("0 upstream queries")
        .contains("cached answer www.example.com.");
    assertThat(run.err()).isEmpty();
  }
}
