package io.rootwalk.cli;

/**
 * A command line the CLI cannot run. Its message is the one line printed after {@code rootwalk:};
 * it never carries a stack trace to the user.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
