package io.rootwalk.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;

/** Given the demo hierarchy, when its zones are checked, then the seeds' mistakes show. */
class DemoZonesCheckTest {

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

  private DelegationReport check(String zone) {
    Resolver resolver = lab.resolver();
    return resolver.check(
        Name.fromConstantString(zone),
        CheckOptions.defaults().withQueryTimeout(Duration.ofMillis(400)));
  }

  @Test
  void exampleComIsHealthy() {
    DelegationReport r = check("example.com.");
    r.findings().forEach(System.out::println);
    assertThat(r.healthy()).isTrue();
    assertThat(r.parent()).get().extracting(ParentDelegation::parentZone).hasToString("com.");
  }

  @Test
  void lameComHasOneLameServer() {
    DelegationReport r = check("lame.com.");
    r.findings().forEach(System.out::println);
    assertThat(r.findings(FindingCode.LAME_SERVER)).hasSize(1);
  }

  @Test
  void deadComIsBroken() {
    DelegationReport r = check("dead.com.");
    r.findings().forEach(System.out::println);
    assertThat(r.findings(FindingCode.DELEGATION_BROKEN)).hasSize(1);
  }

  @Test
  void brokenComIsBroken() {
    DelegationReport r = check("broken.com.");
    r.findings().forEach(System.out::println);
    assertThat(r.findings(FindingCode.DELEGATION_BROKEN)).hasSize(1);
  }
}
