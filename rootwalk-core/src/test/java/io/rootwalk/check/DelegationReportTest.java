package io.rootwalk.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.Trace;
import io.rootwalk.WorkSpent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The report's verdict and order, and the options' bounds, as values. */
class DelegationReportTest {

  private static final Trace EMPTY = new Trace(List.of(), 0, Duration.ZERO, WorkSpent.NONE);
  private static final Name ZONE = Name.fromConstantString("example.com.");

  private static Finding finding(FindingCode code, Severity severity, String server) {
    Optional<ServerId> id =
        server.isEmpty()
            ? Optional.empty()
            : Optional.of(ServerId.named(Name.fromConstantString(server)));
    return new Finding(code, severity, id, "detail", List.of());
  }

  private static DelegationReport report(Finding... findings) {
    return new DelegationReport(ZONE, Optional.empty(), List.of(), List.of(findings), EMPTY);
  }

  @Test
  void aZoneWithNoticesOnlyIsHealthy() {
    DelegationReport r = report(finding(FindingCode.SINGLE_NETWORK, Severity.NOTICE, ""));
    assertThat(r.healthy()).isTrue();
    assertThat(r.worst()).contains(Severity.NOTICE);
    assertThat(report().healthy()).isTrue();
    assertThat(report().worst()).isEmpty();
  }

  @Test
  void aWarningMakesItUnhealthyAndErrorsComeFirst() {
    DelegationReport r =
        report(
            finding(FindingCode.NS_TTL_LONG, Severity.NOTICE, ""),
            finding(FindingCode.NO_TCP, Severity.WARNING, "ns2.example.com."),
            finding(FindingCode.LAME_SERVER, Severity.ERROR, "ns2.example.com."),
            finding(FindingCode.LAME_SERVER, Severity.ERROR, "ns1.example.com."));
    assertThat(r.healthy()).isFalse();
    assertThat(r.worst()).contains(Severity.ERROR);
    assertThat(r.findings())
        .extracting(f -> f.code() + " " + f.server().map(ServerId::toString).orElse("-"))
        .containsExactly(
            "LAME_SERVER ns1.example.com.",
            "LAME_SERVER ns2.example.com.",
            "NO_TCP ns2.example.com.",
            "NS_TTL_LONG -");
    assertThat(r.findings(FindingCode.LAME_SERVER)).hasSize(2);
  }

  @Test
  void everyCodeHasTheIssuesSeverityAndAFix() {
    assertThat(FindingCode.values())
        .filteredOn(c -> c.severity() == Severity.ERROR)
        .containsExactlyInAnyOrder(
            FindingCode.DELEGATION_BROKEN,
            FindingCode.LAME_SERVER,
            FindingCode.SERVER_UNREACHABLE,
            FindingCode.MISSING_GLUE,
            FindingCode.STALE_GLUE,
            FindingCode.NS_UNRESOLVABLE);
    assertThat(FindingCode.SINGLE_NETWORK.severity()).isEqualTo(Severity.NOTICE);
    assertThat(FindingCode.values()).allSatisfy(c -> assertThat(c.fix()).isNotBlank());
    assertThat(Severity.ERROR.atLeast(Severity.WARNING)).isTrue();
    assertThat(Severity.NOTICE.atLeast(Severity.WARNING)).isFalse();
  }

  @Test
  void optionsRefuseEmptyBounds() {
    CheckOptions d = CheckOptions.defaults();
    assertThat(d.deadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.nsTtlThreshold()).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> d.withQueryTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queryTimeout");
    assertThatThrownBy(
            () ->
                new CheckOptions(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    0,
                    1,
                    1,
                    Duration.ofDays(1),
                    true,
                    true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
