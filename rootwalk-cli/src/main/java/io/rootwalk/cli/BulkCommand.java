package io.rootwalk.cli;

import io.rootwalk.LookupOptions;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rootwalk bulk}: resolves a file of names, one JSON line each, with a bounded number of
 * lookups in flight (see {@link BulkRun}). Everything that can make the run pointless (no input, an
 * unwritable output, bad hints) is found before the first query.
 */
@Command(
    name = "bulk",
    mixinStandardHelpOptions = true,
    description = {
      "Resolve many names: one 'name' or 'name type' a line (type A when left out; any case,"
          + " or TYPEnnn). Blank lines and lines starting with # are skipped.",
      "Writes one JSON object a line (JSON Lines), in the order the lookups finish, with name,"
          + " type, status (NOERROR, NXDOMAIN, NODATA, YXDOMAIN, SERVFAIL, or INVALID for a line"
          + " that is not a name or has an unknown type), rcode, answers, failure ({reason,"
          + " detail} or null), upstreamQueries and elapsedMs; --trace adds the trace as"
          + " 'trace --json' prints it.",
      "At most --concurrency lines are in flight, so input of any size is read as it is needed."
          + " On a terminal stderr shows progress; the last line on stderr is a summary with the"
          + " names per second."
    },
    footer =
        "exit status: 0 every line written, 64 usage error (before any query), 74 input or output"
            + " failed (e.g. a closed pipe)")
final class BulkCommand implements Callable<Integer> {

  /** The default {@code --concurrency}: enough to keep a resolver busy, far below its limits. */
  static final int DEFAULT_CONCURRENCY = 256;

  /** The largest {@code --concurrency}: each line in flight holds a lookup and its output line. */
  static final int MAX_CONCURRENCY = 100_000;

  @SuppressWarnings("NullAway.Init") // picocli sets it (a required option) before call()
  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE|-",
      description = "The names, one a line; - reads standard input.")
  private String input;

  @SuppressWarnings("NullAway.Init") // picocli sets it (a required option) before call()
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE|-",
      description = "Where the JSON lines go (created or truncated); - is standard output.")
  private String output;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      converter = Concurrency.class,
      description = "Lines in flight at most, 1..100000 (default: 256).")
  private int concurrency = DEFAULT_CONCURRENCY;

  @Option(names = "--trace", description = "Add each lookup's trace, as 'trace --json' has it.")
  private boolean trace;

  @Mixin private UpstreamOptions upstreams = new UpstreamOptions();

  @SuppressWarnings("UnusedVariable") // declares --verbose; Main reads it off the parse result
  @Mixin
  private VerboseOption verbose = new VerboseOption();

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  private CommandSpec spec;

  private final InputStream stdin;

  /**
   * A command that reads {@code --in -} from {@code stdin}.
   *
   * @param stdin standard input, or a test's stream
   */
  BulkCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  /**
   * Opens the input and output, resolves every line and prints the summary.
   *
   * @return 0 once every line is written, 74 if the input or output failed
   */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    // In this order: a missing input or bad hints must not have truncated the output file.
    BulkInput in = BulkInput.open(input, stdin);
    try (in) {
      ResolverBuilder builder = upstreams.builder();
      try (BulkOutput out = BulkOutput.open(output, in, spec.commandLine().getOut());
          Resolver resolver = builder.build()) {
        BulkTally tally = new BulkTally();
        LookupOptions options = LookupOptions.defaults();
        BulkRun run = new BulkRun(q -> resolver.lookupAsync(q, options), concurrency, trace, tally);
        long start = System.nanoTime();
        try (BulkProgress progress =
            BulkProgress.start(
                BulkProgress.onTerminal(),
                err,
                tally,
                () -> Duration.ofNanos(System.nanoTime() - start))) {
          run.run(in, out);
        } catch (IOException e) {
          err.println("rootwalk: " + UsageErrors.printable(String.valueOf(e.getMessage())));
          err.flush();
          return ExitCode.IO_ERROR;
        }
        err.println(tally.summary(Duration.ofNanos(System.nanoTime() - start)));
        err.flush();
        return ExitCode.ANSWER;
      }
    }
  }

  /** {@code --concurrency N}: 1..100000. */
  static final class Concurrency implements ITypeConverter<Integer> {
    /** Parses N; otherwise a {@link UsageException} that names the option and range. */
    @Override
    public Integer convert(String text) {
      return ClientLimitOptions.parse("--concurrency", text, 1, MAX_CONCURRENCY);
    }
  }
}
