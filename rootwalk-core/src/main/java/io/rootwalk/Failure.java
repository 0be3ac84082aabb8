package io.rootwalk;

import java.util.Objects;

/**
 * Why a resolution ended in SERVFAIL: a typed reason plus a human-readable detail that names the
 * zone, servers or limit involved. The trace holds the evidence.
 *
 * @param reason the typed cause, for code to branch on
 * @param detail for people: the zone, the servers tried and how each failed, or the limit reached
 *     and its value; not a stable format
 */
public record Failure(FailureReason reason, String detail) {
  /**
   * Checks that both parts are present.
   *
   * @param reason the typed cause
   * @param detail the human-readable detail
   * @throws NullPointerException if either is null
   */
  public Failure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return reason + ": " + detail;
  }
}
