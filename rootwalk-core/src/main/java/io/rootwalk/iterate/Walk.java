package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Limit;
import io.rootwalk.LookupOptions;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.secondlevel.SecondLevelReader;
import io.rootwalk.spi.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One resolution of one question, from the cache or the closest known zone cut down to an answer:
 * the iterative algorithm of RFC 1034 section 5.3.3 as an explicit state machine (Unbound's
 * iterator, in OkHttp-sized pieces).
 *
 * <p>{@link #run()} calls the handler of the current {@link WalkState}; each returns a {@link
 * Transition}, and only the loop applies it: go on to another state, send a query and wait, enter a
 * new zone cut, follow an alias, start a nested walk for a name server's address and wait, or
 * finish. A walk never blocks: it parks by returning from {@code run()} and resumes from the
 * transport's or the nested walk's completion. It is confined to one thread at a time by that
 * hand-off, so its fields need no locks.
 *
 * <p>Read downward: the loop, then the states in the order a lookup meets them. The two large ones
 * have their own classes: {@link ServerStep} (SELECT_SERVER) and {@link ResponseStep} (CLASSIFY); a
 * name server's address is resolved by a nested walk that {@link NameServerChase} starts and folds
 * back in (CHASE_NS_ADDRESS).
 */
final class Walk {

  private static final Logger log = LoggerFactory.getLogger(Walk.class);

  /** A guard against a bug turning into a spin: no real walk takes this many transitions. */
  private static final int MAX_TRANSITIONS = 10_000;

  private static final Transition SPINNING =
      new Transition.Fail(
          new Failure(FailureReason.LIMIT_EXCEEDED, "walk exceeded 10000 state transitions"));

  /** The result of a walk: its resolution, and the budget a parent walk continues with. */
  record Result(Resolution resolution, WorkBudget budget) {}

  private final WalkContext context;
  private final TraceRecorder trace;
  private final AnswerChain answer;
  private final ServerStep servers;
  private final ResponseStep responses;
  private final NameServerChase chase;
  private final Lineage lineage;
  private final long startNanos;
  private final CompletableFuture<Result> result = new CompletableFuture<>();

  /** A prefetch: the first cache check is skipped so the entry is fetched afresh. */
  private boolean refresh;

  private WalkState state = WalkState.CHECK_CACHE;
  private WorkBudget budget;
  private int transitions;
  private @Nullable Name aliasTarget;
  private @Nullable CutAttempts cut;
  private @Nullable Exchanged exchanged;

  /** The name the second-level cache was last read for: once per name of the chain. */
  private @Nullable Name secondLevelReadFor;

  /**
   * A client's lookup of {@code question}, streaming its steps to {@code listener}, as {@code call}
   * asks (its deadline, TCP, the cache) and until it is cancelled.
   */
  static Walk lookup(
      WalkContext context, Question question, ResolutionListener listener, ClientCall call) {
    WorkBudget budget = WorkBudget.start(context.config().limits());
    return new Walk(context, question, listener, Lineage.top(context, call), budget, false);
  }

  /** A background refresh of {@code question} that bypasses its cached answer. */
  static Walk refresh(WalkContext context, Question question) {
    WorkBudget budget = WorkBudget.start(context.config().limits());
    // A call of its own, never cancelled: nobody waits for a prefetch.
    Lineage top = Lineage.top(context, new ClientCall(LookupOptions.defaults()));
    return new Walk(context, question, ResolutionListener.NONE, top, budget, true);
  }

  /** A nested walk for a name server's address, sharing this walk's budget and deadline. */
  Walk nested(Question target, ResolutionListener listener, Lineage child) {
    return new Walk(context, target, listener, child, budget.forChase(child.depth()), false);
  }

  private Walk(
      WalkContext context,
      Question question,
      ResolutionListener listener,
      Lineage lineage,
      WorkBudget budget,
      boolean refresh) {
    this.context = context;
    this.trace = new TraceRecorder(listener);
    this.answer = new AnswerChain(question);
    QnameMinimiser minimiser = new QnameMinimiser(context.config().qnameMinimisation());
    Protocol protocol = lineage.call().firstProtocol();
    this.servers = new ServerStep(context, minimiser, trace, protocol);
    this.responses = new ResponseStep(context, minimiser, trace, protocol);
    this.chase = new NameServerChase(this, trace, context, lineage);
    this.lineage = lineage;
    this.budget = budget;
    this.startNanos = context.deadlines().now();
    this.refresh = refresh;
  }

  /** Starts the walk; the future completes when it ends, always normally. */
  CompletableFuture<Result> start() {
    run();
    return result;
  }

