package io.rootwalk.iterate;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.CacheAnswer;
import io.rootwalk.cache.NegativeAnswer;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * What a {@link CacheAnswer} means for a lookup, the same for a walk's first state and for a
 * cache-only lookup: the trace step it makes, whether it asks for a refresh, and the resolution it
 * ends in.
 */
final class CacheHits {

  private CacheHits() {}

  /** Records the hit as a trace step; a miss makes none. */
  static void record(TraceRecorder trace, Question asked, CacheAnswer cached) {
    if (cached instanceof CacheAnswer.Hit h) {
      trace.record(
          new TraceStep.CacheHit(TraceStep.CacheHit.What.ANSWER, asked, asked.name(), h.records()));
    } else if (cached instanceof CacheAnswer.Alias a) {
      trace.record(
          new TraceStep.CacheHit(TraceStep.CacheHit.What.CNAME, asked, asked.name(), a.records()));
    } else if (cached instanceof CacheAnswer.Negative n) {
      trace.record(
          new TraceStep.CacheHit(TraceStep.CacheHit.What.NEGATIVE, asked, n.zone(), n.soa()));
    }
  }

  /** Whether the hit is close enough to expiry that a prefetch should renew it. */
  static boolean refreshDue(CacheAnswer cached) {
    return cached instanceof CacheAnswer.Hit h
        ? h.refreshDue()
        : cached instanceof CacheAnswer.Alias a && a.refreshDue();
  }

  /** The question whose cached RRset the hit was: the asked one, or its CNAME. */
  static Question refreshQuestion(Question asked, CacheAnswer cached) {
    return cached instanceof CacheAnswer.Alias ? new Question(asked.name(), Type.CNAME) : asked;
  }

  /** The resolution a final hit (an answer or a denial, not an alias) ends the lookup with. */
  static Resolution finish(AnswerChain answer, CacheAnswer cached, Trace trace) {
    if (cached instanceof CacheAnswer.Hit h) {
      return answer.finish(Status.NOERROR, h.records(), List.of(), trace);
    }
    if (cached instanceof CacheAnswer.Negative n) {
      Status status = n.kind() == NegativeAnswer.Kind.NXDOMAIN ? Status.NXDOMAIN : Status.NODATA;
      return answer.finish(status, List.of(), n.soa(), trace);
    }
    throw new IllegalArgumentException("not a final cache answer: " + cached);
  }
}
