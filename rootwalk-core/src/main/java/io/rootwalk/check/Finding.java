package io.rootwalk.check;

import io.rootwalk.TraceStep;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem a {@link DelegationReport} found, with the evidence.
 *
 * @param code what was found; stable, part of the API
 * @param severity how much it matters (usually {@code code.severity()})
 * @param server the name server, and address, it is about; empty for findings about the zone as a
 *     whole (NS sets, serials, TTLs)
 * @param detail one line for people naming the evidence: which query, which server, what came back,
 *     and the RFC or the reason it matters
 * @param evidence the exchanges (or lookups' steps) that show it, a subset of the report's trace
 */
public record Finding(
    FindingCode code,
    Severity severity,
    Optional<ServerId> server,
    String detail,
    List<TraceStep> evidence) {

  /**
   * Copies the evidence.
   *
   * @param code what was found
   * @param severity how much it matters
   * @param server whom it is about, or empty
   * @param detail the one-line account
   * @param evidence the steps that show it
   * @throws NullPointerException if any part is null
   */
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(detail, "detail");
    evidence = List.copyOf(evidence);
  }

  @Override
  public String toString() {
    return severity + " " + code + server.map(s -> " " + s).orElse("") + ": " + detail;
  }
}
