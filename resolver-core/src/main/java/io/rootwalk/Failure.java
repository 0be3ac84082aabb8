package io.rootwalk;

import java.util.Objects;

/**
 * Why a resolution ended in SERVFAIL: a typed reason plus a human-readable detail that names the
 * zone, servers or limit involved. The trace holds the evidence.
 */
public record Failure(FailureReason reason, String detail) {
  public Failure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return reason + ": " + detail;
  }
}
