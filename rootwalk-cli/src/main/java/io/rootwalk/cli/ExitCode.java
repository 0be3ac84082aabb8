package io.rootwalk.cli;

import io.rootwalk.Status;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Severity;

/** The exit statuses of the CLI contract: scripts branch on these, so they never change. */
final class ExitCode {

  static final int ANSWER = 0;

  /** NXDOMAIN, NODATA or YXDOMAIN: the question was answered, negatively. */
  static final int NEGATIVE = 1;

  /** SERVFAIL or any other resolution failure. */
  static final int FAILURE = 2;

  /** BSD {@code EX_USAGE}: bad flag, type, name, port, hints file or trust anchor file. */
  static final int USAGE = 64;

  /**
   * BSD {@code EX_IOERR}: {@code bulk} could not read its input or write its output (a closed pipe,
   * a full disk) after it had started.
   */
  static final int IO_ERROR = 74;

  /** The statuses in words, for the help of {@code rootwalk}, {@code lookup} and {@code trace}. */
  static final String IN_WORDS =
      "exit status: 0 answer, 1 NXDOMAIN/NODATA/YXDOMAIN, 2 SERVFAIL, 64 usage error";

  /**
   * {@code check}: a healthy delegation (no finding worse than a NOTICE) is 0, the worst finding a
   * WARNING 1, an ERROR 2. The same numbers as a lookup's, so "0 all is well, 2 broken" holds.
   */
  static final String CHECK_IN_WORDS =
      "exit status: 0 healthy (notices at most), 1 warnings, 2 errors, 64 usage error";

  private ExitCode() {}

  /** {@code check}'s status: the worst finding's severity. */
  static int of(DelegationReport report) {
    Severity worst = report.worst().orElse(Severity.NOTICE);
    switch (worst) {
      case ERROR:
        return FAILURE;
      case WARNING:
        return NEGATIVE;
      default:
        return ANSWER;
    }
  }

  static int of(Status status) {
    switch (status) {
      case NOERROR:
        return ANSWER;
      case NXDOMAIN:
      case NODATA:
      case YXDOMAIN:
        return NEGATIVE;
      default:
        return FAILURE;
    }
  }
}
