package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Trace;
import java.time.Duration;
import java.util.Optional;

/**
 * A lookup answered from the cache alone, following cached CNAMEs: a client lookup's fast path, and
 * all a recursive server may do for a stub's RD=0 question. It sends nothing and never blocks; when
 * the cache cannot answer, it says so, and a walk (or nothing) takes over.
 */
final class CacheOnlyLookup {

  private CacheOnlyLookup() {}

  /**
   * Answers {@code question} from the cache.
   *
   * @param mayPrefetch whether a hit near expiry may start a background refresh: yes for a client
   *     lookup's fast path, no for a stub's RD=0 question, which must cause no upstream traffic
   * @return the resolution (an answer, a denial, or SERVFAIL for a cached CNAME loop or a chain
   *     longer than the alias limit), or empty when the cache does not know
   */
  static Optional<Resolution> resolve(WalkContext context, Question question, boolean mayPrefetch) {
    long start = context.deadlines().now();
    TraceRecorder trace = new TraceRecorder(ResolutionListener.NONE);
    AnswerChain answer = new AnswerChain(question);
    WorkBudget budget = WorkBudget.start(context.config().limits());
    while (true) {
      Transition t = CacheHits.check(context, trace, answer, mayPrefetch, false);
      if (t instanceof Transition.Answered a) {
        Trace done = traceOf(context, start, trace, budget);
        return Optional.of(answer.finish(a.status(), a.finalRecords(), a.authority(), done));
      }
      if (!(t instanceof Transition.FollowAlias alias)) {
        return Optional.empty();
      }
      Optional<Failure> refused = answer.follow(alias.target(), budget);
      if (refused.isPresent()) {
        return Optional.of(answer.servfail(refused.get(), traceOf(context, start, trace, budget)));
      }
      budget = budget.withAliasHop();
    }
  }

  private static Trace traceOf(
      WalkContext context, long start, TraceRecorder trace, WorkBudget budget) {
    return trace.trace(0, Duration.ofNanos(context.deadlines().now() - start), budget.spent());
  }
}
