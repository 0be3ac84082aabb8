package io.rootwalk.check;

import java.util.List;

/** Findings as "SEVERITY CODE server address" lines, for exact assertions. */
final class CheckFindings {

  private CheckFindings() {}

  static List<String> of(DelegationReport report) {
    return report.findings().stream()
        .map(f -> f.severity() + " " + f.code() + f.server().map(s -> " " + s).orElse(""))
        .toList();
  }
}
