package io.rootwalk.iterate;

import io.rootwalk.Question;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a walk stands among the walks of one client lookup: the lookup itself (depth 0) or a chase
 * for a name server's address nested in it, with the questions of the walks above it (a chase that
 * needs one of them is a delegation loop) and the lookup's deadline, which every chase shares.
 *
 * @param depth 0 for the client's lookup, one more per nested chase
 * @param ancestors the questions of the walks this one is nested in
 * @param deadlineNanos when the whole lookup must end, on the resolver's ticker
 * @param call what the client asked of the lookup, and whether it still wants the answer
 */
record Lineage(int depth, Set<Question> ancestors, long deadlineNanos, ClientCall call) {

  Lineage {
    ancestors = Set.copyOf(ancestors);
  }

  /**
   * A client's lookup starting now, with the resolver's deadline or the call's own when shorter:
   * the engine's hang guard ends every walk by the resolver's, so a longer one could not be kept.
   */
  static Lineage top(WalkContext context, ClientCall call) {
    Duration deadline = context.config().deadline();
    Optional<Duration> own = call.options().timeout();
    if (own.isPresent() && own.get().compareTo(deadline) < 0) {
      deadline = own.get();
    }
    return new Lineage(0, Set.of(), context.deadlines().now() + deadline.toNanos(), call);
  }

  /** The lineage of a chase started by a walk resolving {@code current}. */
  Lineage child(Question current) {
    Set<Question> lineage = new HashSet<>(ancestors);
    lineage.add(current);
    return new Lineage(depth + 1, lineage, deadlineNanos, call);
  }
}
