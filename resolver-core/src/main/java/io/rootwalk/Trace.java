package io.rootwalk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * The immutable record of how a resolution went: every step in order, nested chases inside their
 * {@link TraceStep.Chase} step, and the counters.
 *
 * @param steps the steps at this level, in order
 * @param upstreamQueries queries sent by this resolution, nested chases included
 * @param elapsed from the start of the lookup to its result
 * @param spent what the lookup used from each work limit
 */
public record Trace(List<TraceStep> steps, int upstreamQueries, Duration elapsed, WorkSpent spent) {

  public Trace {
    steps = List.copyOf(steps);
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(spent, "spent");
  }

  /** Only the upstream exchanges at this level, in order. */
  public List<TraceStep.Exchange> exchanges() {
    List<TraceStep.Exchange> out = new ArrayList<>();
    for (TraceStep step : steps) {
      if (step instanceof TraceStep.Exchange) {
        out.add((TraceStep.Exchange) step);
      }
    }
    return out;
  }

  /** The distinct zone cuts this level of the trace worked at, top down, in order of first use. */
  public List<Name> zoneCuts() {
    List<Name> cuts = new ArrayList<>();
    for (TraceStep step : steps) {
      if (!(step instanceof TraceStep.Chase) && !cuts.contains(step.zoneCut())) {
        cuts.add(step.zoneCut());
      }
    }
    return cuts;
  }

  /** Every step of this trace and of the nested chases, depth first, in order. */
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

  /** A dig +trace-like text: one line per step, nested chases indented under the step needing them. */
  public String render() {
    return TraceRenderer.render(this);
  }
}
