package io.rootwalk.iterate;

import io.rootwalk.Resolution;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.WorkSpent;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a bogus resolution rests on data the second-level cache gave: then the data may be a
 * forgery planted in the shared store rather than what the zone's servers say, and the name is
 * worth one more walk that asks them.
 */
final class SecondLevelBogus {

  private SecondLevelBogus() {}

  /**
   * @param validated a resolution after validation
   * @return whether it is BOGUS and some walk behind it (its own, a chase's, or a DS or DNSKEY
   *     fetch's) loaded entries from the second-level cache
   */
  static boolean cameFromSecondLevel(Resolution validated) {
    return validated.security().status() == SecurityStatus.BOGUS && loaded(validated.trace());
  }

  private static boolean loaded(Trace trace) {
    for (TraceStep step : trace.steps()) {
      if (step instanceof TraceStep.SecondLevelRead read
          && read.result() == TraceStep.SecondLevelRead.Result.LOADED) {
        return true;
      }
      if (step instanceof TraceStep.Chase chase && loaded(chase.trace())) {
        return true;
      }
      if (step instanceof TraceStep.Validation v) {
        for (Trace fetched : v.fetched()) {
          if (loaded(fetched)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The trace of both attempts, the bogus one first, so the client sees the forgery found and why
   * the name was walked again; the work is the sum of both.
   */
  static Trace joined(Trace bogus, Trace again) {
    List<TraceStep> steps = new ArrayList<>(bogus.steps());
    steps.addAll(again.steps());
    WorkSpent a = bogus.spent();
    WorkSpent b = again.spent();
    WorkSpent spent =
        new WorkSpent(
            a.upstreamQueries() + b.upstreamQueries(),
            b.aliasHops(),
            a.nameServerChases() + b.nameServerChases(),
            Math.max(a.maxChaseDepth(), b.maxChaseDepth()),
            a.nameServerNxdomains() + b.nameServerNxdomains(),
            a.signatureChecks() + b.signatureChecks(),
            a.nsec3Hashes() + b.nsec3Hashes());
    return new Trace(
        steps,
        bogus.upstreamQueries() + again.upstreamQueries(),
        bogus.elapsed().plus(again.elapsed()),
        spent);
  }
}
