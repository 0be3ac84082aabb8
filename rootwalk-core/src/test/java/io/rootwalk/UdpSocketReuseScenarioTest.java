package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.DemoWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * A resolver whose UDP sockets carry several exchanges each ({@link
 * ResolverBuilder#udpSocketReuse}): the walk is the same, only the sockets differ.
 */
class UdpSocketReuseScenarioTest {

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(
              b ->
                  b.udpSocketReuse(16, Duration.ofSeconds(2))
                      .queryTimeout(Duration.ofSeconds(2))
                      .deadline(Duration.ofSeconds(20)));

  @Test
  void aBurstOfColdNamesOverKeptSocketsGetsEveryAnswerRight() throws Exception {
    // Given kept sockets, when 300 distinct names under *.wild.example.net are asked at once
    List<CompletableFuture<Resolution>> burst = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      burst.add(lab.resolver().lookupAsync("n" + i + ".wild.example.net", Type.A));
    }

    // then each gets its own answer: no socket handed one exchange's reply to another.
    for (int i = 0; i < 300; i++) {
      Resolution r = burst.get(i).get(60, TimeUnit.SECONDS);
      assertThat(r.status()).as("%s: %s", r.question(), r.failure()).isEqualTo(Status.NOERROR);
      assertThat(r.answers())
          .extracting(rr -> rr.getName().toString())
          .containsOnly("n" + i + ".wild.example.net.");
    }
    // And the cached names are answered again without a walk.
    assertThat(lab.resolver().lookup("n7.wild.example.net", Type.A).trace().upstreamQueries())
        .isZero();
  }

  @Test
  void theBuilderRefusesBoundsThatMakeNoSense() {
    assertThatThrownBy(() -> Resolver.builder().udpSocketReuse(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exchanges per socket must be in 1..1000");
    assertThatThrownBy(() -> Resolver.builder().udpSocketReuse(4, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAge must be positive");
  }
}
