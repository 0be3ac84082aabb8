package io.rootwalk.observe;

import io.rootwalk.FailureReason;
import io.rootwalk.Limit;
import io.rootwalk.LookupStatistics;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Status;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * One resolver's lookup counters, and the JFR events raised where they count. LongAdders, as the
 * cache's hit counters are: on the cache-hit path a lookup costs one uncontended cell increment and
 * allocates nothing; the sums are built only when a snapshot is asked for (a metrics scrape).
 */
public final class LookupCounters {

  private final LongAdder[] byStatus = adders(Status.values().length);
  private final LongAdder[] failures = adders(FailureReason.values().length);
  private final LongAdder[] limits = adders(Limit.values().length);
  private final LongAdder upstreamQueries = new LongAdder();
  private final LongAdder elapsedNanos = new LongAdder();

  /** Counters at zero, for one resolver engine. */
  public LookupCounters() {}

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /**
   * Counts a finished client lookup and ends its JFR event, if one was begun.
   *
   * @param question what was asked
   * @param resolution how it ended
   * @param event the lookup's event, or null when no recording wanted it
   */
  public void finished(Question question, Resolution resolution, @Nullable LookupEvent event) {
    byStatus[resolution.status().ordinal()].increment();
    if (resolution.status() == Status.SERVFAIL) {
      resolution.failure().ifPresent(f -> failures[f.reason().ordinal()].increment());
    }
    Duration elapsed = resolution.trace().elapsed();
    if (!elapsed.isZero()) { // a cache hit's is zero: no write to a shared cell
      elapsedNanos.add(elapsed.toNanos());
    }
    if (event != null) {
      event.finish(question, resolution);
    }
  }

  /**
   * Counts a lookup whose future may not be complete yet, once it is, and before its caller sees
   * the end: whoever reads the statistics after the result finds the lookup counted. (A stage on
   * {@code resolved} alone would run after the caller's own, which were registered later and run
   * first.) Cache hits are counted by {@link #finished} directly, so that their futures stay out of
   * any completion stage and escape analysis can remove them.
   *
   * @param question what was asked
   * @param resolved the engine's future
   * @param event the lookup's event, or null
   * @param failedAs the resolution counted for a future that failed or was cancelled
   * @return {@code resolved} when already complete, otherwise a future completing with it after the
   *     count, which passes a cancellation on to {@code resolved}
   */
  public CompletableFuture<Resolution> countedWhenDone(
      Question question,
      CompletableFuture<Resolution> resolved,
      @Nullable LookupEvent event,
      Function<Throwable, Resolution> failedAs) {
    if (resolved.isDone() && !resolved.isCompletedExceptionally()) {
      finished(question, resolved.join(), event);
      return resolved;
    }
    CompletableFuture<Resolution> out = new CompletableFuture<>();
    resolved.whenComplete(
        (r, e) -> {
          if (r != null) {
            finished(question, r, event);
            out.complete(r);
          } else {
            finished(question, failedAs.apply(e), event);
            out.completeExceptionally(e);
          }
        });
    out.whenComplete(
        (r, e) -> {
          if (out.isCancelled()) {
            resolved.cancel(false);
          }
        });
    return out;
  }

  /**
   * Counts one query a walk sends upstream. Counted where it is sent, not from each lookup's trace:
   * a walk shared by a thousand identical lookups sent its queries once, and prefetches and the
   * chain of trust's fetches send real queries too.
   */
  public void querySent() {
    upstreamQueries.increment();
  }

  /**
   * Counts {@code limit} reached and raises {@code io.rootwalk.LimitReached}.
   *
   * @param limit the limit
   * @param name the name being resolved when it was reached
   */
  public void limitReached(Limit limit, Name name) {
    limits[limit.ordinal()].increment();
    LimitReachedEvent.emit(limit, name);
  }

  /**
   * The counters summed now, with the admission's gauges.
   *
   * @param inFlight lookups holding a slot now
   * @param queued lookups waiting for one
   * @return the snapshot
   */
  public LookupStatistics snapshot(int inFlight, int queued) {
    return new LookupStatistics(
        sums(byStatus, Status.class),
        sums(failures, FailureReason.class),
        upstreamQueries.sum(),
        Duration.ofNanos(elapsedNanos.sum()),
        sums(limits, Limit.class),
        inFlight,
        queued);
  }

  private static <K extends Enum<K>> Map<K, Long> sums(LongAdder[] adders, Class<K> keys) {
    EnumMap<K, Long> m = new EnumMap<>(keys);
    for (K k : keys.getEnumConstants()) {
      m.put(k, adders[k.ordinal()].sum());
    }
    return m;
  }
}
