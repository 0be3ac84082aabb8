package io.rootwalk.cli;

/**
 * A command line the CLI cannot run, in our own words: thrown by the converters (picocli wraps it
 * in a ParameterException) and by the commands (bad NAME, unreadable hints file). Its message is
 * the one line printed after {@code rootwalk:}; it never carries a stack trace to the user.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
