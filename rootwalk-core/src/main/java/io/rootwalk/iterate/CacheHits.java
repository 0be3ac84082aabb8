package io.rootwalk.iterate;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.CacheAnswer;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.StaleAnswer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.xbill.DNS.Type;

/**
 * What a {@link CacheAnswer} means for a lookup, the same for a walk's first state and for a
 * cache-only lookup: the trace step it makes, whether it asks for a refresh, and the resolution it
 * ends in.
 */
final class CacheHits {

  private CacheHits() {}

  /**
   * CHECK_CACHE: what the cache says about the name being resolved now. A miss goes on to the zone
   * cut; an alias leads on to its target; an answer or a denial ends the lookup. A hit near expiry
   * may start a refresh in the background, and every hit is a trace step.
   *
   * @param mayPrefetch whether hits may start refreshes (not for chases, nor a stub's RD=0 query)
   * @param countMiss whether a miss counts as one: yes when the lookup really goes upstream next
   */
  static Transition check(
      WalkContext context,
      TraceRecorder trace,
      AnswerChain answer,
      boolean mayPrefetch,
      boolean countMiss) {
    Question asked = answer.current();
    CacheAnswer cached = context.cache().answer(asked.name(), asked.type());
    return apply(context, trace, answer, cached, mayPrefetch, countMiss);
  }

  /**
   * What {@code cached}, read for the name being resolved now, means: {@link #check} once the cache
   * has been read, for a caller that reads it itself (at a time it read once).
   */
  static Transition apply(
      WalkContext context,
      TraceRecorder trace,
      AnswerChain answer,
      CacheAnswer cached,
      boolean mayPrefetch,
      boolean countMiss) {
    Question asked = answer.current();
    if (cached instanceof CacheAnswer.Hit h) {
      trace.record(
          new TraceStep.CacheHit(TraceStep.CacheHit.What.ANSWER, asked, asked.name(), h.records()));
      if (mayPrefetch && h.refreshDue()) {
        context.prefetcher().refresh(context, asked);
      }
      return new Transition.Answered(
          Status.NOERROR, List.of(), asked.name(), h.records(), List.of());
    }
    if (cached instanceof CacheAnswer.Negative n) {
      trace.record(
          new TraceStep.CacheHit(TraceStep.CacheHit.What.NEGATIVE, asked, n.zone(), n.soa()));
      Status status = n.kind() == NegativeAnswer.Kind.NXDOMAIN ? Status.NXDOMAIN : Status.NODATA;
      return new Transition.Answered(status, List.of(), asked.name(), List.of(), n.soa());
    }
    if (cached instanceof CacheAnswer.Alias a) {
      trace.record(
          new TraceStep.CacheHit(TraceStep.CacheHit.What.CNAME, asked, asked.name(), a.records()));
      if (mayPrefetch && a.refreshDue()) {
        context.prefetcher().refresh(context, new Question(asked.name(), Type.CNAME));
      }
      return new Transition.FollowAlias(a.records(), a.target());
    }
    if (countMiss) {
      context.cache().countMiss();
    }
    return new Transition.Continue(WalkState.FIND_ZONE_CUT);
  }

  /**
   * RFC 8767: when fresh resolution failed, the expired answer still within the serve-stale window,
   * with a trace step saying so; empty when serve-stale is off or nothing stale is left.
   */
  static Optional<Resolution> stale(
      WalkContext context, TraceRecorder trace, AnswerChain answer, Supplier<Trace> traceSoFar) {
    Question asked = answer.question();
    Optional<StaleAnswer> stale =
        context.cache().staleAnswer(asked, context.config().limits().maxAliasHops());
    if (stale.isEmpty()) {
      return Optional.empty();
    }
    StaleAnswer found = stale.get();
    trace.record(
        new TraceStep.CacheHit(
            TraceStep.CacheHit.What.STALE_ANSWER,
            new Question(found.name(), asked.type()),
            found.name(),
            found.records()));
    answer.endAt(found.name());
    return Optional.of(answer.stale(found.records(), traceSoFar.get()));
  }
}
