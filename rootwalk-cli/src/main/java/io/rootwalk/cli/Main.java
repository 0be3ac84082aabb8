package io.rootwalk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The {@code rootwalk} command. {@link #main} sets up logging and exits with {@link #run}'s status;
 * tests call {@link #run} directly with their own streams.
 */
public final class Main {

  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  /**
   * Runs the command line and exits the JVM with its status.
   *
   * @param args the command line, e.g. {@code lookup example.org MX --json}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err, Main::configureLogging));
  }

  /**
   * Runs one command line and returns its exit status (0 answer, 1 NXDOMAIN/NODATA/YXDOMAIN, 2
   * SERVFAIL, 64 usage error). Usage errors print one {@code rootwalk: reason} line, the command's
   * usage and a hint to {@code --help} on {@code err}; nothing is ever printed as a stack trace.
   * Logging is left as it is: {@code --verbose} only takes effect through {@link #main}.
   *
   * @param args the command line, without the program name
   * @param out where results, {@code --help} and {@code --version} go
   * @param err where usage errors go
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, InputStream.nullInputStream(), out, err);
  }

  /**
   * Runs one command line as {@link #run(String[], PrintStream, PrintStream)} does, with {@code in}
   * as standard input ({@code bulk --in -}).
   *
   * @param args the command line, without the program name
   * @param in what {@code -} as an input file reads
   * @param out where results, {@code --help} and {@code --version} go
   * @param err where usage errors go
   * @return the exit status
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, verbose -> {});
  }

  private static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Consumer<Boolean> configureLogging) {
    PrintWriter outWriter = writer(out);
    PrintWriter errWriter = writer(err);
    UsageErrors errors = new UsageErrors();
    try {
      CommandLine cli =
          new CommandLine(new RootwalkCommand(), factory(in))
              .setCaseInsensitiveEnumValuesAllowed(true)
              .setOut(outWriter)
              .setErr(errWriter)
              .setParameterExceptionHandler(errors)
              .setExecutionExceptionHandler(errors)
              .setExecutionStrategy(
                  parsed -> {
                    // After parsing, before the command: the first logger fixes slf4j-simple's
                    // level, and parsing loads no class that creates one (names and hints files
                    // are parsed by the commands, see QueryCommand and UpstreamOptions).
                    configureLogging.accept(VerboseOption.requested(parsed));
                    return new CommandLine.RunLast().execute(parsed);
                  });
      return cli.execute(args);
    } catch (RuntimeException e) {
      // A bug in the command line set-up, not a usage error: one line, never a stack trace.
      return errors.internalError(errWriter, e);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * picocli's own factory, except that {@code bulk} is given standard input: passed in, so that a
   * test needs no {@code System.setIn}.
   */
  private static CommandLine.IFactory factory(InputStream in) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == BulkCommand.class ? type.cast(new BulkCommand(in)) : defaults.create(type);
      }
    };
  }

  /** Quiet by default, so stdout and stderr stay what scripts expect. */
  private static void configureLogging(boolean verbose) {
    System.setProperty(LOG_LEVEL, verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  /**
   * picocli writes to a {@link PrintWriter}; this one hands text to the {@link PrintStream} as
   * characters, so the stream encodes them with its own charset, as it did when the commands
   * printed to it directly (Java 17 has no {@code PrintStream.charset()} to build a writer with). A
   * {@link PrintStream} keeps a failed write to itself; {@link #flush} reports it, so that the
   * {@link PrintWriter}'s {@code checkError()} tells {@code bulk} its pipe was closed.
   */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) {
            stream.append(CharBuffer.wrap(chars, offset, length));
          }

          @Override
          public void flush() throws IOException {
            stream.flush();
            if (stream.checkError()) {
              throw new IOException("write failed");
            }
          }

          @Override
          public void close() {
            stream.flush();
          }
        },
        true);
  }
}
