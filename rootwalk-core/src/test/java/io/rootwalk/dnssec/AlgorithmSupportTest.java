package io.rootwalk.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What this JDK 17+ validates, and what RFC 8624 section 3.1 says it must not. */
class AlgorithmSupportTest {

  @Test
  void theModernAlgorithmsAreValidatedOnThisJdk() {
    assertThat(AlgorithmSupport.signatureAlgorithms()).contains(8, 10, 13, 14, 15, 16);
  }

  @Test
  void rsaMd5DsaAndGostAreNeverValidated() {
    for (int alg : new int[] {1, 3, 6, 12, 0, 253, 254}) {
      assertThat(AlgorithmSupport.signatureAlgorithm(alg)).as("algorithm %d", alg).isFalse();
    }
  }

  @Test
  void digestTypesOneTwoAndFourAreCheckedGostIsNot() {
    assertThat(AlgorithmSupport.digestType(1)).isTrue();
    assertThat(AlgorithmSupport.digestType(2)).isTrue();
    assertThat(AlgorithmSupport.digestType(4)).isTrue();
    assertThat(AlgorithmSupport.digestType(3)).isFalse();
    assertThat(AlgorithmSupport.digestType(0)).isFalse();
  }
}