  private void run() {
    try {
      while (!result.isDone()) {
        if (lineage.call().cancelled()) {
          cancelled();
          return;
        }
        if (!apply(++transitions > MAX_TRANSITIONS ? spinning() : handle(state))) {
          return;
        }
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private Transition spinning() {
    context.counters().limitReached(Limit.WALK_TRANSITIONS, answer.name());
    return SPINNING;
  }

  private Transition handle(WalkState s) {
    switch (s) {
      case CHECK_CACHE:
        return checkCache();
      case READ_SECOND_LEVEL:
        return readSecondLevel();
      case FIND_ZONE_CUT:
        return servers.closestCut(answer);
      case SELECT_SERVER:
        return pastDeadline() ? deadlinePassed() : servers.select(cut(), answer);
      case CLASSIFY:
        return responses.classify(exchanged(), cut(), answer);
      case CHASE_NS_ADDRESS:
        return chase.start(cut(), answer.current());
      case FOLLOW_ALIAS:
        return followAlias();
      default:
        throw new IllegalStateException("unknown state " + s);
    }
  }

  /** Applies a handler's transition; false when the walk has parked or ended. */
  private boolean apply(Transition t) {
    if (t instanceof Transition.Continue c) {
      state = c.next();
    } else if (t instanceof Transition.EnterCut e) {
      cut = e.cut();
      state = WalkState.SELECT_SERVER;
    } else if (t instanceof Transition.FollowAlias f) {
      Optional<Failure> over = takeLinks(f.links());
      if (over.isPresent()) {
        return apply(new Transition.Fail(over.get()));
      }
      aliasTarget = f.target();
      state = WalkState.FOLLOW_ALIAS;
    } else if (t instanceof Transition.Send s) {
      return send(s.attempt());
    } else if (t instanceof Transition.LastResort l) {
      return apply(responses.lastResort(l.kept(), answer));
    } else if (t instanceof Transition.Nest n) {
      // Walks always complete normally: a null result is a bug, and resume() reports it so.
      n.child().start().whenComplete((r, e) -> resume(() -> afterChase(n, present(r, "chase"))));
      return false;
    } else if (t instanceof Transition.Answered a) {
      Optional<Failure> over = takeLinks(a.links());
      if (over.isPresent()) {
        return apply(new Transition.Fail(over.get()));
      }
      answer.endAt(a.end());
      finish(answer.finish(a.status(), a.finalRecords(), a.authority(), traceSoFar()));
    } else if (t instanceof Transition.ReadSecondLevel r) {
      r.read().whenComplete((step, e) -> resume(() -> afterSecondLevel(present(step, "read"))));
      return false;
    } else if (t instanceof Transition.Fail f) {
      end(f.failure());
    }
    return !result.isDone();
  }

  /**
   * Adds a step's alias links to the answer, each counted against maxAliasHops; the failure, with
   * nothing added, when they would exceed it.
   */
  private Optional<Failure> takeLinks(List<Record> links) {
    int hops = AnswerChain.aliasHops(links);
    Optional<Failure> over = budget.checkAliasHops(hops, answer.name(), context.counters());
    if (over.isEmpty()) {
      budget = budget.withAliasHops(hops);
      answer.addLinks(links);
    }
    return over;
  }

  /** Runs a completion on this walk, so a bug in it ends the walk instead of losing it. */
  private void resume(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException bug) {
      fail(bug);
    }
  }

  /** A bug must end the walk with SERVFAIL, never leave its caller waiting. */
  private void fail(RuntimeException e) {
    log.warn("walk for {} failed unexpectedly", answer.question(), e);
    Failure failure = new Failure(FailureReason.UPSTREAM_ERROR, "internal error: " + e);
    try {
      end(failure);
    } catch (RuntimeException again) {
      Trace none = new Trace(List.of(), budget.upstreamQueries(), Duration.ZERO, budget.spent());
      result.complete(new Result(answer.servfail(failure, none), budget));
    }
  }

  // ---- CHECK_CACHE (CacheHits); FIND_ZONE_CUT and SELECT_SERVER (ServerStep) ---------------

  private Transition checkCache() {
    if (refresh) {
      refresh = false; // a prefetch: fetch the entry afresh
      return new Transition.Continue(WalkState.FIND_ZONE_CUT);
    }
    boolean top = lineage.depth() == 0;
    if (top && !lineage.call().usesCachedAnswers()) {
      return new Transition.Continue(WalkState.FIND_ZONE_CUT); // the caller asked for fresh data
    }
    SecondLevelReader secondLevel = context.secondLevel();
    boolean readFirst =
        secondLevel != null
            && lineage.call().readsSecondLevel()
            && !answer.current().name().equals(secondLevelReadFor);
    Transition t = CacheHits.check(context, trace, answer, top, !readFirst);
    if (readFirst && t instanceof Transition.Continue c && c.next() == WalkState.FIND_ZONE_CUT) {
      return new Transition.Continue(WalkState.READ_SECOND_LEVEL);
    }
    return t;
  }

  // ---- READ_SECOND_LEVEL -------------------------------------------------------------------

  private Transition readSecondLevel() {
    SecondLevelReader secondLevel = present(context.secondLevel(), "second-level cache");
    secondLevelReadFor = answer.current().name();
    return new Transition.ReadSecondLevel(secondLevel.read(answer.current()));
  }

  private void afterSecondLevel(TraceStep.SecondLevelRead step) {
    if (lineage.call().cancelled()) {
      cancelled();
      return;
    }
    trace.record(step);
    state = WalkState.CHECK_CACHE;
    run();
  }

  /** Sends {@code a} if the budget and the deadline allow; false when the walk parked or ended. */
  private boolean send(Attempt a) {
    Optional<Failure> exceeded = budget.checkQuery(answer.name(), context.counters());
    if (exceeded.isPresent() || pastDeadline()) {
      return apply(exceeded.isPresent() ? new Transition.Fail(exceeded.get()) : deadlinePassed());
    }
    budget = budget.withQuery();
    context.counters().querySent();
    Exchanged.send(context, a, cut().retryingTimeouts(), lineage.deadlineNanos(), lineage.call())
        .whenComplete((x, e) -> resume(() -> classifyAndRun(x)));
    return false;
  }

  private void classifyAndRun(Exchanged x) {
    if (lineage.call().cancelled()) {
      cancelled(); // nobody waits: nothing of what came back is judged, nothing more is sent
      return;
    }
    exchanged = x;
    state = WalkState.CLASSIFY;
    run();
  }

  // ---- CLASSIFY (ResponseStep); CHASE_NS_ADDRESS (NameServerChase) -------------------------

  private void afterChase(Transition.Nest nest, Result r) {
    if (lineage.call().cancelled()) {
      cancelled(); // the chase ended because of it: its failure says nothing about the name server
      return;
    }
    NameServerChase.Folded folded =
        chase.finish(cut(), nest, r.resolution(), budget.afterChase(r.budget()));
    budget = folded.budget();
    if (apply(folded.next())) {
      run();
    }
  }

  // ---- FOLLOW_ALIAS ------------------------------------------------------------------------

  private Transition followAlias() {
    Name target = present(aliasTarget, "alias target");
    aliasTarget = null;
    Optional<Failure> refused = answer.follow(target);
    if (refused.isPresent()) {
      return new Transition.Fail(refused.get());
    }
    budget = budget.forAliasTarget();
    cut = null;
    return new Transition.Continue(WalkState.CHECK_CACHE);
  }

  // ---- Finishing ---------------------------------------------------------------------------

  private boolean pastDeadline() {
    return context.deadlines().now() >= lineage.deadlineNanos();
  }

  private Transition deadlinePassed() {
    String at = cut == null ? "" : " at " + cut.zone();
    return new Transition.Fail(
        new Failure(
            FailureReason.DEADLINE_EXCEEDED,
            "deadline of " + deadline().toMillis() + " ms passed resolving " + answer.name() + at));
  }

  /** The lookup's deadline: the resolver's, or the caller's own when shorter. */
  private Duration deadline() {
    Duration resolvers = context.config().deadline();
    return lineage
        .call()
        .options()
        .timeout()
        .filter(t -> t.compareTo(resolvers) < 0)
        .orElse(resolvers);
  }

  private Trace traceSoFar() {
    return trace.trace(
        budget.upstreamQueries(),
        Duration.ofNanos(context.deadlines().now() - startNanos),
        budget.spent());
  }

  /** Ends in SERVFAIL, or with a stale answer when serve-stale is on (RFC 8767). */
  private void end(Failure failure) {
    Optional<Resolution> stale =
        lineage.depth() == 0
            ? CacheHits.stale(context, trace, answer, this::traceSoFar)
            : Optional.empty();
    finish(stale.orElseGet(() -> answer.servfail(failure, traceSoFar())));
  }

  /** The client gave up: SERVFAIL, never a stale answer, and no server is blamed for it. */
  private void cancelled() {
    finish(
        answer.servfail(
            new Failure(FailureReason.CANCELLED, "the lookup was cancelled by its caller"),
            traceSoFar()));
  }

  private void finish(Resolution resolution) {
    if (result.isDone()) {
      return;
    }
    trace.finished(resolution);
    result.complete(new Result(resolution, budget));
  }

  private CutAttempts cut() {
    return present(cut, "zone cut");
  }

  private Exchanged exchanged() {
    return present(exchanged, "exchange");
  }

  /** A bug, not a DNS outcome: a state entered without what it works on. */
  private <T> T present(@Nullable T value, String what) {
    if (value == null) {
      throw new IllegalStateException("no " + what + " in state " + state);
    }
    return value;
  }
}
