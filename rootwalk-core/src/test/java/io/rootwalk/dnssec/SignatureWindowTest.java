package io.rootwalk.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RRSIG times are 32-bit serials (RFC 4034 section 3.1.5): comparisons survive the 2106 wrap. */
class SignatureWindowTest {

  @Test
  void laterMeansLessThanHalfTheSerialSpaceAhead() {
    assertThat(SignatureWindow.serialAfter(10, 5)).isTrue();
    assertThat(SignatureWindow.serialAfter(5, 10)).isFalse();
    assertThat(SignatureWindow.serialAfter(5, 5)).isFalse();
  }

  @Test
  void aTimeJustPastTheWrapIsAfterOneJustBeforeIt() {
    long justBefore = 0xFFFF_FFF0L;
    long justAfter = 0x10L; // 2106 plus a few seconds, modulo 2^32
    assertThat(SignatureWindow.serialAfter(justAfter, justBefore)).isTrue();
    assertThat(SignatureWindow.serialAfter(justBefore, justAfter)).isFalse();
  }
}
