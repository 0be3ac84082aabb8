package io.rootwalk.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every command line that cannot run ends here, as the CLI contract wants it: one {@code rootwalk:
 * reason} line on stderr, then the usage, exit 64. picocli's own parse errors arrive as {@link
 * ParameterException}s; the reasons our converters and commands give arrive as {@link
 * UsageException}s. Any other exception is a bug: one line too, exit 2, never a stack trace on a
 * script's stderr.
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** A picocli parse error, or a converter's {@link UsageException} that picocli wrapped. */
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    return report(e.getCommandLine(), reason(e));
  }

  /** An exception from a command's {@code call()}: a {@link UsageException}, or a bug. */
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof UsageException) {
      return report(command, String.valueOf(e.getMessage()));
    }
    return internalError(command.getErr(), e);
  }

  /** A bug, not a usage error: still one line. */
  int internalError(PrintWriter err, Exception e) {
    err.println("rootwalk: internal error: " + printable(String.valueOf(e)));
    err.flush();
    return ExitCode.FAILURE;
  }

  /**
   * The reason line, then for {@code rootwalk} itself (no command, an unknown one) its whole help,
   * since the list of commands is what is missing; for a subcommand its synopsis and where to read
   * more.
   */
  private static int report(CommandLine command, String reason) {
    PrintWriter err = command.getErr();
    err.println("rootwalk: " + printable(reason));
    if (command.getParent() == null) {
      command.usage(err);
    } else {
      Help help = command.getHelp();
      err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
      err.println(
          "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    return ExitCode.USAGE;
  }

  static String reason(ParameterException e) {
    if (e.getCause() instanceof UsageException) {
      // A converter's own reason names the argument already: picocli's "Invalid value for option
      // '--upstream-port': cannot convert ..." wrapping would say it twice and name a Java class.
      return String.valueOf(e.getCause().getMessage());
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      return unmatched(e.getCommandLine(), unmatched.getUnmatched());
    }
    String message = String.valueOf(e.getMessage());
    // "Missing required parameter: 'NAME'": lower case, like the rest of the reason lines.
    return message.isEmpty()
        ? message
        : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
  }

  /**
   * The first argument picocli could not place. picocli's "Unmatched argument at index 0" does not
   * say that a word where a command belongs is taken for one.
   */
  private static String unmatched(CommandLine command, List<String> unmatched) {
    String first = unmatched.isEmpty() ? "" : unmatched.get(0);
    if (first.startsWith("-") && first.length() > 1) {
      int eq = first.indexOf('=');
      return "unknown option '" + (eq > 0 ? first.substring(0, eq) : first) + "'";
    }
    if (command.getParent() == null) {
      return "unknown command '" + first + "'";
    }
    return "unexpected argument '" + first + "'";
  }

  /** Control characters (a newline in an argument) would break the one-line contract: escaped. */
  static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }
}
