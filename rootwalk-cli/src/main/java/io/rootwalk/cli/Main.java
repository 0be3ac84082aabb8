package io.rootwalk.cli;

import java.io.PrintStream;

/**
 * The {@code rootwalk} command. {@link #main} sets up logging and exits with {@link #run}'s status;
 * tests call {@link #run} directly with their own streams.
 */
public final class Main {

  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  public static void main(String[] args) {
    // slf4j-simple reads its level once, when the first Logger is created: set it before anything
    // else runs. Quiet by default, so stdout and stderr stay what scripts expect.
    System.setProperty(LOG_LEVEL, CommandLine.wantsVerbose(args) ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    int status = run(args, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs one command line and returns its exit status (0 answer, 1 NXDOMAIN/NODATA/YXDOMAIN, 2
   * SERVFAIL, 64 usage error). Usage errors print one {@code rootwalk: reason} line and the usage
   * text on {@code err}; nothing is ever printed as a stack trace.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Command command;
    try {
      command = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("rootwalk: " + CommandLine.printable(String.valueOf(e.getMessage())));
      err.print(Usage.TEXT);
      err.flush();
      return ExitCode.USAGE;
    }
    try {
      return execute(command, out, err);
    } catch (RuntimeException e) {
      // A bug, not a usage error: still one line, never a trace dumped on a script's stderr.
      err.println("rootwalk: internal error: " + CommandLine.printable(String.valueOf(e)));
      return ExitCode.FAILURE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int execute(Command command, PrintStream out, PrintStream err) {
    if (command instanceof Command.Help) {
      out.print(Usage.TEXT);
      return ExitCode.ANSWER;
    }
    if (command instanceof Command.Demo) {
      return DemoCommand.run(out);
    }
    if (command instanceof Command.Query) {
      return QueryCommand.run((Command.Query) command, out);
    }
    if (command instanceof Command.Serve) {
      return ServeCommand.run((Command.Serve) command, out, err);
    }
    throw new IllegalStateException("unhandled command " + command);
  }
}
