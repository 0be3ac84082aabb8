package io.rootwalk.cli;

import io.rootwalk.Status;

/** The exit statuses of the CLI contract: scripts branch on these, so they never change. */
final class ExitCode {

  static final int ANSWER = 0;

  /** NXDOMAIN, NODATA or YXDOMAIN: the question was answered, negatively. */
  static final int NEGATIVE = 1;

  /** SERVFAIL or any other resolution failure. */
  static final int FAILURE = 2;

  /** BSD {@code EX_USAGE}: bad flag, type, name, port, hints file or trust anchor file. */
  static final int USAGE = 64;

  /** The statuses in words, for the help of {@code rootwalk}, {@code lookup} and {@code trace}. */
  static final String IN_WORDS =
      "exit status: 0 answer, 1 NXDOMAIN/NODATA/YXDOMAIN, 2 SERVFAIL, 64 usage error";

  private ExitCode() {}

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
