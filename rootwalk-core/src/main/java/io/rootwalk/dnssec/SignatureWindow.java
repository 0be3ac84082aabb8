package io.rootwalk.dnssec;

import org.xbill.DNS.RRSIGRecord;

/**
 * An RRSIG's validity window, compared with the time in serial number arithmetic: the inception and
 * expiration fields are 32-bit seconds that wrap in 2106, so "later" means "less than 2^31 seconds
 * ahead, modulo 2^32" (RFC 4034 section 3.1.5, RFC 1982).
 */
final class SignatureWindow {

  private static final long MASK = 0xFFFF_FFFFL;

  private SignatureWindow() {}

  /** Where {@code now} falls. */
  enum Position {
    NOT_YET_VALID,
    VALID,
    EXPIRED
  }

  static Position position(RRSIGRecord sig, long now) {
    long now32 = now & MASK;
    if (serialAfter(field(sig.getTimeSigned().getEpochSecond()), now32)) {
      return Position.NOT_YET_VALID;
    }
    if (serialAfter(now32, field(sig.getExpire().getEpochSecond()))) {
      return Position.EXPIRED;
    }
    return Position.VALID;
  }

  /** Seconds from {@code now} to expiration; only meaningful while the signature is valid. */
  static long secondsLeft(RRSIGRecord sig, long now) {
    return (field(sig.getExpire().getEpochSecond()) - (now & MASK)) & MASK;
  }

  /** Whether serial {@code a} is after serial {@code b} (RFC 1982 section 3.2, 32 bits). */
  static boolean serialAfter(long a, long b) {
    return (int) ((a - b) & MASK) > 0;
  }

  private static long field(long epochSeconds) {
    return epochSeconds & MASK;
  }
}
