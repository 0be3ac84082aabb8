package io.rootwalk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code bulk}'s output lines: one JSON object per input line, on one line (JSON Lines). The fields
 * are {@code name}, {@code type}, {@code status}, {@code rcode}, {@code answers}, {@code failure},
 * {@code upstreamQueries}, {@code elapsedMs}, and with {@code --trace} the {@code trace} object
 * exactly as {@code trace --json} prints it (the same {@link ResolutionJson} code).
 */
final class BulkJson {

  /** The failure reason of a lookup whose future failed instead of giving a resolution. */
  static final String INTERNAL_ERROR = "INTERNAL_ERROR";

  private BulkJson() {}

  /** The line of a resolution. */
  static BulkTally.Line of(Resolution r, boolean withTrace) {
    ObjectNode node = question(r.question());
    node.put("status", r.status().name());
    node.put("rcode", r.rcodeName());
    node.set("answers", ResolutionJson.records(r.answers()));
    ResolutionJson.putFailure(node, r.failure());
    node.put("upstreamQueries", r.trace().upstreamQueries());
    node.put("elapsedMs", ResolutionJson.millis(r.trace().elapsed()));
    if (withTrace) {
      node.set("trace", ResolutionJson.trace(r.trace()));
    }
    return new BulkTally.Line(ResolutionJson.writeLine(node), BulkTally.LineStatus.of(r.status()));
  }

  /** The line of an input line that asks nothing resolvable: INVALID, with the reason. */
  static BulkTally.Line invalid(BulkLine.Invalid line) {
    ObjectNode node = ResolutionJson.object();
    node.put("name", line.name());
    node.put("type", line.type());
    node.put("status", BulkTally.LineStatus.INVALID.name());
    node.putNull("rcode");
    node.putArray("answers");
    ResolutionJson.putFailure(node, line.reason(), line.detail());
    node.put("upstreamQueries", 0);
    node.put("elapsedMs", 0.0);
    return new BulkTally.Line(ResolutionJson.writeLine(node), BulkTally.LineStatus.INVALID);
  }

  /**
   * The line of a lookup that ended without a resolution (its future failed, or starting it threw):
   * a bug or a closed resolver, never a normal outcome, but the line is still owed. SERVFAIL, as a
   * stub would see it.
   */
  static BulkTally.Line failed(Question q, Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    ObjectNode node = question(q);
    node.put("status", BulkTally.LineStatus.SERVFAIL.name());
    node.put("rcode", "SERVFAIL");
    node.putArray("answers");
    ResolutionJson.putFailure(
        node,
        cause instanceof CancellationException ? "CANCELLED" : INTERNAL_ERROR,
        UsageErrors.printable(String.valueOf(cause)));
    node.put("upstreamQueries", 0);
    node.put("elapsedMs", 0.0);
    return new BulkTally.Line(ResolutionJson.writeLine(node), BulkTally.LineStatus.SERVFAIL);
  }

  private static ObjectNode question(Question q) {
    ObjectNode node = ResolutionJson.object();
    node.put("name", q.name().toString());
    node.put("type", BulkLine.mnemonic(q.type()));
    return node;
  }
}
