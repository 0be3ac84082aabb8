package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import org.junit.jupiter.api.Test;

/**
 * Which resolvers the CLI validates with: given no {@code --root-hints} (IANA's root), when a
 * command builds its resolver, then it validates from IANA's built-in anchors and says nothing
 * about validation being off. The lab cases, with hints and with or without {@code --trust-anchor},
 * are in {@link CliContractTest}.
 */
class UpstreamOptionsTest {

  @Test
  void withoutRootHintsTheResolverValidatesFromIanasAnchors() {
    try (Resolver resolver = new UpstreamOptions().newResolver()) {
      assertThat(resolver.trustAnchors()).isPresent();
      assertThat(UpstreamOptions.validationOff(resolver)).isEmpty();
    }
  }

  @Test
  void udpSocketReuseIsAnOptionOfEveryResolvingCommandAndItsBoundsAreAUsageError() {
    try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
      CliRun run =
          CliRun.againstLab(lab, "lookup", "www.example.com", "A", "--udp-socket-reuse", "8");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("93.184.216.34");

      CliRun bad = CliRun.againstLab(lab, "lookup", "www.example.com", "--udp-socket-reuse", "0");

      assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
      assertThat(bad.err())
          .contains("--udp-socket-reuse: exchanges per socket must be in 1..1000 but was 0");
    }
  }
}
