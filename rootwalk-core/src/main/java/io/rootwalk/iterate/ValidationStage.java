package io.rootwalk.iterate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rootwalk.LookupOptions;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.TrustAnchors;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.dnssec.AnswerValidator;
import io.rootwalk.dnssec.KeyCache;
import io.rootwalk.dnssec.KeyFetcher;
import io.rootwalk.dnssec.ValidationLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNSSEC validation as the stage after the walk (Unbound runs its validator module after the
 * iterator the same way): every resolution a client gets, from the network or the cache, passes
 * through {@link #validate} before it is returned. The walk has already fetched with DO=1 and kept
 * the RRSIGs and NSEC records with the data; the {@link AnswerValidator} checks them against the
 * chain of trust it builds through the same engine.
 *
 * <p>Validating every cache hit anew would cost a signature verification per hit, so each
 * question's last validated resolution is remembered: a hit that returns the same data (the cache
 * hands out the same resolution object for a second of TTL) gets the remembered result. A bogus
 * result is remembered too, for a minute (Unbound's {@code val-bogus-ttl}), and answers the
 * question at once with SERVFAIL instead of walking to the broken zone again for every query.
 */
final class ValidationStage {

  private static final Logger log = LoggerFactory.getLogger(ValidationStage.class);

  /** How long a validated result is reused for the same data, and a bogus one held. */
  private static final Duration REMEMBERED = Duration.ofSeconds(60);

  /** The most validated resolutions remembered. */
  private static final long MAX_REMEMBERED = 10_000;

  /** The last validation of a question: what came in, and what it became. */
  private record Validated(Resolution input, Resolution output) {}

  private final AnswerValidator validator;
  private final Cache<Question, Validated> validated;

  ValidationStage(
      TrustAnchors anchors, EngineConfig config, ResolverCache cache, KeyFetcher fetcher) {
    KeyCache keys =
        new KeyCache(Math.max(1_000, cache.policy().maxEntries() / 10), config.ticker());
    this.validator =
        new AnswerValidator(
            anchors, keys, fetcher, config.clock(), ValidationLimits.DEFAULT, cache::discardBogus);
    this.validated =
        Caffeine.newBuilder()
            // Each entry holds a whole resolution with its trace (a few KB): bounded well below
            // the RRset cache, it still covers the hot names, and a miss only costs a check again.
            .maximumSize(Math.min(MAX_REMEMBERED, Math.max(1_000, cache.policy().maxEntries())))
            .expireAfterWrite(REMEMBERED)
            .ticker(config.ticker())
            .executor(Runnable::run)
            .build();
  }

  /**
   * The SERVFAIL a question gets at once because its answer was found bogus within the last minute
   * (unless its caller disabled checking).
   *
   * @param question the client's question
   * @param options the lookup's options
   * @return the remembered bogus resolution, or empty
   */
  Optional<Resolution> heldBogus(Question question, LookupOptions options) {
    if (options.checkingDisabled()) {
      return Optional.empty();
    }
    Validated v = validated.getIfPresent(question);
    if (v == null || v.output().security().status() != SecurityStatus.BOGUS) {
      return Optional.empty();
    }
    return Optional.of(v.output());
  }

  /**
   * The NXDOMAIN or NODATA that validated NSEC ranges already prove (RFC 8198), for a question the
   * cache cannot answer.
   *
   * @param question the client's question
   * @return the synthesized resolution, or empty
   */
  Optional<Resolution> synthesized(Question question) {
    return validator.synthesize(question);
  }

  /**
   * Validates {@code resolution}, or returns what the same data validated to before.
   *
   * @param resolution what the walk or the cache produced
   * @param options the lookup's options (checking disabled or not)
   * @param listeners told of each validation step and then of the validated resolution
   * @return the validated resolution; the future always completes normally
   */
  CompletableFuture<Resolution> validate(
      Resolution resolution, LookupOptions options, ResolutionListener listeners) {
    Question question = resolution.question();
    boolean cd = options.checkingDisabled();
    Validated before = validated.getIfPresent(question);
    if (before != null && !cd) {
      if (before.input() == resolution) {
        return CompletableFuture.completedFuture(told(listeners, before.output(), resolution));
      }
      if (sameData(before.input(), resolution)) {
        Resolution out = again(resolution, before.output());
        validated.put(question, new Validated(resolution, out));
        return CompletableFuture.completedFuture(told(listeners, out, resolution));
      }
    }
    return validator
        .validate(resolution, cd)
        .thenApply(
            out -> {
              if (!cd) {
                validated.put(question, new Validated(resolution, out));
              }
              return told(listeners, out, resolution);
            });
  }

  /**
   * The validated form of a cache hit that is the very resolution validated before (the cache hands
   * the same object out for a second of TTL): a hit's whole cost is this one lookup.
   *
   * @param hit a resolution from the cache
   * @return what it validated to, or null when it must go through {@link #validate}
   */
  @Nullable Resolution sameHit(Resolution hit) {
    Validated before = validated.getIfPresent(hit.question());
    return before != null && before.input() == hit ? before.output() : null;
  }

  /**
   * What a cache-only answer (RD=0) validated to, when the same data was validated before: such a
   * lookup may not send queries, so it cannot build a chain of trust of its own.
   *
   * @param resolution the cache-only resolution
   * @return the validated resolution, or {@code resolution} as it is (not validated)
   */
  Resolution remembered(Resolution resolution) {
    Validated before = validated.getIfPresent(resolution.question());
    return before != null && sameData(before.input(), resolution) ? before.output() : resolution;
  }

  /** Forgets every remembered validation and the key cache, as a full flush does. */
  void clear() {
    validated.invalidateAll();
    validator.clearKeys();
  }

  /**
   * {@code resolution}, whose data was validated before as {@code earlier}: its own trace, then the
   * earlier checks (without the traces of the lookups they needed, which are not this lookup's).
   */
  private static Resolution again(Resolution resolution, Resolution earlier) {
    List<TraceStep> steps = new ArrayList<>(resolution.trace().steps());
    for (TraceStep step : earlier.trace().steps()) {
      if (step instanceof TraceStep.Validation v) {
        steps.add(
            new TraceStep.Validation(
                v.zoneCut(),
                v.check(),
                v.owner(),
                v.type(),
                v.status(),
                v.keyTag(),
                v.detail(),
                List.of()));
      }
    }
    Trace t = resolution.trace();
    Trace trace = new Trace(steps, t.upstreamQueries(), t.elapsed(), t.spent());
    return earlier.security().status() == SecurityStatus.BOGUS
        ? earlier // a bogus answer has no data to carry: the held SERVFAIL is the answer
        : resolution.validated(earlier.security(), trace);
  }

  /**
   * Whether two resolutions carry the same data: the same object (a memoised cache hit), or the
   * same records (dnsjava compares records without their TTLs).
   */
  private static boolean sameData(Resolution a, Resolution b) {
    return a == b
        || (a.status() == b.status()
            && a.answers().equals(b.answers())
            && a.dnssecRecords().equals(b.dnssecRecords())
            && a.authority().equals(b.authority()));
  }

  /** Streams the validation steps of {@code out} beyond those of {@code in}, then the end. */
  private static Resolution told(ResolutionListener listeners, Resolution out, Resolution in) {
    if (listeners == ResolutionListener.NONE) {
      return out;
    }
    int walked = in.trace().steps().size();
    for (TraceStep step :
        out.trace()
            .steps()
            .subList(Math.min(walked, out.trace().steps().size()), out.trace().steps().size())) {
      try {
        listeners.stepCompleted(step);
      } catch (RuntimeException e) {
        log.warn("ResolutionListener.stepCompleted threw; ignored", e);
      }
    }
    try {
      listeners.resolutionFinished(out);
    } catch (RuntimeException e) {
      log.warn("ResolutionListener.resolutionFinished threw; ignored", e);
    }
    return out;
  }

  /**
   * A listener that hears the walk's steps but not its end: the end it should hear is the validated
   * resolution, which {@link #validate} tells it.
   */
  static ResolutionListener stepsOnly(ResolutionListener listeners) {
    if (listeners == ResolutionListener.NONE) {
      return listeners;
    }
    return new ResolutionListener() {
      @Override
      public void stepCompleted(TraceStep step) {
        listeners.stepCompleted(step);
      }
    };
  }
}
