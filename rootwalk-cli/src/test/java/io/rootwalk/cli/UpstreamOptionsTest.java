package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
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
}
