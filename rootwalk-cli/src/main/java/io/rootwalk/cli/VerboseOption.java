package io.rootwalk.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --verbose}, on every command that resolves. {@link Main} reads it off the parse result,
 * not off this object, because it has to set the log level before the command's code runs.
 */
final class VerboseOption {

  private static final String NAME = "--verbose";

  @Option(
      names = NAME,
      description = "Show debug logs on stderr (default: warnings and errors only).")
  boolean verbose;

  /** True when the command that runs (the innermost one parsed) was given {@code --verbose}. */
  static boolean requested(ParseResult parsed) {
    ParseResult command = parsed;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    return command.hasMatchedOption(NAME);
  }
}
