package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Limit;
import io.rootwalk.LookupOptions;
import io.rootwalk.LookupStatistics;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.SecondLevelStatistics;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.WorkSpent;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.concurrent.Admission;
import io.rootwalk.concurrent.Deadlines;
import io.rootwalk.concurrent.HangGuard;
import io.rootwalk.concurrent.SingleFlight;
import io.rootwalk.net.CoalescingTransport;
import io.rootwalk.observe.LookupCounters;
import io.rootwalk.observe.LookupEvent;
import io.rootwalk.spi.SecondLevelCache;
import io.rootwalk.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a resolver's lookups start: answered from the cache when it can, otherwise by a {@link
 * Walk}, shared with identical lookups already in flight, and bounded by a deadline guard owned by
 * this engine. Thread-safe; walks themselves are not shared.
 */
public final class Engine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final WalkContext context;
  private final SingleFlight<Question, Resolution> lookupsInFlight = new SingleFlight<>();

  /**
   * The second-level cache a resolver was built with.
   *
   * @param store the shared store
   * @param timeout how long a read may take before the walk goes on without it
   * @param continuation where a walk resumes once the store has answered
   */
  public record SecondLevel(SecondLevelCache store, Duration timeout, Executor continuation) {}

  /** Ends any walk still running a query timeout and a second past its deadline. */
  private final HangGuard hangGuard;

  /** The second-level cache read through and written behind; null when there is none. */
  private final @Nullable SecondLevelStage secondLevel;

  /** DNSSEC validation after the walk; null when the resolver does not validate. */
  private final @Nullable ValidationStage validation;

  /**
   * Builds the engine and the services its walks share; starts its timer thread.
   *
   * @param config the resolver's settings
   * @param cache the cache, possibly shared with resolvers derived from the same one
   * @param transport the upstream transport
   * @param closed true once the owning resolver is closed: walks then end with {@code
   *     RESOLVER_CLOSED} instead of trying server after server on a dead transport
   * @param secondLevel the second-level cache walks read through, or null for none
   */
  public Engine(
      EngineConfig config,
      ResolverCache cache,
      Transport transport,
      BooleanSupplier closed,
      @Nullable SecondLevel secondLevel) {
    Objects.requireNonNull(config, "config");
    Deadlines deadlines = new Deadlines(config.ticker(), "rootwalk-timer");
    this.secondLevel =
        secondLevel == null ? null : SecondLevelStage.start(secondLevel, cache, deadlines, config);
    this.hangGuard =
        new HangGuard(
            config.deadline().plus(config.queryTimeout()).plus(Duration.ofSeconds(1)),
            Duration.ofMillis(100),
            deadlines);
    // ThreadLocalRandom: walks run on callers' threads and the I/O thread at once.
    RandomGenerator shared =
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
          }
        };
    this.context =
        new WalkContext(
            config,
            Objects.requireNonNull(cache, "cache"),
            new CoalescingTransport(Objects.requireNonNull(transport, "transport"), deadlines),
            new QueryFactory(config.use0x20(), config.ednsPayloadSize(), config.validates()),
            new ServerSelector(
                cache.infra(),
                config.allowLoopbackServers(),
                config.ipFamily(),
                shared,
                config.exploreServers()),
            new Prefetcher(),
            deadlines,
            new Admission(config.maxLookupsInFlight(), config.maxQueuedLookups()),
            Objects.requireNonNull(closed, "closed"),
            new LookupCounters(),
            this.secondLevel == null ? null : this.secondLevel.reader());
    // The chain of trust's DS and DNSKEY lookups go through this engine like any other, but
    // unvalidated: the chain is what validates them.
    this.validation =
        config
            .trustAnchors()
            .map(
                anchors ->
                    new ValidationStage(
                        anchors,
                        config,
                        cache,
                        q ->
                            resolveUnvalidated(
                                q, LookupOptions.defaults(), ResolutionListener.NONE)))
            .orElse(null);
  }

  /**
   * Resolves {@code question}; the future always completes normally, with a resolution, unless the
   * caller cancels it. Cancelling it (or the last of the callers sharing its walk cancelling
   * theirs) stops the walk before its next query and frees its admission slot at once.
   *
   * @param question what to resolve
   * @param options what this call asks for: deadline, cache, TCP, a listener streamed every step
   * @param observer the resolver-wide factory's listener for this lookup
   * @return the resolution, by the deadline plus one query timeout at the latest
   */
  public CompletableFuture<Resolution> resolve(
      Question question, LookupOptions options, ResolutionListener observer) {
    LookupEvent event = LookupEvent.beginIfEnabled(); // null, allocating nothing, if not recording
    ValidationStage stage = validation;
    ResolutionListener listeners = ResolutionListener.composite(observer, options.listener());
    if (!options.bypassCache()) {
      Optional<Resolution> cached = CacheOnlyLookup.resolve(context, question, true);
      if (cached.isPresent()) {
        Resolution hit = cached.get();
        if (stage == null) {
          if (listeners != ResolutionListener.NONE) {
            replay(hit, listeners);
          }
          return answeredFromCache(question, hit, event);
        }
        Resolution known =
            listeners == ResolutionListener.NONE && !options.checkingDisabled()
                ? stage.sameHit(hit)
                : null;
        if (known != null) {
          return answeredFromCache(question, known, event); // the common hit: one memo lookup
        }
        if (listeners != ResolutionListener.NONE) {
          replay(hit, ValidationStage.stepsOnly(listeners)); // the end comes validated
        }
        return counted(question, stage.validate(hit, options, listeners), event);
      }
    }
    CompletableFuture<Resolution> resolved =
        stage == null
            ? resolveUpstream(question, options, observer)
            : resolveValidated(stage, question, options, observer, listeners);
    return counted(question, resolved, event);
  }

  /**
   * A cache hit, counted, in a future made here and never handed to a completion stage: escape
   * analysis can then still remove it, and the hit allocates nothing for metrics or JFR.
   */
  private CompletableFuture<Resolution> answeredFromCache(
      Question question, Resolution hit, @Nullable LookupEvent event) {
    context.counters().finished(question, hit, event);
    return CompletableFuture.completedFuture(hit);
  }

  /** Counts a lookup that was not a plain cache hit once it ends, before its caller sees it. */
  private CompletableFuture<Resolution> counted(
      Question question, CompletableFuture<Resolution> resolved, @Nullable LookupEvent event) {
    SecondLevelStage store = secondLevel;
    CompletableFuture<Resolution> ended = store == null ? resolved : store.writtenBehind(resolved);
    return context
        .counters()
        .countedWhenDone(
            question,
            ended,
            event,
            e ->
                e instanceof CancellationException
                    ? cancelled(question)
                    : internalError(question, e));
  }

  /**
   * What the second-level cache did.
   *
   * @return its counters; {@link SecondLevelStatistics#NONE} without one
   */
  public SecondLevelStatistics secondLevelStatistics() {
    SecondLevelStage store = secondLevel;
    return store == null ? SecondLevelStatistics.NONE : store.statistics();
  }

  /**
   * The lookup counters summed now.
   *
   * @return lookups by status and reason, queries, limits reached, lookups in flight and queued
   */
  public LookupStatistics statistics() {
    Admission admission = context.admission();
    return context.counters().snapshot(admission.running(), admission.waiting());
  }

  /** A validating resolver's lookup that the cache did not answer. */
  private CompletableFuture<Resolution> resolveValidated(
      ValidationStage stage,
      Question question,
      LookupOptions options,
      ResolutionListener observer,
      ResolutionListener listeners) {
    // Bogus data left the cache when it was found bogus; its SERVFAIL is held a minute instead.
    Optional<Resolution> held = stage.heldBogus(question, options);
    if (held.isPresent()) {
      finished(listeners, held.get());
      return CompletableFuture.completedFuture(held.get());
    }
    if (!options.bypassCache()) {
      // RFC 8198: a name inside a validated NSEC span needs no query, when the cache itself
      // holds nothing for it (a cached answer is newer evidence than the span).
      Optional<Resolution> synthesized = stage.synthesized(question);
      if (synthesized.isPresent()) {
        replay(synthesized.get(), listeners);
        return CompletableFuture.completedFuture(synthesized.get());
      }
    }
    // The walk neither knows nor cares about CD: identical lookups share it whatever their CD bit.
    LookupOptions walkOptions =
        new LookupOptions(
            options.timeout(),
            options.bypassCache(),
            options.forceTcp(),
            ValidationStage.stepsOnly(options.listener()),
            false);
    CompletableFuture<Resolution> walked =
        resolveUnvalidated(question, walkOptions, ValidationStage.stepsOnly(observer));
    CompletableFuture<Resolution> first =
        walked.isDone()
            // A cache hit: answered at once when the same data was validated before.
            ? stage.validate(walked.join(), options, listeners)
            : walked.thenCompose(r -> stage.validate(r, options, listeners));
    SecondLevelStage store = secondLevel;
    CompletableFuture<Resolution> validated =
        store == null
            ? first
            : store.againIfForged(
                first,
                () ->
                    walk(question, ValidationStage.stepsOnly(observer), walkOptions, false)
                        .thenCompose(r -> stage.validate(r, options, listeners)));
    return hangGuard.guard(
        validated,
        () -> unfinished(question, "DNSSEC validation did not finish within the deadline"));
  }

  /** {@link #resolve} without DNSSEC validation: the cache, then a shared or own walk. */
  private CompletableFuture<Resolution> resolveUnvalidated(
      Question question, LookupOptions options, ResolutionListener observer) {
    if (!options.bypassCache()) {
      // Cache hits need no sharing: answer them without touching the in-flight map, whose
      // contention would otherwise be paid by every hit on a popular name.
      Optional<Resolution> cached = CacheOnlyLookup.resolve(context, question, true);
      if (cached.isPresent()) {
        ResolutionListener listeners = ResolutionListener.composite(observer, options.listener());
        if (listeners != ResolutionListener.NONE) {
          replay(cached.get(), listeners);
        }
        return CompletableFuture.completedFuture(cached.get());
      }
    }
    return resolveUpstream(question, options, observer);
  }

  /** A lookup the cache did not answer: a walk of its own, or one shared with identical ones. */
  private CompletableFuture<Resolution> resolveUpstream(
      Question question, LookupOptions options, ResolutionListener observer) {
    if (!options.equals(LookupOptions.defaults())) {
      // A streaming listener wants its own steps as they happen, and a deadline, TCP or fresh
      // data asked for is not what another caller gets: a walk of its own.
      return walk(
          question, ResolutionListener.composite(observer, options.listener()), options, true);
    }
    // Identical client lookups in flight share one walk (Unbound's mesh, OkHttp's in-flight
    // calls): a thousand concurrent lookups of a cold name cost one walk's queries, and later
    // arrivals do not repeat steps whose packets have already come back. Followers receive the
    // leader's resolution, trace included: it is the work that answered them.
    SingleFlight.Flight<Resolution> flight =
        lookupsInFlight.join(question, () -> walk(question, observer, options, true));
    if (!flight.leader() && observer != ResolutionListener.NONE) {
      flight
          .result()
          .thenAccept(r -> finished(observer, r)); // the leader's walk told only its own observer
    }
    return flight.result();
  }

  /**
   * A SERVFAIL {@link FailureReason#CANCELLED} for a blocking caller whose thread was interrupted
   * while it waited: the resolution it returns instead of the answer.
   *
   * @param question what was being resolved
   * @return the resolution, with an empty trace
   */
  public static Resolution cancelled(Question question) {
    return failed(
        question,
        FailureReason.CANCELLED,
        "the thread waiting for the lookup was interrupted",
        Duration.ZERO);
  }

  /**
   * Answers {@code question} from the cache alone, following cached aliases; never sends a query.
   *
   * @param question what to look up
   * @return the cached resolution, or empty when the cache cannot answer
   */
  public Optional<Resolution> resolveCached(Question question) {
    Optional<Resolution> cached = CacheOnlyLookup.resolve(context, question, false);
    ValidationStage stage = validation;
    return stage == null ? cached : cached.map(stage::remembered);
  }

  /** Forgets what validation remembered (validated answers, trusted keys): a full flush. */
  public void forgetValidation() {
    ValidationStage stage = validation;
    if (stage != null) {
      stage.clear();
    }
  }

  /**
   * Starts a walk once the admission lets it (at once, or when a running walk ends); refused with
   * {@link FailureReason#OVERLOADED} when even the queue is full. The deadline counts from the
   * start, not from the call: time spent queued is the resolver's, never a server's. Cancelling the
   * returned future stops the walk and gives its slot back at once, or, if it is still queued, lets
   * it give the slot back the moment it is admitted, without sending anything.
   */
  private CompletableFuture<Resolution> walk(
      Question question,
      ResolutionListener listener,
      LookupOptions options,
      boolean readsSecondLevel) {
    CompletableFuture<Resolution> result = new CompletableFuture<>();
    ClientCall call = new ClientCall(options, readsSecondLevel);
    AtomicBoolean slotReturned = new AtomicBoolean();
    Runnable returnSlot =
        () -> {
          if (slotReturned.compareAndSet(false, true)) {
            context.admission().release();
          }
        };
    Admission admission = context.admission();
    boolean admitted =
        admission.admit(
            () -> {
              if (call.cancelled()) {
                returnSlot.run();
              } else {
                startWalk(question, listener, call, result, returnSlot);
              }
            });
    if (!admitted) {
      context.counters().limitReached(Limit.MAX_QUEUED_LOOKUPS, question.name());
      Resolution refused =
          failed(
              question,
              FailureReason.OVERLOADED,
              admission.running()
                  + " lookups in flight and "
                  + admission.waiting()
                  + " queued: the resolver's limits (maxLookupsInFlight, maxQueuedLookups)",
              Duration.ZERO);
      finished(listener, refused);
      result.complete(refused);
      return result;
    }
    result.whenComplete(
        (r, e) -> {
          if (result.isCancelled()) {
            call.cancel();
            // A walk already admitted gives its slot back now; one still queued gives it back when
            // the admission runs it (see above). startWalk checks the other way round, so one of
            // the two sees the other, whichever runs first.
            if (call.started()) {
              returnSlot.run();
            }
          }
        });
    return result;
  }

  /**
   * Runs an admitted walk into {@code result}, which completes by the deadline plus one query
   * timeout however the walk or a replacement transport misbehaves (a lookup must never hang its
   * caller), and never exceptionally; the admission slot is returned once it has, or when the
   * caller cancels, whichever comes first.
   */
  private void startWalk(
      Question question,
      ResolutionListener listener,
      ClientCall call,
      CompletableFuture<Resolution> result,
      Runnable returnSlot) {
    call.start();
    if (result.isCancelled()) {
      returnSlot.run(); // cancelled between the admission's check and now
      return;
    }
    CompletableFuture<Resolution> walked;
    try {
      walked =
          Walk.lookup(context, question, listener, call).start().thenApply(Walk.Result::resolution);
    } catch (RuntimeException e) {
      log.warn("walk for {} could not start", question, e);
      walked =
          CompletableFuture.completedFuture(unfinished(question, "the walk could not start: " + e));
    }
    hangGuard
        .guard(
            walked.exceptionally(e -> unfinished(question, "the walk failed: " + e)),
            () -> unfinished(question, "the lookup did not finish within its deadline"))
        .whenComplete(
            (r, e) -> {
              result.complete(r != null ? r : unfinished(question, "the walk failed: " + e));
              returnSlot.run();
            });
  }

  /**
   * A SERVFAIL for a future that failed where it must not: a bug, reported as a value.
   *
   * @param question what was being resolved
   * @param cause what the future failed with
   * @return the resolution, with an empty trace
   */
  public static Resolution internalError(Question question, Throwable cause) {
    return failed(
        question, FailureReason.UPSTREAM_ERROR, "internal error: " + cause, Duration.ZERO);
  }

  /**
   * Lookups holding an admission slot now: walking, or cancelled and not yet let go of it.
   *
   * @return how many (for tests and metrics)
   */
  public int lookupsRunning() {
    return context.admission().running();
  }

  /** Tells an observer about a lookup answered from the cache, as if it had streamed. */
  private static void replay(Resolution r, ResolutionListener observer) {
    for (TraceStep step : r.trace().steps()) {
      try {
        observer.stepCompleted(step);
      } catch (RuntimeException e) {
        log.warn("ResolutionListener.stepCompleted threw; ignored", e);
      }
    }
    finished(observer, r);
  }

  private static void finished(ResolutionListener observer, Resolution r) {
    try {
      observer.resolutionFinished(r);
    } catch (RuntimeException e) {
      log.warn("ResolutionListener.resolutionFinished threw; ignored", e);
    }
  }

  /** A SERVFAIL for a walk that could not deliver its own result; the trace is empty. */
  private Resolution unfinished(Question question, String detail) {
    return failed(question, FailureReason.DEADLINE_EXCEEDED, detail, context.config().deadline());
  }

  private static Resolution failed(
      Question question, FailureReason reason, String detail, Duration elapsed) {
    return new AnswerChain(question)
        .servfail(new Failure(reason, detail), new Trace(List.of(), 0, elapsed, WorkSpent.NONE));
  }

  /** Stops the engine's timer thread; the owning resolver calls this when it is closed. */
  @Override
  public void close() {
    hangGuard.closeAfterLastDeadline();
    context.deadlines().close();
  }
}
