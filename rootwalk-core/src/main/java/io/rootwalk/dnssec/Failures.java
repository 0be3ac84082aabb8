package io.rootwalk.dnssec;

import java.util.Optional;

/**
 * The failures met while trying an RRset's signatures, reduced to the one a verdict reports: the
 * most telling. A signature that failed its cryptographic check says more than one that had
 * expired, which says more than a key that was missing; among equals the first met is kept.
 */
final class Failures {

  private final String what;
  private Optional<Verdict.Bogus> worst = Optional.empty();

  Failures(String what) {
    this.what = what;
  }

  void add(BogusReason reason, String detail) {
    add(new Verdict.Bogus(reason, detail));
  }

  void add(Verdict.Bogus failure) {
    if (worst.isEmpty() || rank(failure.reason()) > rank(worst.get().reason())) {
      worst = Optional.of(failure);
    }
  }

  Verdict.Bogus verdict() {
    return worst
        .map(b -> new Verdict.Bogus(b.reason(), what + ": " + b.detail()))
        .orElseGet(
            () -> new Verdict.Bogus(BogusReason.RRSIGS_MISSING, what + " has no usable RRSIG"));
  }

  private static int rank(BogusReason reason) {
    switch (reason) {
      case DNSSEC_BOGUS:
        return 5;
      case SIGNATURE_EXPIRED:
      case SIGNATURE_NOT_YET_VALID:
        return 4;
      case NO_ZONE_KEY_BIT_SET:
        return 3;
      case DNSKEY_MISSING:
        return 2;
      default:
        return 1;
    }
  }
}
