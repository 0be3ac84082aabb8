package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.Rejection;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.CacheAnswer;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.cache.StaleAnswer;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.delegation.ServerAddress;
import io.rootwalk.spi.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One resolution of one question, from the cache or the closest known zone cut down to an answer:
 * the whole iterative algorithm of RFC 1034 section 5.3.3, in one place.
 *
 * <p>A walk is an explicit state machine (Unbound's iterator, in OkHttp-sized pieces). {@link
 * #run()} calls the handler of the current {@link WalkState}; each returns a {@link Transition}:
 * continue with another state, send a query and wait, start a nested walk for a name server's
 * address and wait, or finish. A walk never blocks: it parks by returning from {@code run()} and
 * resumes from the transport's or the nested walk's completion. It is confined to one thread at
 * a time by that hand-off, so its fields need no locks.
 *
 * <p>Read downward: the loop, then one section per state in the order a lookup meets them. The
 * response's meaning comes from {@link BailiwickScrubber} and {@link ResponseClassifier}, what it
 * teaches is stored by {@link ResponseStore}, and a name server's address is resolved by a nested
 * walk that {@link NameServerChase} starts and folds back in.
 */
final class Walk {

  private static final Logger log = LoggerFactory.getLogger(Walk.class);

  /** A guard against a bug turning into a spin: no real walk takes this many transitions. */
  private static final int MAX_TRANSITIONS = 10_000;

  private static final BailiwickScrubber SCRUBBER = new BailiwickScrubber();
  private static final ResponseClassifier CLASSIFIER = new ResponseClassifier();

  /** The result of a walk: its resolution, and the budget a parent walk continues with. */
  record Result(Resolution resolution, WorkBudget budget) {}

  private final WalkContext context;
  private final EngineConfig config;
  private final ResolverCache cache;
  private final ResponseStore store;
  private final TraceRecorder trace;
  private final AnswerChain answer;
  private final QnameMinimiser minimiser;
  private final NameServerChase chase;
  private final int depth;
  private final long startNanos;
  private final long deadlineNanos;
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  /** A prefetch: the first cache check is skipped so the entry is fetched afresh. */
  private boolean refresh;

  private WalkState state = WalkState.CHECK_CACHE;
  private WorkBudget budget;
  private int transitions;
  private @Nullable Name aliasTarget;
  private @Nullable CutAttempts cut;
  private @Nullable Exchanged exchanged;

  /** A client's lookup of {@code question}, streaming its steps to {@code listener}. */
  static Walk lookup(WalkContext context, Question question, ResolutionListener listener) {
    return new Walk(context, question, listener, 0, Set.of(), WorkBudget.start(context.config().limits()),
        context.deadlines().now() + context.config().deadline().toNanos(), false);
  }

  /** A background refresh of {@code question} that bypasses its cached answer. */
  static Walk refresh(WalkContext context, Question question) {
    return new Walk(context, question, ResolutionListener.NONE, 0, Set.of(),
        WorkBudget.start(context.config().limits()),
        context.deadlines().now() + context.config().deadline().toNanos(), true);
  }

  /** A nested walk for a name server's address, sharing this walk's budget and deadline. */
  Walk nested(Question target, ResolutionListener listener, Set<Question> lineage) {
    return new Walk(context, target, listener, depth + 1, lineage, budget.forChase(depth + 1), deadlineNanos,
        false);
  }

  private Walk(WalkContext context, Question question, ResolutionListener listener, int depth,
      Set<Question> ancestors, WorkBudget budget, long deadlineNanos, boolean refresh) {
    this.context = context;
    this.config = context.config();
    this.cache = context.cache();
    this.store = new ResponseStore(cache, config);
    this.trace = new TraceRecorder(listener);
    this.answer = new AnswerChain(question);
    this.minimiser = new QnameMinimiser(config.qnameMinimisation());
    this.chase = new NameServerChase(this, trace, cache, config.limits(), config.ipFamily(), depth, ancestors);
    this.depth = depth;
    this.budget = budget;
    this.startNanos = context.deadlines().now();
    this.deadlineNanos = deadlineNanos;
    this.refresh = refresh;
  }

  /** Starts the walk; the future completes when it ends, always normally. */
  CompletableFuture<Result> start() {
    run();
    return result;
  }

  private void run() {
    try {
      while (true) {
        if (++transitions > MAX_TRANSITIONS) {
          finish(servfail(FailureReason.LIMIT_EXCEEDED, "walk exceeded " + MAX_TRANSITIONS + " state transitions"));
          return;
        }
        Transition t = handle(state);
        if (t instanceof Transition.Continue c) {
          state = c.next();
        } else if (t instanceof Transition.Send s) {
          send(s.attempt());
          return;
        } else if (t instanceof Transition.Nest n) {
          n.child().start().whenComplete((r, e) -> resume(() -> afterChase(n, r, e)));
          return;
        } else if (t instanceof Transition.Done d) {
          finish(d.resolution());
          return;
        } else if (t instanceof Transition.Fail f) {
          finish(answer.servfail(f.failure(), traceSoFar()));
          return;
        }
      }
    } catch (RuntimeException e) {
      fail(e);
    }
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
      finish(answer.servfail(failure, traceSoFar()));
    } catch (RuntimeException again) {
      result.complete(new Result(answer.servfail(failure,
          new Trace(List.of(), budget.upstreamQueries(), Duration.ZERO, budget.spent())), budget));
    }
  }

  private Transition handle(WalkState s) {
    switch (s) {
      case CHECK_CACHE:
        return checkCache();
      case FIND_ZONE_CUT:
        return findZoneCut();
      case SELECT_SERVER:
        return selectServer();
      case CLASSIFY:
        return classify();
      case CHASE_NS_ADDRESS:
        return chase.start(cut(), answer.current());
      case FOLLOW_ALIAS:
        return followAlias();
      default:
        throw new IllegalStateException("unknown state " + s);
    }
  }

  // ---- CHECK_CACHE -------------------------------------------------------------------------

  private Transition checkCache() {
    if (refresh) {
      refresh = false;
      return new Transition.Continue(WalkState.FIND_ZONE_CUT);
    }
    Question asked = answer.current();
    CacheAnswer cached = cache.answer(asked.name(), asked.type());
    if (cached instanceof CacheAnswer.Miss) {
      cache.countMiss();
      return new Transition.Continue(WalkState.FIND_ZONE_CUT);
    }
    CacheHits.record(trace, asked, cached);
    if (depth == 0 && CacheHits.refreshDue(cached)) {
      context.prefetcher().refresh(context, CacheHits.refreshQuestion(asked, cached));
    }
    if (cached instanceof CacheAnswer.Alias alias) {
      answer.addLinks(alias.records());
      aliasTarget = alias.target();
      return new Transition.Continue(WalkState.FOLLOW_ALIAS);
    }
    return new Transition.Done(CacheHits.finish(answer, cached, traceSoFar()));
  }

  // ---- FIND_ZONE_CUT -----------------------------------------------------------------------

  private Transition findZoneCut() {
    Name qname = answer.name();
    // A DS RRset lives on the parent side of its zone cut (RFC 4035 section 2.4): start above it.
    Name searchFrom = answer.question().type() == Type.DS && qname.labels() > 1 ? new Name(qname, 1) : qname;
    Optional<Delegation> cached = cache.closestDelegation(searchFrom);
    if (cached.isPresent()) {
      Delegation d = cached.get();
      trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.DELEGATION, answer.current(), d.zone(),
          d.nsRecords()));
      cut = new CutAttempts(d, null, false);
    } else {
      // Not even the root is cached: prime from the hints (RFC 8109 section 3).
      cut = new CutAttempts(Delegation.fromHints(config.rootHints()), null, true);
    }
    return new Transition.Continue(WalkState.SELECT_SERVER);
  }

  // ---- SELECT_SERVER -----------------------------------------------------------------------

  private Transition selectServer() {
    CutAttempts c = cut();
    Delegation d = c.delegation();
    if (context.deadlines().now() >= deadlineNanos) {
      return deadlinePassed();
    }
    if (context.closed().getAsBoolean()) {
      return fail(FailureReason.RESOLVER_CLOSED, "the resolver was closed while resolving " + answer.name());
    }
    if (c.untouched()) {
      Optional<Failure> held = cache.heldFailure(d.zone(), answer.name(), answer.question().type());
      if (held.isPresent()) {
        trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.FAILURE, answer.current(), d.zone(), List.of()));
        return fail(FailureReason.CACHED_FAILURE,
            "a recent failure at " + d.zone() + " is held and not retried yet (RFC 9520): " + held.get());
      }
    }
    Optional<ServerAddress> next = context.selector().next(d, c.tried());
    if (next.isPresent()) {
      ServerAddress server = next.get();
      c.tried(server.address());
      boolean edns = config.ednsPayloadSize() > 0 && !cache.infra().noEdns(server.address());
      if (c.priming()) {
        return sendAttempt(new Attempt(Name.root, server, Name.root, Type.NS, Protocol.UDP, edns, false));
      }
      Optional<Name> probe = minimiser.next(answer.name(), answer.question().type(), c.knownNoCutAbove());
      return sendAttempt(probe.isPresent()
          ? new Attempt(d.zone(), server, probe.get(), Type.A, Protocol.UDP, edns, true)
          : new Attempt(d.zone(), server, answer.name(), answer.question().type(), Protocol.UDP, edns, false));
    }
    if (!c.chaseCandidates(config.ipFamily()).isEmpty()) {
      return new Transition.Continue(WalkState.CHASE_NS_ADDRESS);
    }
    if (c.startTimeoutRetries()) {
      // Before giving up on the zone, each server that timed out is asked once more, with the
      // full query timeout rather than its RTT-derived one (Unbound likewise retries within its
      // RTO backoff).
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    Failure failure = c.explain();
    cache.holdFailure(c.failureScope(answer.name(), answer.question().type()), failure);
    return new Transition.Fail(failure);
  }

  private Transition sendAttempt(Attempt a) {
    Optional<Failure> exceeded = budget.checkQuery(answer.name());
    if (exceeded.isPresent()) {
      return new Transition.Fail(exceeded.get());
    }
    if (context.deadlines().now() >= deadlineNanos) {
      return deadlinePassed();
    }
    budget = budget.withQuery();
    return new Transition.Send(a);
  }

  private void send(Attempt a) {
    Exchanged.send(context, a, cut().retryingTimeouts(), deadlineNanos).whenComplete((x, e) -> resume(() -> {
      exchanged = x;
      state = WalkState.CLASSIFY;
      run();
    }));
  }

  // ---- CLASSIFY ----------------------------------------------------------------------------

  private Transition classify() {
    Exchanged x = exchanged();
    Attempt a = x.attempt();
    Optional<Message> response = x.response(cache.infra(), config.use0x20());
    if (response.isEmpty()) {
      Outcome outcome = x.failureOutcome();
      if (outcome instanceof Outcome.Timeout) {
        cut().timedOut(a.server().address());
      }
      recordExchange(x, outcome, List.of());
      return serverFailed(a, outcome);
    }
    Scrubbed s = SCRUBBER.scrub(response.get(), a.qname(), a.qtype(), a.zone());
    ResponseKind kind = CLASSIFIER.classify(response.get(), s, a.qname(), a.qtype(), a.zone(), a.protocol(),
        a.edns(), cut().priming());
    if (kind instanceof ResponseKind.Truncated || kind instanceof ResponseKind.EdnsRejected) {
      recordExchange(x, kind.outcome(), s.rejected());
      if (kind instanceof ResponseKind.Truncated) {
        return sendAttempt(a.overTcp());
      }
      cache.infra().recordNoEdns(a.server().address());
      return sendAttempt(a.withoutEdns());
    }
    if (a.minimised()) {
      Optional<Transition> probed = afterMinimisedProbe(x, kind, s);
      if (probed.isPresent()) {
        return probed.get();
      }
    }
    if (kind instanceof ResponseKind.Lame l) {
      recordExchange(x, kind.outcome(), s.rejected());
      store.lame(a, l);
      return serverFailed(a, kind.outcome());
    }
    if (kind instanceof ResponseKind.PrimingAnswer p) {
      Delegation primed = store.primed(a, p, cut().delegation());
      recordExchange(x, new Outcome.Priming(primed.nameServers(), primed.addresses().size()), s.rejected());
      cut = new CutAttempts(primed, null, false);
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    if (kind instanceof ResponseKind.Referral r) {
      Delegation.FromReferral read = store.referred(a, r);
      List<Rejection> rejected = new ArrayList<>(s.rejected());
      rejected.addAll(read.setAside());
      recordExchange(x, read.outcome(), rejected);
      cut = new CutAttempts(read.delegation(), a.zone(), false);
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    recordExchange(x, kind.outcome(), s.rejected());
    store.answered(a, kind, answer.question().type());
    if (kind instanceof ResponseKind.Alias al) {
      answer.addLinks(ResponseKind.records(al.chain()));
      aliasTarget = al.target();
      return new Transition.Continue(WalkState.FOLLOW_ALIAS);
    }
    if (kind instanceof ResponseKind.Denial d) {
      answer.addLinks(ResponseKind.records(d.chain()));
      answer.endAt(d.name());
      return done(answer.finish(d.status(), List.of(), cache.negativeAuthority(d.soa()), traceSoFar()));
    }
    List<Record> finalRecords = new ArrayList<>();
    List<Record> links = new ArrayList<>();
    for (RRset set : ((ResponseKind.Answer) kind).rrsets()) {
      boolean isFinal = set.getName().equals(s.finalName()) && (set.getType() == a.qtype() || a.qtype() == Type.ANY);
      (isFinal ? finalRecords : links).addAll(set.rrs(false));
    }
    answer.addLinks(links);
    answer.endAt(s.finalName());
    return done(answer.finish(Status.NOERROR, finalRecords, List.of(), traceSoFar()));
  }

  /**
   * What a minimised probe's response means (RFC 9156). A referral or a lame answer is handled
   * as for the full name (after a lame one, later servers get the full name: RFC 9156 section
   * 3); an answer or NODATA shows there is no cut at the probe, so the next probe goes one label
   * deeper; NXDOMAIN means nothing exists below it either (RFC 8020); an alias ends minimisation
   * and the full name is asked.
   */
  private Optional<Transition> afterMinimisedProbe(Exchanged x, ResponseKind kind, Scrubbed s) {
    Attempt a = x.attempt();
    QnameMinimiser.Verdict verdict = minimiser.judge(kind);
    if (verdict == QnameMinimiser.Verdict.AS_USUAL) {
      return Optional.empty();
    }
    if (verdict == QnameMinimiser.Verdict.NOTHING_BELOW) {
      ResponseKind.NxDomain nx = (ResponseKind.NxDomain) kind;
      recordExchange(x, kind.outcome(), s.rejected());
      store.probeDenied(nx);
      return Optional.of(done(answer.finish(Status.NXDOMAIN, List.of(), cache.negativeAuthority(nx.soa()),
          traceSoFar())));
    }
    Outcome outcome = verdict == QnameMinimiser.Verdict.NO_CUT_HERE
        ? (kind instanceof ResponseKind.NoData nd ? new Outcome.NoData(nd.soa(), List.of()) : kind.outcome())
        : new Outcome.Cname(List.of(), answer.name());
    recordExchange(x, outcome, s.rejected());
    if (verdict == QnameMinimiser.Verdict.NO_CUT_HERE) {
      cut().noCutAt(a.qname());
    }
    cut().mayAskAgain(a.server().address());
    return Optional.of(new Transition.Continue(WalkState.SELECT_SERVER));
  }

  private Transition serverFailed(Attempt a, Outcome outcome) {
    cut().failed(a.server(), outcome);
    return new Transition.Continue(WalkState.SELECT_SERVER);
  }

  private void recordExchange(Exchanged x, Outcome outcome, List<Rejection> rejected) {
    trace.record(x.traceStep(config.upstreamPort(), outcome, rejected));
  }

  // ---- CHASE_NS_ADDRESS: see NameServerChase -----------------------------------------------

  private void afterChase(Transition.Nest nest, @Nullable Result r, @Nullable Throwable e) {
    if (r == null) {
      // Walks always complete normally; this is a bug, reported as such rather than hanging.
      finish(servfail(FailureReason.UPSTREAM_ERROR, "chase of " + nest.nameServer() + " failed: " + e));
      return;
    }
    NameServerChase.Folded folded = chase.finish(cut(), nest, r.resolution(), budget.afterChase(r.budget()));
    budget = folded.budget();
    if (folded.stop().isPresent()) {
      finish(answer.servfail(folded.stop().get(), traceSoFar()));
      return;
    }
    state = WalkState.SELECT_SERVER;
    run();
  }

  // ---- FOLLOW_ALIAS ------------------------------------------------------------------------

  private Transition followAlias() {
    Name target = aliasTarget;
    aliasTarget = null;
    if (target == null) {
      throw new IllegalStateException("FOLLOW_ALIAS without a target");
    }
    Optional<Failure> refused = answer.follow(target, budget);
    if (refused.isPresent()) {
      return new Transition.Fail(refused.get());
    }
    budget = budget.withAliasHop();
    cut = null;
    return new Transition.Continue(WalkState.CHECK_CACHE);
  }

  // ---- Finishing ---------------------------------------------------------------------------

  private Transition deadlinePassed() {
    return fail(FailureReason.DEADLINE_EXCEEDED, "deadline of " + config.deadline().toMillis()
        + " ms passed resolving " + answer.name() + (cut == null ? "" : " at " + cut.zone()));
  }

  private static Transition.Done done(Resolution resolution) {
    return new Transition.Done(resolution);
  }

  private Resolution servfail(FailureReason reason, String detail) {
    return answer.servfail(new Failure(reason, detail), traceSoFar());
  }

  private static Transition.Fail fail(FailureReason reason, String detail) {
    return new Transition.Fail(new Failure(reason, detail));
  }

  private Trace traceSoFar() {
    return trace.trace(budget.upstreamQueries(), Duration.ofNanos(context.deadlines().now() - startNanos),
        budget.spent());
  }

  private void finish(Resolution resolution) {
    if (result.isDone()) {
      return;
    }
    if (resolution.status() == Status.SERVFAIL && depth == 0) {
      // RFC 8767: the stale answer, with a trace step saying so, when fresh resolution failed.
      Optional<StaleAnswer> stale = cache.staleAnswer(answer.question(), config.limits().maxAliasHops());
      if (stale.isPresent()) {
        StaleAnswer found = stale.get();
        trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.STALE_ANSWER,
            new Question(found.name(), answer.question().type()), found.name(), found.records()));
        resolution = new Resolution(answer.question(), Status.NOERROR, org.xbill.DNS.Rcode.NOERROR,
            found.records(), found.name(), List.of(), Optional.empty(), traceSoFar());
      }
    }
    trace.finished(resolution);
    result.complete(new Result(resolution, budget));
  }

  private CutAttempts cut() {
    CutAttempts c = cut;
    if (c == null) {
      throw new IllegalStateException("no zone cut in state " + state);
    }
    return c;
  }

  private Exchanged exchanged() {
    Exchanged x = exchanged;
    if (x == null) {
      throw new IllegalStateException("no exchange in flight in state " + state);
    }
    return x;
  }
}
