package io.rootwalk.cli;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rootwalk lookup} and {@code rootwalk trace}: one resolution, printed as text or JSON. The
 * two take the same arguments and differ only in how much of the walk they print.
 */
abstract sealed class QueryCommand implements Callable<Integer>
    permits QueryCommand.Lookup, QueryCommand.Trace {

  /** {@code lookup}: the answer, like dig. */
  @Command(
      name = "lookup",
      mixinStandardHelpOptions = true,
      description = {
        "Resolve NAME from the root and print the answer, like dig.",
        "A negative answer prints its status and SOA, a SERVFAIL its reason.",
        "A ';; security:' line says what DNSSEC validation found (SECURE with dig's 'ad' flag,"
            + " INSECURE, BOGUS with its RFC 8914 extended error, INDETERMINATE); a bogus answer"
            + " is a SERVFAIL (DNSSEC_BOGUS)."
      },
      footer = ExitCode.IN_WORDS)
  static final class Lookup extends QueryCommand {
    Lookup() {
      super(false);
    }
  }

  /** {@code trace}: every step of the walk, then the answer. */
  @Command(
      name = "trace",
      mixinStandardHelpOptions = true,
      description = {
        "Resolve NAME and print every step of the walk, then the answer.",
        "One line per step: the zone cut, the server asked, how its address was known (root"
            + " hint, glue, chased, cached), what came back and the round-trip time.",
        "Then one '(dnssec)' line per validation check, from the trust anchor down, with the DS"
            + " and DNSKEY lookups it needed indented under it."
      },
      footer = ExitCode.IN_WORDS)
  static final class Trace extends QueryCommand {
    Trace() {
      super(true);
    }
  }

  // A String: Question.parseName loads dnsjava's Name, whose logger would fix the log level
  // before Main has read --verbose, so the name is parsed in call().
  @SuppressWarnings("NullAway.Init") // picocli sets it (a required parameter) before call()
  @Parameters(index = "0", paramLabel = "NAME", description = "The domain name, e.g. example.org.")
  private String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "TYPE",
      converter = RecordType.class,
      completionCandidates = RecordType.Common.class,
      description = "Record type: A (default), AAAA, MX, TXT, ... or TYPEnnn; any case.")
  private int type = Type.A;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  private boolean json;

  @Option(
      names = "--graph",
      paramLabel = "FILE",
      converter = GraphFile.Converter.class,
      description =
          "Also draw the walk into FILE: SVG if it ends .svg, Graphviz DOT if .dot. Zone cuts"
              + " are boxes, servers show how their address was known; dotted: chased, dashed:"
              + " the cache, red: lame or timed out. The text or JSON still prints.")
  private Optional<GraphFile> graph = Optional.empty();

  @Mixin private UpstreamOptions upstreams = new UpstreamOptions();

  @SuppressWarnings("UnusedVariable") // declares --verbose; Main reads it off the parse result
  @Mixin
  private VerboseOption verbose = new VerboseOption();

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  private CommandSpec spec;

  private final boolean showTrace;

  private QueryCommand(boolean showTrace) {
    this.showTrace = showTrace;
  }

  /**
   * Parses NAME, reads the hints, resolves once and prints the result.
   *
   * @return the exit status of the outcome: 0 answer, 1 negative, 2 failure
   */
  @Override
  public Integer call() {
    Name qname = parseName(name);
    try (Resolver resolver = upstreams.newResolver()) {
      Resolution r = resolver.lookup(qname, type);
      PrintWriter out = spec.commandLine().getOut();
      out.print(format(r, UpstreamOptions.validationOff(resolver)));
      out.flush();
      graph.ifPresent(file -> file.write(r));
      return ExitCode.of(r.status());
    }
  }

  /**
   * The text or JSON form. The text has one DNSSEC line before the sections: the answer's security,
   * or that the resolver does not validate. The JSON's {@code security} object says the same, as
   * INDETERMINATE "not validated", so the notice does not break its one object.
   */
  private String format(Resolution r, Optional<String> validationOff) {
    if (json) {
      return ResolutionJson.toJson(r) + "\n";
    }
    String dnssec = validationOff.orElseGet(() -> ResolutionText.security(r)) + "\n";
    if (showTrace) {
      return ResolutionText.header(r)
          + "\n"
          + r.trace().render()
          + dnssec
          + ResolutionText.sections(r);
    }
    return dnssec + ResolutionText.sections(r);
  }

  private static Name parseName(String name) {
    try {
      return Question.parseName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          Objects.requireNonNullElse(e.getMessage(), "malformed domain name: " + name));
    }
  }

  /** TYPE: a mnemonic or {@code TYPEnnn}, checked as {@link Question#parseType} checks it. */
  static final class RecordType implements ITypeConverter<Integer> {
    /** The type's value, or a {@link UsageException} saying what is wrong with it. */
    @Override
    public Integer convert(String type) {
      try {
        return Question.parseType(type);
      } catch (IllegalArgumentException e) {
        if (type.contains(".")) { // `lookup a.com b.com`: a second name, not a misspelt type
          throw new UsageException("one NAME at a time: '" + type + "' is not a record type");
        }
        throw new UsageException(
            Objects.requireNonNullElse(e.getMessage(), "unknown record type: " + type));
      }
    }

    /** What TAB offers for TYPE: the types people ask for; any other still works. */
    static final class Common implements Iterable<String> {
      private static final List<String> TYPES =
          List.of(
              "A", "AAAA", "CAA", "CNAME", "DNSKEY", "DS", "HTTPS", "MX", "NS", "PTR", "SOA", "SRV",
              "SVCB", "TXT");

      /** The candidates in alphabetical order. */
      @Override
      public java.util.Iterator<String> iterator() {
        return TYPES.iterator();
      }
    }
  }
}
