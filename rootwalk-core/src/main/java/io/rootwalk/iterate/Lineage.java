package io.rootwalk.iterate;

import io.rootwalk.Question;
import java.util.HashSet;
import java.util.Set;

/**
 * Where a walk stands among the walks of one client lookup: the lookup itself (depth 0) or a chase
 * for a name server's address nested in it, with the questions of the walks above it (a chase that
 * needs one of them is a delegation loop) and the lookup's deadline, which every chase shares.
 *
 * @param depth 0 for the client's lookup, one more per nested chase
 * @param ancestors the questions of the walks this one is nested in
 * @param deadlineNanos when the whole lookup must end, on the resolver's ticker
 */
record Lineage(int depth, Set<Question> ancestors, long deadlineNanos) {

  Lineage {
    ancestors = Set.copyOf(ancestors);
  }

  /** A client's lookup starting now. */
  static Lineage top(WalkContext context) {
    return new Lineage(
        0, Set.of(), context.deadlines().now() + context.config().deadline().toNanos());
  }

  /** The lineage of a chase started by a walk resolving {@code current}. */
  Lineage child(Question current) {
    Set<Question> lineage = new HashSet<>(ancestors);
    lineage.add(current);
    return new Lineage(depth + 1, lineage, deadlineNanos);
  }
}
