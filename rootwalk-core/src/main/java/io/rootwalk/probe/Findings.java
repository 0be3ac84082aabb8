package io.rootwalk.probe;

import io.rootwalk.TraceStep;
import io.rootwalk.check.Finding;
import io.rootwalk.check.FindingCode;
import io.rootwalk.check.ServerId;
import io.rootwalk.check.Severity;
import java.util.List;
import java.util.Optional;

/** The two shapes of finding the rules make: about one server, or about the zone as a whole. */
final class Findings {

  private Findings() {}

  static Finding about(ServerId server, FindingCode code, String detail, List<TraceStep> evidence) {
    return new Finding(code, code.severity(), Optional.of(server), detail, evidence);
  }

  static Finding zoneWide(FindingCode code, String detail, List<TraceStep> evidence) {
    return zoneWide(code, code.severity(), detail, evidence);
  }

  static Finding zoneWide(
      FindingCode code, Severity severity, String detail, List<TraceStep> evidence) {
    return new Finding(code, severity, Optional.empty(), detail, evidence);
  }

  /** A server as details name it: "ns1.example.com. (192.0.2.1)". */
  static String named(Probe p) {
    return p.server().nameServer() + " (" + p.server().address().getHostAddress() + ")";
  }
}
