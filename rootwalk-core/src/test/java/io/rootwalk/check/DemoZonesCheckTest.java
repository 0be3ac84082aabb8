package io.rootwalk.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Outcome;
import io.rootwalk.TraceStep;
import io.rootwalk.testing.DemoWorld;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Given the demo hierarchy (seed 003's example.com world, with its broken zones), when its zones
 * are checked, then the seeds' mistakes are found and named, with the exchanges that show them.
 */
class DemoZonesCheckTest {

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

  private DelegationReport check(String zone) {
    return lab.resolver()
        .check(
            Name.fromConstantString(zone),
            CheckOptions.defaults().withQueryTimeout(Duration.ofMillis(400)));
  }

  @Test
  void exampleComIsHealthyWithTheParentsSideShown() {
    DelegationReport r = check("example.com.");

    assertThat(r.healthy()).as(r.findings().toString()).isTrue();
    // com.'s two-day delegation TTL, as many TLDs have, and both servers in 127.53.10.0/24.
    assertThat(CheckFindings.of(r)).containsExactly("NOTICE NS_TTL_LONG", "NOTICE SINGLE_NETWORK");
    ParentDelegation parent = r.parent().orElseThrow();
    assertThat(parent.parentZone()).hasToString("com.");
    assertThat(parent.nameServers())
        .extracting(Name::toString)
        .containsExactly(DemoWorld.NS1_EXAMPLE_COM, DemoWorld.NS2_EXAMPLE_COM);
    assertThat(parent.glue()).hasSize(2);
    assertThat(parent.ttl()).isEqualTo(172800);
    assertThat(r.servers())
        .allSatisfy(
            ns -> {
              assertThat(ns.listedByParent()).isTrue();
              assertThat(ns.listedByChild()).isTrue();
              assertThat(ns.addresses())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.sources()).contains(AddressSource.GLUE, AddressSource.CHILD);
                        assertThat(a.udp() && a.tcp() && a.edns() && a.authoritative()).isTrue();
                        assertThat(a.soaSerial()).isPresent();
                      });
            });
    // The trace has the walk and the direct queries: SOA over TCP to each server among them.
    assertThat(r.trace().steps())
        .filteredOn(TraceStep.Exchange.class::isInstance)
        .map(TraceStep.Exchange.class::cast)
        .filteredOn(
            e -> e.sent().type() == Type.SOA && e.protocol() == io.rootwalk.spi.Protocol.TCP)
        .hasSize(2);
  }

  @Test
  void lameComHasOneServerThatRefuses() {
    DelegationReport r = check("lame.com.");

    assertThat(CheckFindings.of(r))
        .containsExactly(
            "ERROR LAME_SERVER ns2.lame.com. 127.53.14.2",
            "NOTICE NS_TTL_LONG",
            "NOTICE SINGLE_NETWORK");
    Finding lame = r.findings(FindingCode.LAME_SERVER).get(0);
    assertThat(lame.detail()).contains("REFUSED", "RFC 1912");
    assertThat(lame.evidence())
        .map(TraceStep.Exchange.class::cast)
        .allSatisfy(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Lame.class));
  }

  @Test
  void deadComIsBrokenAndSaysWhy() {
    DelegationReport r = check("dead.com.");

    assertThat(CheckFindings.of(r))
        .containsExactly(
            "ERROR DELEGATION_BROKEN",
            "ERROR LAME_SERVER ns1.dead.com. 127.53.15.1",
            "ERROR LAME_SERVER ns2.dead.com. 127.53.15.2",
            "NOTICE NS_TTL_LONG",
            "NOTICE SINGLE_NETWORK");
    assertThat(r.findings(FindingCode.DELEGATION_BROKEN).get(0).detail()).contains("SERVFAIL");
  }

  @Test
  void brokenComHasANameServerNobodyCanFind() {
    DelegationReport r = check("broken.com.");

    assertThat(CheckFindings.of(r))
        .containsExactly(
            "ERROR DELEGATION_BROKEN",
            "ERROR MISSING_GLUE ns1.broken.com.",
            "ERROR NS_UNRESOLVABLE ns1.broken.com.",
            "WARNING TOO_FEW_NS",
            "NOTICE NS_TTL_LONG");
    assertThat(r.servers()).singleElement().satisfies(ns -> assertThat(ns.addresses()).isEmpty());
  }

  @Test
  void aNameThatIsNotDelegatedIsReportedAsSuch() {
    DelegationReport r = check("www.example.com.");

    assertThat(CheckFindings.of(r)).containsExactly("ERROR DELEGATION_BROKEN");
    assertThat(r.parent()).isEmpty();
    assertThat(r.findings().get(0).detail()).contains("no server of example.com. delegates");
  }

  @Test
  void aZoneThatDoesNotExistIsReportedAsSuch() {
    DelegationReport r = check("no-such-zone.com.");

    assertThat(CheckFindings.of(r)).containsExactly("ERROR DELEGATION_BROKEN");
    assertThat(r.findings().get(0).detail()).contains("NXDOMAIN");
  }
}
