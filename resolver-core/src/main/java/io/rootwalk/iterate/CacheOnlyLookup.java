package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Trace;
import io.rootwalk.cache.CacheAnswer;
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
      Question asked = answer.current();
      CacheAnswer cached = context.cache().answer(asked.name(), asked.type());
      if (cached instanceof CacheAnswer.Miss) {
        return Optional.empty();
      }
      CacheHits.record(trace, asked, cached);
      if (mayPrefetch && CacheHits.refreshDue(cached)) {
        context.prefetcher().refresh(context, CacheHits.refreshQuestion(asked, cached));
      }
      if (!(cached instanceof CacheAnswer.Alias alias)) {
        return Optional.of(
            CacheHits.finish(answer, cached, traceOf(context, start, trace, budget)));
      }
      answer.addLinks(alias.records());
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
