package io.rootwalk.iterate;

import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.WorkSpent;
import io.rootwalk.observe.ExchangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * Builds a walk's immutable {@link Trace} from the same calls that stream steps to the caller's
 * listener, so the final trace and the streamed events cannot disagree.
 */
final class TraceRecorder {

  private static final Logger log = LoggerFactory.getLogger(TraceRecorder.class);

  private final ResolutionListener listener;
  private final List<TraceStep> steps = new ArrayList<>();

  TraceRecorder(ResolutionListener listener) {
    this.listener = listener;
  }

  void record(TraceStep step) {
    steps.add(step);
    if (step instanceof TraceStep.Exchange) {
      ExchangeEvent.emit((TraceStep.Exchange) step);
    }
    try {
      listener.stepCompleted(step);
    } catch (RuntimeException e) {
      log.warn("ResolutionListener.stepCompleted threw; ignored", e);
    }
  }

  ResolutionListener chaseStarted(Name zoneCut, Name nameServer, int type) {
    try {
      return listener.chaseStarted(zoneCut, nameServer, type);
    } catch (RuntimeException e) {
      log.warn("ResolutionListener.chaseStarted threw; ignored", e);
      return ResolutionListener.NONE;
    }
  }

  void finished(Resolution resolution) {
    try {
      listener.resolutionFinished(resolution);
    } catch (RuntimeException e) {
      log.warn("ResolutionListener.resolutionFinished threw; ignored", e);
    }
  }

  Trace trace(int upstreamQueries, Duration elapsed, WorkSpent spent) {
    return new Trace(steps, upstreamQueries, elapsed, spent);
  }
}
