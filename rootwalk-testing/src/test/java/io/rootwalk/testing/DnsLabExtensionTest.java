package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Type;

class DnsLabExtensionTest {

  private static final String SMALL =
      """
      @ IN SOA ns.test. admin.test. 1 3600 900 604800 60
      @ IN NS ns.test.
      ns IN A 127.60.0.1
      www IN A 192.0.2.1
      """;

  @RegisterExtension
  final DnsLabExtension lab =
      DnsLabExtension.of(
          () ->
              World.builder()
                  .zone("test.", SMALL)
                  .server("ns.test.", "127.60.0.1", "test.")
                  .build());

  @Test
  void injectsTheSameRunningLab(DnsLab injected) {
    assertThat(injected).isSameAs(lab.get());
    assertThat(
            Dig.udp(injected.address("ns.test."), "www.test.", Type.A)
                .getHeader()
                .getFlag(Flags.AA))
        .isTrue();
  }

  @Test
  void eachTestGetsAFreshLab(DnsLab injected) {
    // No faults or queries leak in from other tests.
    assertThat(injected.queryCount()).isZero();
    injected.server("ns.test.").fault(Fault.refused());
  }
}
