package io.rootwalk.cli;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import java.io.PrintStream;

/** {@code rootwalk lookup} and {@code rootwalk trace}: one resolution, printed as text or JSON. */
final class QueryCommand {

  private QueryCommand() {}

  static int run(Command.Query command, PrintStream out) {
    try (Resolver resolver = Resolvers.forUpstreams(command.upstreams())) {
      Resolution r = resolver.lookup(command.question().name(), command.question().type());
      out.print(format(command, r));
      return ExitCode.of(r.status());
    }
  }

  static String format(Command.Query command, Resolution r) {
    if (command.json()) {
      return ResolutionJson.toJson(r) + "\n";
    }
    if (command.showTrace()) {
      return ResolutionText.header(r) + "\n" + r.trace().render() + ResolutionText.sections(r);
    }
    return ResolutionText.sections(r);
  }
}
