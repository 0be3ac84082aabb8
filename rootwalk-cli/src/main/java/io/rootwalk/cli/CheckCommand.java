package io.rootwalk.cli;

import io.rootwalk.Question;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.check.DelegationReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rootwalk check ZONE}: {@link Resolver#check(Name, CheckOptions)}, printed for people or as
 * JSON, its exit status the worst finding's severity. The options map one to one onto {@link
 * CheckOptions}; the defaults are its defaults.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check ZONE's delegation: walk to its parent, take the parent's referral, then ask every"
          + " address of every name server (the parent's and the zone's own) directly, over UDP"
          + " and TCP, with and without EDNS(0).",
      "Prints a verdict, the findings by severity (lame servers, missing or stale glue, NS sets"
          + " that disagree, serials out of sync, long NS TTLs, open recursion or zone"
          + " transfers, ...), each with how to fix it, then every server's address and what it"
          + " did, then the parent's delegation.",
      "A DURATION is a whole number with ms, s, m, h or d (500ms, 2s, 1d), or bare seconds."
    },
    footer = ExitCode.CHECK_IN_WORDS)
final class CheckCommand implements Callable<Integer> {

  // A String, parsed in call(), for the same reason as QueryCommand's NAME (the log level).
  @SuppressWarnings("NullAway.Init") // picocli sets it (a required parameter) before call()
  @Parameters(
      index = "0",
      paramLabel = "ZONE",
      description = "The zone to check, e.g. example.org (not the root).")
  private String zone;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  private boolean json;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationArg.Timeout.class,
      description =
          "How long to wait for each query's answer, e.g. 500ms (default: 2s for the direct"
              + " queries, 1500ms for the walk's).")
  private Optional<Duration> timeout = Optional.empty();

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      converter = DurationArg.Deadline.class,
      description =
          "How long the whole check may take; what has not answered by then counts as silent,"
              + " and the report still comes (default: 30s).")
  private Duration deadline = CheckOptions.defaults().deadline();

  @Option(
      names = "--ns-ttl-threshold",
      paramLabel = "DURATION",
      converter = DurationArg.NsTtlThreshold.class,
      description =
          "Report NS TTLs longer than this (NS_TTL_LONG), e.g. 3600 or 1h (default: 1d, 86400 s).")
  private Duration nsTtlThreshold = CheckOptions.defaults().nsTtlThreshold();

  @Option(
      names = "--no-axfr",
      description = "Do not try a zone transfer (AXFR) from each server (ZONE_TRANSFER_OPEN).")
  private boolean noAxfr;

  @Option(
      names = "--no-recursion-test",
      description =
          "Do not send each server a recursive query for a name outside the zone"
              + " (OPEN_RECURSION).")
  private boolean noRecursionTest;

  @Mixin private UpstreamOptions upstreams = new UpstreamOptions();

  @SuppressWarnings("UnusedVariable") // declares --verbose; Main reads it off the parse result
  @Mixin
  private VerboseOption verbose = new VerboseOption();

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  private CommandSpec spec;

  /**
   * Parses ZONE, checks it and prints the report.
   *
   * @return 0 healthy (notices at most), 1 warnings, 2 errors
   */
  @Override
  public Integer call() {
    Name name = parseZone(zone);
    CheckOptions options = options();
    ResolverBuilder builder = upstreams.builder();
    timeout.ifPresent(builder::queryTimeout);
    try (Resolver resolver = builder.build()) {
      DelegationReport report = resolver.check(name, options);
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? CheckJson.toJson(report) + "\n" : CheckText.render(report));
      out.flush();
      return ExitCode.of(report);
    }
  }

  private CheckOptions options() {
    CheckOptions defaults = CheckOptions.defaults();
    return new CheckOptions(
        timeout.orElse(defaults.queryTimeout()),
        deadline,
        defaults.maxNameServers(),
        defaults.maxAddresses(),
        defaults.parallelQueries(),
        nsTtlThreshold,
        !noAxfr,
        !noRecursionTest);
  }

  /** ZONE as an absolute name below the root; anything else is a usage error. */
  static Name parseZone(String zone) {
    Name name;
    try {
      name = Question.parseName(zone);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          Objects.requireNonNullElse(e.getMessage(), "malformed domain name: " + zone));
    }
    if (name.equals(Name.root)) {
      throw new UsageException(
          "the root zone has no parent delegation to check; name a zone below it");
    }
    return name;
  }
}
