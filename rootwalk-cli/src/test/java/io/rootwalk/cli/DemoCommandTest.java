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
    for (DemoCommand.Scenario s : DemoCommand.DNSSEC_SCENARIOS) {
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

  @Test
  void theDemoChecksTheBrokenDelegationsAndNamesWhatIsWrong() {
    CliRun run = CliRun.of("demo");
    String out = run.out();
    String checks = out.substring(out.indexOf(DemoCommand.CHECK_SCENARIOS.get(0).title()));

    assertThat(run.exit()).as(run.err()).isZero();
    for (DemoCommand.CheckScenario s : DemoCommand.CHECK_SCENARIOS) {
      assertThat(checks).contains("$ rootwalk check " + s.zone() + "\n");
    }
    assertThat(checks)
        .contains("lame.com.: 1 error, 0 warnings, 2 notices\n")
        .contains("ERROR   LAME_SERVER  ns2.lame.com. 127.53.14.2\n")
        .contains("dead.com.: 3 errors")
        .contains("ERROR   DELEGATION_BROKEN\n")
        .contains("ERROR   MISSING_GLUE  ns1.broken.com.\n")
        .contains("WARNING TOO_FEW_NS\n")
        .contains("NOTICE  NS_TTL_LONG, SINGLE_NETWORK\n");
    assertThat(out.indexOf(DemoCommand.DNSSEC_SCENARIOS.get(1).title()))
        .as("the check scenarios come last, after the DNSSEC ones")
        .isLessThan(out.indexOf(DemoCommand.CHECK_SCENARIOS.get(0).title()));
  }

  @Test
  void theSignedDemoShowsASecureAnswerAndCatchesTheForgedRecord() {
    String out = CliRun.of("demo").out();
    String dnssec = out.substring(out.indexOf(DemoCommand.DNSSEC_SCENARIOS.get(0).title()));
    String secure =
        dnssec.substring(0, dnssec.indexOf(DemoCommand.DNSSEC_SCENARIOS.get(1).title()));
    String forged = dnssec.substring(secure.length());

    assertThat(secure)
        .contains("(dnssec)")
        .contains("anchor-keys . DNSKEY: SECURE")
        .contains("ds-keys example.com. DNSKEY: SECURE")
        .containsPattern(";; security: SECURE \\(.*\\); flags: ad")
        .contains("93.184.216.34");
    assertThat(forged)
        .contains(";; mail.example.com. A: SERVFAIL (DNSSEC_BOGUS: ")
        .contains("rrset mail.example.com. A: BOGUS")
        .contains("; extended DNS error: 6 DNSSEC_BOGUS")
        .doesNotContain(";; ANSWER SECTION:");
  }
}
