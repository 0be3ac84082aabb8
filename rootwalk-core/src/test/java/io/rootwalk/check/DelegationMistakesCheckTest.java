package io.rootwalk.check;

import static io.rootwalk.testing.DelegationMistakes.ns;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DelegationMistakes;
import io.rootwalk.testing.DnsLab;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;

/**
 * Given a hierarchy where each zone has one of the delegation mistakes the seeds describe (and one
 * healthy zone), when each zone is checked, then exactly its mistake is found: code, severity and
 * server, nothing more.
 */
class DelegationMistakesCheckTest {

  private static DnsLab lab;

  @BeforeAll
  static void startTheHierarchy() {
    lab = DelegationMistakes.start();
  }

  @AfterAll
  static void stopIt() {
    lab.close();
  }

  private static DelegationReport check(String zone) {
    try (Resolver resolver = LabResolvers.builderFor(lab).build()) {
      return resolver.check(
          Name.fromConstantString(zone),
          CheckOptions.defaults().withQueryTimeout(Duration.ofMillis(500)));
    }
  }

  static Stream<Arguments> mistakes() {
    String unreachable = DelegationMistakes.UNREACHABLE_ADDRESS;
    return Stream.of(
        zone(DelegationMistakes.LAME, "ERROR LAME_SERVER " + ns(2, "lame.test.") + " 127.55.22.1"),
        zone(DelegationMistakes.NOAA, "ERROR LAME_SERVER " + ns(2, "noaa.test.") + " 127.55.32.1"),
        zone(
            DelegationMistakes.UPWARD,
            "ERROR LAME_SERVER " + ns(2, "upward.test.") + " 127.55.42.1"),
        zone(
            DelegationMistakes.SERVFAIL,
            "ERROR LAME_SERVER " + ns(2, "servfail.test.") + " 127.55.52.1"),
        zone(
            DelegationMistakes.UNREACHABLE,
            "ERROR SERVER_UNREACHABLE " + ns(2, "unreachable.test.") + " " + unreachable),
        zone(DelegationMistakes.NOTCP, "WARNING NO_TCP " + ns(2, "notcp.test.") + " 127.55.72.1"),
        zone(
            DelegationMistakes.EDNS, "WARNING EDNS_BROKEN " + ns(2, "edns.test.") + " 127.55.82.1"),
        zone(DelegationMistakes.MISSING_GLUE, "ERROR MISSING_GLUE " + ns(2, "missingglue.test.")),
        zone(
            DelegationMistakes.STALE_GLUE,
            "ERROR STALE_GLUE "
                + ns(2, "staleglue.test.")
                + " "
                + DelegationMistakes.STALE_GLUE_OLD_ADDRESS),
        zone(DelegationMistakes.MISMATCH, "WARNING NS_PARENT_CHILD_MISMATCH"),
        zone(DelegationMistakes.INCONSISTENT, "WARNING NS_INCONSISTENT"),
        zone(DelegationMistakes.SERIAL, "WARNING SOA_SERIAL_MISMATCH"),
        zone(DelegationMistakes.LONG_TTL, "WARNING NS_TTL_LONG"),
        zone(DelegationMistakes.PARENT_TTL, "NOTICE NS_TTL_LONG"),
        zone(
            DelegationMistakes.UNRESOLVABLE, "ERROR NS_UNRESOLVABLE " + DelegationMistakes.GONE_NS),
        zone(DelegationMistakes.ALIAS, "WARNING NS_IS_ALIAS " + DelegationMistakes.ALIAS_NS),
        zone(DelegationMistakes.ONE_NS, "WARNING TOO_FEW_NS"),
        zone(DelegationMistakes.SHARED, "WARNING SHARED_ADDRESS"),
        zone(DelegationMistakes.ONE_NET, "NOTICE SINGLE_NETWORK"),
        zone(DelegationMistakes.BIG_REFERRAL, "WARNING REFERRAL_TOO_LARGE"),
        zone(
            DelegationMistakes.OPEN_RECURSION,
            "WARNING OPEN_RECURSION " + ns(2, "openrecursion.test.") + " 127.55.222.1"),
        zone(
            DelegationMistakes.AXFR,
            "WARNING ZONE_TRANSFER_OPEN " + ns(2, "axfr.test.") + " 127.55.232.1"),
        zone(
            DelegationMistakes.DEAD,
            "ERROR DELEGATION_BROKEN",
            "ERROR LAME_SERVER " + ns(1, "dead.test.") + " 127.55.241.1",
            "ERROR LAME_SERVER " + ns(2, "dead.test.") + " 127.55.242.1"));
  }

  private static Arguments zone(String zone, String... findings) {
    return Arguments.of(zone, List.of(findings));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mistakes")
  void eachMistakeIsFoundAndNothingElse(String zone, List<String> expected) {
    DelegationReport r = check(zone);

    assertThat(CheckFindings.of(r)).as(r.findings().toString()).containsExactlyElementsOf(expected);
    assertThat(r.findings())
        .allSatisfy(
            f -> {
              assertThat(f.detail()).isNotBlank();
              assertThat(f.severity()).isEqualTo(expectedSeverity(f));
            });
  }

  private static Severity expectedSeverity(Finding f) {
    return f.code() == FindingCode.NS_TTL_LONG && f.detail().contains("delegation NS TTL")
        ? Severity.NOTICE
        : f.code().severity();
  }

  @Test
  void theHealthyZoneIsClean() {
    DelegationReport r = check(DelegationMistakes.HEALTHY);

    assertThat(r.findings()).isEmpty();
    assertThat(r.healthy()).isTrue();
    assertThat(r.servers())
        .extracting(s -> s.name().toString())
        .containsExactly(ns(1, "healthy.test."), ns(2, "healthy.test."));
    assertThat(r.servers())
        .flatExtracting(NameServerReport::addresses)
        .allSatisfy(
            a -> {
              assertThat(a.probed() && a.udp() && a.tcp() && a.edns() && a.authoritative())
                  .isTrue();
              assertThat(a.soaSerial()).hasValue(DelegationMistakes.SERIAL_NUMBER);
              assertThat(a.apexNsTtl()).hasValue(3600);
              assertThat(a.zoneTransfer()).isEqualTo(ZoneTransfer.REFUSED);
            });
    assertThat(r.parent().orElseThrow().parentZone()).hasToString(DelegationMistakes.TLD);
  }

  @Test
  void theEvidenceOfStaleGlueNamesBothAddresses() {
    DelegationReport r = check(DelegationMistakes.STALE_GLUE);

    Finding stale = r.findings(FindingCode.STALE_GLUE).get(0);
    assertThat(stale.detail())
        .contains(
            DelegationMistakes.STALE_GLUE_OLD_ADDRESS, DelegationMistakes.STALE_GLUE_NEW_ADDRESS);
    assertThat(stale.evidence()).isNotEmpty();
    NameServerReport ns2 =
        r.servers().stream()
            .filter(s -> s.name().toString().equals(ns(2, "staleglue.test.")))
            .findFirst()
            .orElseThrow();
    assertThat(ns2.addresses())
        .extracting(a -> a.address().getHostAddress() + " " + a.sources())
        .containsExactlyInAnyOrder(
            DelegationMistakes.STALE_GLUE_OLD_ADDRESS + " [GLUE]",
            DelegationMistakes.STALE_GLUE_NEW_ADDRESS + " [RESOLVED, CHILD]");
  }
}
