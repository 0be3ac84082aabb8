package io.rootwalk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * The immutable record of how a resolution went: every step in order, nested chases inside their
 * {@link TraceStep.Chase} step, and the counters. It is the evidence behind a {@link Failure}:
 * which servers were asked as which zone, what each said, and what the scrubber threw away. A
 * lookup that joined an identical one in flight carries that one's trace.
 *
 * @param steps the steps at this level, in order
 * @param upstreamQueries queries the lookup had sent when this trace ended, nested chases included;
 *     in a chase's nested trace this running total also counts the queries sent before the chase
 *     began
 * @param elapsed from the start of this resolution (the lookup, or the chase) to its result; zero
 *     for a lookup answered from the cache alone, whose resolution and trace are shared by the
 *     identical hits that follow within the same second of TTL
 * @param spent what the lookup used from each work limit
 */
public record Trace(List<TraceStep> steps, int upstreamQueries, Duration elapsed, WorkSpent spent) {

  /**
   * Copies the steps.
   *
   * @param steps the steps at this level
   * @param upstreamQueries queries sent, chases included
   * @param elapsed the lookup's duration
   * @param spent what the lookup used from its limits
   * @throws NullPointerException if any part is null
   */
  public Trace {
    steps = List.copyOf(steps);
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(spent, "spent");
  }

  /**
   * The upstream exchanges at this level, without cache hits and chases.
   *
   * @return the {@link TraceStep.Exchange} steps, in order
   */
  public List<TraceStep.Exchange> exchanges() {
    List<TraceStep.Exchange> out = new ArrayList<>();
    for (TraceStep step : steps) {
      if (step instanceof TraceStep.Exchange) {
        out.add((TraceStep.Exchange) step);
      }
    }
    return out;
  }

  /**
   * The reads of the second-level cache at this level, without those of chases.
   *
   * @return the {@link TraceStep.SecondLevelRead} steps, in order; empty without a second-level
   *     cache
   */
  public List<TraceStep.SecondLevelRead> secondLevelReads() {
    List<TraceStep.SecondLevelRead> out = new ArrayList<>();
    for (TraceStep step : steps) {
      if (step instanceof TraceStep.SecondLevelRead read) {
        out.add(read);
      }
    }
    return out;
  }

  /**
   * The distinct zone cuts this level of the trace worked at: the delegations it walked through.
   *
   * @return the zone cuts of the exchanges and cache hits at this level (not inside chases), in
   *     order of first use
   */
  public List<Name> zoneCuts() {
    List<Name> cuts = new ArrayList<>();
    for (TraceStep step : steps) {
      // The walk's cuts: a chase has its own, and a validation step names the zones of the chain
      // of trust, which the walk may never have asked.
      if (!(step instanceof TraceStep.Chase)
          && !(step instanceof TraceStep.Validation)
          && !(step instanceof TraceStep.SecondLevelRead)
          && !cuts.contains(step.zoneCut())) {
        cuts.add(step.zoneCut());
      }
    }
    return cuts;
  }

  /**
   * Every step of this trace and of the nested chases, for counting or searching them all.
   *
   * @return the steps depth first: each chase step followed by the steps of its nested trace
   */
  public List<TraceStep> flatten() {
    List<TraceStep> out = new ArrayList<>();
    for (TraceStep step : steps) {
      out.add(step);
      if (step instanceof TraceStep.Chase) {
        out.addAll(((TraceStep.Chase) step).trace().flatten());
      }
    }
    return out;
  }

  /**
   * A {@code dig +trace}-like text, for people; the format may change.
   *
   * @return a summary line, then one line per step with zone cut, server, address, how the address
   *     was known, outcome and RTT; nested chases indented under the step needing them, scrubbed
   *     RRsets under their exchange
   */
  public String render() {
    return TraceRenderer.render(this);
  }
}
