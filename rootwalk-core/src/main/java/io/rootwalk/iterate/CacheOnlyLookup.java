package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Trace;
import io.rootwalk.cache.AnswerSource;
import io.rootwalk.cache.CacheAnswer;
import io.rootwalk.cache.MemoisedHit;
import io.rootwalk.cache.ResolverCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * A lookup answered from the cache alone, following cached CNAMEs: a client lookup's fast path, and
 * all a recursive server may do for a stub's RD=0 question. It sends nothing and never blocks; when
 * the cache cannot answer, it says so, and a walk (or nothing) takes over.
 *
 * <p>A hit is the common case for an embedded resolver, so it costs one clock read and, most of the
 * time, no new objects: the resolution of the last identical hit is returned again while the
 * entries it was read from are unchanged and their TTLs, in whole seconds, are the same (see {@link
 * MemoisedHit}). Its trace is therefore shared, and says zero elapsed time.
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
    ResolverCache cache = context.cache();
    long now = cache.ticker().read();
    Resolution memoised = cache.memoised(question, now, context.config().limits().maxAliasHops());
    if (memoised != null) {
      return Optional.of(memoised);
    }
    long negativeWrites = cache.negativeWrites();
    TraceRecorder trace = new TraceRecorder(ResolutionListener.NONE);
    AnswerChain answer = new AnswerChain(question);
    WorkBudget budget = WorkBudget.start(context.config().limits());
    List<Name> names = new ArrayList<>(2);
    List<AnswerSource> sources = new ArrayList<>(2);
    boolean refreshDue = false;
    while (true) {
      Name name = answer.name();
      CacheAnswer cached = cache.answer(name, question.type(), now);
      Transition t = CacheHits.apply(context, trace, answer, cached, mayPrefetch, false);
      names.add(name);
      if (cached instanceof CacheAnswer.Hit h) {
        sources.add(h.source());
        refreshDue |= h.refreshDue();
      } else if (cached instanceof CacheAnswer.Alias a) {
        sources.add(a.source());
        refreshDue |= a.refreshDue();
      } else if (cached instanceof CacheAnswer.Negative n) {
        sources.add(n.source());
      }
      if (t instanceof Transition.Answered a) {
        // A cache hit ends where it was read and brings no links of its own.
        Resolution done =
            answer.finish(a.status(), a.finalRecords(), a.authority(), traceOf(trace, budget));
        // A hit due for a refresh is not memoised: each such hit must offer the refresh again.
        if (!refreshDue) {
          cache.remember(MemoisedHit.of(question, names, sources, negativeWrites, now, done));
        }
        return Optional.of(done);
      }
      if (!(t instanceof Transition.FollowAlias alias)) {
        return Optional.empty();
      }
      // The same count as a walk's: every cached link against maxAliasHops, then the loop check.
      int hops = AnswerChain.aliasHops(alias.links());
      Optional<Failure> refused = budget.checkAliasHops(hops, name, context.counters());
      if (refused.isEmpty()) {
        budget = budget.withAliasHops(hops);
        answer.addLinks(alias.links());
        refused = answer.follow(alias.target());
      }
      if (refused.isPresent()) {
        return Optional.of(answer.servfail(refused.get(), traceOf(trace, budget)));
      }
    }
  }

  /**
   * The trace of a cache-only lookup: no queries and zero elapsed time, since the same trace is
   * shared by the hits that follow, and one caller's duration would be wrong for every other.
   */
  private static Trace traceOf(TraceRecorder trace, WorkBudget budget) {
    return trace.trace(0, Duration.ZERO, budget.spent());
  }
}
