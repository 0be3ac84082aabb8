package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.Rejection;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.Upstream;
import io.rootwalk.cache.CachedRRset;
import io.rootwalk.cache.FailureCache;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.Rank;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.TransportException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
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
 */
final class Walk {

  private static final Logger log = LoggerFactory.getLogger(Walk.class);

  /** A guard against a bug turning into a spin: no real walk takes this many transitions. */
  private static final int MAX_TRANSITIONS = 10_000;

  /** The result of a walk: its resolution, and the budget a parent walk continues with. */
  record Result(Resolution resolution, WorkBudget budget) {}

  private final Engine engine;
  private final Question question;
  private final TraceRecorder trace;
  private final int depth;
  private final Set<Question> ancestors;
  private final long startNanos;
  private final long deadlineNanos;
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  /** A prefetch: the first cache check is skipped so the entry is fetched afresh. */
  private boolean refresh;
  /** A cache-only lookup (RD=0): never sends a query. */
  private boolean cacheOnly;
  /** Whether cache hits may start prefetches (not for a stub's RD=0 question). */
  private boolean mayPrefetch = true;

  private WalkState state = WalkState.CHECK_CACHE;
  private WorkBudget budget;
  private int transitions;

  // The name being resolved now: the question's name, or the latest alias target.
  private Name qname;
  private final List<Record> chain = new ArrayList<>();
  private final Set<Name> aliasNames = new HashSet<>();
  private @Nullable Name aliasTarget;

  // The zone cut being worked: a fresh record of attempts at every cut.
  private @Nullable ZoneCutState cut;
  private final QnameMinimiser minimiser;

  // The exchange in flight.
  private @Nullable Attempt attempt;
  private long sentAtNanos;
  private @Nullable Message response;
  private @Nullable Throwable error;
  /** The in-flight exchange's packet belongs to another walk: its RTT is that walk's to record. */
  private boolean shared;
  /** The in-flight exchange's timeout was cut short by the lookup's deadline. */
  private boolean clipped;

  Walk(Engine engine, Question question, ResolutionListener listener, int depth, Set<Question> ancestors,
      WorkBudget budget, long deadlineNanos, boolean refresh) {
    this.engine = engine;
    this.question = question;
    this.trace = new TraceRecorder(listener);
    this.depth = depth;
    this.ancestors = Set.copyOf(ancestors);
    this.budget = budget;
    this.startNanos = engine.now();
    this.deadlineNanos = deadlineNanos;
    this.qname = question.name();
    this.aliasNames.add(question.name());
    this.refresh = refresh;
    this.minimiser = new QnameMinimiser(engine.config().qnameMinimisation());
  }

  /** Makes this walk answer from the cache only; call before {@link #start()}. */
  Walk cacheOnly(boolean mayPrefetch) {
    this.cacheOnly = true;
    this.mayPrefetch = mayPrefetch;
    return this;
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
          n.child().start().whenComplete((r, e) -> resumeAfterChase(n, r, e));
          return;
        } else if (t instanceof Transition.Done d) {
          finish(d.resolution());
          return;
        }
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** A bug must end the walk with SERVFAIL, never leave its caller waiting. */
  private void fail(RuntimeException e) {
    log.warn("walk for {} failed unexpectedly", question, e);
    try {
      finish(servfail(FailureReason.UPSTREAM_ERROR, "internal error: " + e));
    } catch (RuntimeException again) {
      result.complete(new Result(new Resolution(question, Status.SERVFAIL, Rcode.SERVFAIL, List.of(), qname,
          List.of(), Optional.of(new Failure(FailureReason.UPSTREAM_ERROR, "internal error: " + e)),
          new io.rootwalk.Trace(List.of(), budget.upstreamQueries(), Duration.ZERO, budget.spent())), budget));
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
        return chaseNameServerAddress();
      case FOLLOW_ALIAS:
        return followAlias();
      default:
        throw new IllegalStateException("unknown state " + s);
    }
  }

  // ---- CHECK_CACHE -------------------------------------------------------------------------

  private Transition checkCache() {
    ResolverCache cache = engine.cache();
    long now = engine.now();
    int qtype = question.type();
    Question asked = new Question(qname, qtype);
    if (refresh) {
      refresh = false;
      return new Transition.Continue(WalkState.FIND_ZONE_CUT);
    }

    // Positive data first: it is the common hit, and a live authoritative RRset is the better
    // evidence should a negative entry for the same name also be alive.
    Optional<CachedRRset> hit = cache.rrsets().get(qname, qtype);
    if (hit.isPresent()) {
      List<Record> records = hit.get().records(now);
      trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.ANSWER, asked, qname, records));
      cache.countAnswerHit();
      maybePrefetch(hit.get(), asked, now);
      return done(Status.NOERROR, records, List.of());
    }
    Optional<NegativeAnswer> negative = cache.negatives().get(qname, qtype);
    if (negative.isPresent()) {
      NegativeAnswer n = negative.get();
      List<Record> soa = n.soa(now).<List<Record>>map(List::of).orElse(List.of());
      Name zone = n.soa().map(Record::getName).orElse(n.name());
      trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.NEGATIVE, asked, zone, soa));
      cache.countNegativeHit();
      Status status = n.kind() == NegativeAnswer.Kind.NXDOMAIN ? Status.NXDOMAIN : Status.NODATA;
      return done(status, List.of(), soa);
    }
    if (qtype != Type.CNAME) {
      Optional<CachedRRset> cname = cache.rrsets().get(qname, Type.CNAME);
      if (cname.isPresent()) {
        List<Record> records = cname.get().records(now);
        trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.CNAME, asked, qname, records));
        cache.countAnswerHit();
        maybePrefetch(cname.get(), new Question(qname, Type.CNAME), now);
        chain.addAll(records);
        aliasTarget = ((CNAMERecord) records.get(0)).getTarget();
        return new Transition.Continue(WalkState.FOLLOW_ALIAS);
      }
    }
    if (!cacheOnly) {
      cache.countMiss();
    }
    return new Transition.Continue(WalkState.FIND_ZONE_CUT);
  }

  /**
   * Starts a background refresh when a hit falls in the last tenth of its TTL (at least the last
   * second): the client is answered now, and the next one finds fresh data.
   */
  private void maybePrefetch(CachedRRset hit, Question q, long now) {
    if (!engine.cache().policy().prefetch() || depth > 0 || !mayPrefetch) {
      return;
    }
    long original = Math.max(1, hit.rrset().getTTL());
    long remaining = hit.remainingTtl(now);
    if (remaining * 10 <= original) {
      engine.prefetch(q);
    }
  }

  // ---- FIND_ZONE_CUT -----------------------------------------------------------------------

  private Transition findZoneCut() {
    if (cacheOnly) {
      return new Transition.Done(servfail(FailureReason.NOT_CACHED,
          qname + " " + Type.string(question.type()) + " is not in the cache"));
    }
    // A DS RRset lives on the parent side of its zone cut (RFC 4035 section 2.4): start above it.
    Name searchFrom = question.type() == Type.DS && qname.labels() > 1 ? new Name(qname, 1) : qname;
    Optional<Delegation> cached = engine.cache().delegations().closest(searchFrom);
    if (cached.isPresent()) {
      Delegation d = cached.get();
      List<Record> ns = new ArrayList<>();
      for (Name n : d.nameServers()) {
        ns.add(new NSRecord(d.zone(), DClass.IN, d.ttlSeconds(), n));
      }
      trace.record(new TraceStep.CacheHit(
          TraceStep.CacheHit.What.DELEGATION, new Question(qname, question.type()), d.zone(), ns));
      cut = new ZoneCutState(d, null, false);
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    // Not even the root is cached: prime from the hints (RFC 8109 section 3).
    cut = new ZoneCutState(Delegation.fromHints(engine.config().rootHints()), null, true);
    return new Transition.Continue(WalkState.SELECT_SERVER);
  }

  // ---- SELECT_SERVER -----------------------------------------------------------------------

  private Transition selectServer() {
    ZoneCutState c = cut();
    Delegation d = c.delegation();
    if (engine.now() >= deadlineNanos) {
      return deadlinePassed();
    }
    if (engine.closed()) {
      return new Transition.Done(servfail(FailureReason.RESOLVER_CLOSED, "the resolver was closed while resolving "
          + qname));
    }
    if (c.untouched()) {
      Optional<Failure> recent = engine.cache().failures().get(d.zone(), FailureCache.ZONE);
      if (recent.isEmpty()) {
        recent = engine.cache().failures().get(qname, question.type());
      }
      if (recent.isPresent()) {
        trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.FAILURE,
            new Question(qname, question.type()), d.zone(), List.of()));
        return new Transition.Done(servfail(FailureReason.CACHED_FAILURE,
            "a recent failure at " + d.zone() + " is held and not retried yet (RFC 9520): " + recent.get()));
      }
    }
    Optional<ServerAddress> next = engine.selector().next(d, c.tried());
    if (next.isPresent()) {
      ServerAddress server = next.get();
      c.tried(server.address());
      boolean edns = engine.config().ednsPayloadSize() > 0
          && !engine.cache().infra().noEdns(server.address());
      Attempt a;
      if (c.priming()) {
        a = new Attempt(Name.root, server, Name.root, Type.NS, Protocol.UDP, edns, false);
      } else {
        Optional<Name> probe = minimiser.next(qname, question.type(), c.knownNoCutAbove());
        a = probe.isPresent()
            ? new Attempt(d.zone(), server, probe.get(), Type.A, Protocol.UDP, edns, true)
            : new Attempt(d.zone(), server, qname, question.type(), Protocol.UDP, edns, false);
      }
      return sendAttempt(a);
    }
    if (!c.chaseCandidates(engine.config().ipFamily()).isEmpty()) {
      return new Transition.Continue(WalkState.CHASE_NS_ADDRESS);
    }
    if (c.startTimeoutRetries()) {
      // Before giving up on the zone, each server that timed out is asked once more, with the
      // full query timeout rather than its RTT-derived one (Unbound likewise retries within its
      // RTO backoff).
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    Failure failure = c.explain();
    if (c.zoneWideFailure()) {
      engine.cache().failures().put(d.zone(), FailureCache.ZONE, failure);
    } else {
      engine.cache().failures().put(qname, question.type(), failure);
    }
    return new Transition.Done(servfail(failure));
  }

  private Transition sendAttempt(Attempt a) {
    Optional<String> exceeded = budget.checkQuery();
    if (exceeded.isPresent()) {
      return new Transition.Done(servfail(FailureReason.LIMIT_EXCEEDED, exceeded.get() + " resolving " + qname));
    }
    if (engine.now() >= deadlineNanos) {
      return deadlinePassed();
    }
    budget = budget.withQuery();
    return new Transition.Send(a);
  }

  private void send(Attempt a) {
    attempt = a;
    response = null;
    error = null;
    long rto = retransmitTimeout(a.server().address());
    long remaining = deadlineNanos - engine.now();
    // A timeout cut short by the lookup's own deadline says nothing about the server.
    clipped = remaining < rto;
    Duration timeout = Duration.ofNanos(Math.max(1_000_000L, Math.min(rto, remaining)));
    Message query = engine.newQuery(a.qname(), a.qtype(), a.edns());
    InetSocketAddress to = new InetSocketAddress(a.server().address(), engine.config().upstreamPort());
    sentAtNanos = engine.now();
    CompletableFuture<Message> f;
    try {
      io.rootwalk.net.CoalescingTransport.Sent sent = engine.transport().sendShared(query, to, a.protocol(), timeout);
      f = sent.response();
      shared = sent.shared();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(new TransportException.Unreachable("transport rejected the query: " + e, e));
      shared = false;
    }
    f.whenComplete((m, e) -> {
      response = m;
      error = e;
      state = WalkState.CLASSIFY;
      run();
    });
  }

  /**
   * How long to wait for this server: its smoothed RTT plus four deviations (RFC 6298 section 2,
   * as Unbound computes its RTO), never below {@link #RTO_FLOOR_NANOS} and never above the
   * configured query timeout; an unmeasured server gets the full query timeout.
   */
  private long retransmitTimeout(InetAddress server) {
    long max = engine.config().queryTimeout().toNanos();
    io.rootwalk.cache.InfraCache.ServerState s = engine.cache().infra().state(server);
    if (!s.measured() || (cut != null && cut.retryingTimeouts())) {
      return max;
    }
    long rto = (s.srttMicros() + 4 * s.rttVarMicros()) * 1000;
    return Math.min(max, Math.max(RTO_FLOOR_NANOS, rto));
  }

  /**
   * The shortest per-server timeout. Generous on purpose: a lost answer costs one retry on
   * another server, a premature timeout costs one for every slow-but-alive server (Unbound's
   * floor is 50 ms; ours allows for a loaded two-core JVM).
   */
  private static final long RTO_FLOOR_NANOS = 250_000_000L;

  // ---- CLASSIFY ----------------------------------------------------------------------------

  private Transition classify() {
    Attempt a = attempt();
    Duration rtt = Duration.ofNanos(engine.now() - sentAtNanos);
    InetAddress address = a.server().address();
    Message m = response;
    if (m == null) {
      Outcome outcome = transportOutcome(error, rtt);
      if (outcome instanceof Outcome.Timeout) {
        if (!shared && !clipped) {
          engine.cache().infra().recordTimeout(address, rtt);
        }
        cut().timedOut(address);
      }
      recordExchange(a, rtt, outcome, List.of());
      return serverFailed(a, outcome);
    }
    if (!shared) {
      engine.cache().infra().recordRtt(address, rtt);
    }
    if (engine.config().use0x20()) {
      m = QuestionCase.restore(m, a.qname());
    }

    Scrubbed s = engine.scrubber().scrub(m, a.qname(), a.qtype(), a.zone());
    ResponseKind kind = engine.classifier().classify(
        m, s, a.qname(), a.qtype(), a.zone(), a.protocol(), a.edns(), cut().priming());

    if (kind instanceof ResponseKind.Truncated) {
      recordExchange(a, rtt, new Outcome.Truncated(), s.rejected());
      return sendAttempt(a.overTcp());
    }
    if (kind instanceof ResponseKind.EdnsRejected e) {
      recordExchange(a, rtt, new Outcome.EdnsRejected(e.rcode()), s.rejected());
      engine.cache().infra().recordNoEdns(address);
      return sendAttempt(a.withoutEdns());
    }
    if (a.minimised()) {
      Optional<Transition> step = afterMinimisedProbe(a, kind, s, rtt);
      if (step.isPresent()) {
        return step.get();
      }
    }
    if (kind instanceof ResponseKind.Lame l) {
      Outcome outcome = new Outcome.Lame(l.reason(), l.rcode(), l.detail());
      recordExchange(a, rtt, outcome, s.rejected());
      engine.cache().infra().recordLame(address, a.zone(), l.reason().name(), l.reason() == LameReason.SERVFAIL);
      return serverFailed(a, outcome);
    }
    // A useful response proves the zone alive: drop any zone-wide failure held for it. (Lame
    // answers do not, so a zone that keeps failing keeps doubling its hold.)
    engine.cache().failures().clearZone(a.zone());
    if (kind instanceof ResponseKind.PrimingAnswer p) {
      Delegation primed = Delegation.fromPriming(p.rootNs(), p.addresses(), cut().delegation());
      recordExchange(a, rtt, new Outcome.Priming(primed.nameServers(), primed.addresses().size()), s.rejected());
      engine.cache().delegations().put(primed);
      cut = new ZoneCutState(primed, null, false);
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    if (kind instanceof ResponseKind.Referral r) {
      Delegation.FromReferral read = Delegation.fromReferral(a.zone(), r.ns(), r.addresses(),
          engine.config().siblingGlue(), engine.config().limits().maxNameServersPerDelegation());
      List<Rejection> rejected = new ArrayList<>(s.rejected());
      rejected.addAll(read.setAside());
      recordExchange(a, rtt, read.outcome(), rejected);
      engine.cache().delegations().put(read.delegation());
      cut = new ZoneCutState(read.delegation(), a.zone(), false);
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    if (kind instanceof ResponseKind.Answer ans) {
      List<Record> records = ResponseKind.records(ans.rrsets());
      recordExchange(a, rtt, new Outcome.Answer(records, true), s.rejected());
      cacheAnswer(ans.rrsets(), a.qname());
      List<Record> finalRecords = new ArrayList<>();
      for (RRset set : ans.rrsets()) {
        boolean isFinal = set.getName().equals(s.finalName())
            && (set.getType() == a.qtype() || a.qtype() == Type.ANY);
        (isFinal ? finalRecords : chain).addAll(set.rrs(false));
      }
      qname = s.finalName();
      return done(Status.NOERROR, finalRecords, List.of());
    }
    if (kind instanceof ResponseKind.Alias al) {
      List<Record> records = ResponseKind.records(al.chain());
      recordExchange(a, rtt, new Outcome.Cname(records, al.target()), s.rejected());
      cacheAnswer(al.chain(), a.qname());
      chain.addAll(records);
      aliasTarget = al.target();
      return new Transition.Continue(WalkState.FOLLOW_ALIAS);
    }
    if (kind instanceof ResponseKind.NxDomain nx) {
      List<Record> records = ResponseKind.records(nx.chain());
      recordExchange(a, rtt, new Outcome.NxDomain(nx.soa(), records), s.rejected());
      cacheAnswer(nx.chain(), a.qname());
      engine.cache().negatives().put(NegativeAnswer.Kind.NXDOMAIN, nx.name(), question.type(), nx.soa());
      chain.addAll(records);
      qname = nx.name();
      return done(Status.NXDOMAIN, List.of(), negativeAuthority(nx.soa()));
    }
    if (kind instanceof ResponseKind.NoData nd) {
      List<Record> records = ResponseKind.records(nd.chain());
      recordExchange(a, rtt, new Outcome.NoData(nd.soa(), records), s.rejected());
      cacheAnswer(nd.chain(), a.qname());
      engine.cache().negatives().put(NegativeAnswer.Kind.NODATA, nd.name(), question.type(), nd.soa());
      chain.addAll(records);
      qname = nd.name();
      return done(Status.NODATA, List.of(), negativeAuthority(nd.soa()));
    }
    throw new IllegalStateException("unclassified response kind " + kind);
  }

  // ---- QNAME minimisation (RFC 9156) --------------------------------------------------------

  /**
   * What a minimised probe's response means. A referral is followed as usual (empty result); an
   * answer or NODATA shows there is no cut at the probe, so the next probe goes one label
   * deeper; NXDOMAIN means nothing exists below it either (RFC 8020); an alias or a failure
   * ends minimisation for this lookup and the full name is asked, as RFC 9156 section 3's
   * fallback for servers that mishandle minimised queries.
   */
  private Optional<Transition> afterMinimisedProbe(Attempt a, ResponseKind kind, Scrubbed s, Duration rtt) {
    minimiser.probed();
    if (kind instanceof ResponseKind.Referral) {
      return Optional.empty();
    }
    if (kind instanceof ResponseKind.Answer || kind instanceof ResponseKind.NoData) {
      Outcome outcome = kind instanceof ResponseKind.Answer ans
          ? new Outcome.Answer(ResponseKind.records(ans.rrsets()), true)
          : new Outcome.NoData(((ResponseKind.NoData) kind).soa(), List.of());
      recordExchange(a, rtt, outcome, s.rejected());
      cut().noCutAt(a.qname());
      cut().mayAskAgain(a.server().address());
      return Optional.of(new Transition.Continue(WalkState.SELECT_SERVER));
    }
    if (kind instanceof ResponseKind.NxDomain nx && nx.chain().isEmpty()) {
      recordExchange(a, rtt, new Outcome.NxDomain(nx.soa(), List.of()), s.rejected());
      engine.cache().negatives().put(NegativeAnswer.Kind.NXDOMAIN, nx.name(), Type.A, nx.soa());
      return Optional.of(done(Status.NXDOMAIN, List.of(), negativeAuthority(nx.soa())));
    }
    if (kind instanceof ResponseKind.Lame) {
      // Perhaps a server that mishandles minimised names, perhaps a lame one: handled as lame
      // (marked, next server), and the next server gets the full name (RFC 9156 section 3).
      minimiser.stop();
      return Optional.empty();
    }
    if (kind instanceof ResponseKind.Alias || kind instanceof ResponseKind.NxDomain) {
      recordExchange(a, rtt, new Outcome.Cname(List.of(), qname), s.rejected());
      minimiser.stop();
      cut().mayAskAgain(a.server().address());
      return Optional.of(new Transition.Continue(WalkState.SELECT_SERVER));
    }
    return Optional.empty();
  }

  private static Outcome transportOutcome(@Nullable Throwable error, Duration rtt) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TransportException.Timeout) {
      return new Outcome.Timeout(rtt);
    }
    if (cause instanceof TransportException.Malformed) {
      return new Outcome.Malformed(String.valueOf(cause.getMessage()));
    }
    return new Outcome.Unreachable(cause == null ? "no response" : String.valueOf(cause.getMessage()));
  }

  private Transition serverFailed(Attempt a, Outcome outcome) {
    cut().failed(a.server(), outcome);
    return new Transition.Continue(WalkState.SELECT_SERVER);
  }

  /**
   * Caches an answer's RRsets. Only what describes the asked name is authoritative for sure (RFC
   * 2181 section 5.4.1: "only the record describing that alias is necessarily authoritative"):
   * the RRset owned by the name, or a DNAME above it. Later links of a chain are ranked as
   * non-authoritative answers, so a parent's copy of a child zone's data cannot displace the
   * child's own authoritative RRset.
   */
  private void cacheAnswer(List<RRset> rrsets, Name asked) {
    for (RRset set : rrsets) {
      boolean describesAsked = set.getName().equals(asked)
          || (set.getType() == Type.DNAME && asked.subdomain(set.getName()));
      engine.cache().rrsets().put(set, describesAsked ? Rank.AUTHORITATIVE_ANSWER : Rank.ANSWER);
    }
  }

  private void recordExchange(Attempt a, Duration rtt, Outcome outcome, List<Rejection> rejected) {
    ServerAddress s = a.server();
    Upstream upstream = new Upstream(s.nameServer(),
        new InetSocketAddress(s.address(), engine.config().upstreamPort()), s.provenance(), s.cached());
    trace.record(new TraceStep.Exchange(a.zone(), upstream, new Question(a.qname(), a.qtype()),
        a.protocol(), a.edns(), rtt, outcome, rejected));
  }

  // ---- CHASE_NS_ADDRESS --------------------------------------------------------------------

  private Transition chaseNameServerAddress() {
    ZoneCutState c = cut();
    Delegation d = c.delegation();
    Question target = c.chaseCandidates(engine.config().ipFamily()).get(0);
    Name ns = target.name();
    c.chased(target);
    if (c.gluelessFetches() >= engine.config().limits().maxGluelessFetchesPerDelegation()) {
      return new Transition.Done(servfail(FailureReason.LIMIT_EXCEEDED, "maxGluelessFetchesPerDelegation ("
          + engine.config().limits().maxGluelessFetchesPerDelegation() + ") reached at " + d.zone()
          + c.chaseFailureSuffix()));
    }
    if (depth + 1 > engine.config().limits().maxChaseDepth()) {
      return new Transition.Done(servfail(FailureReason.LIMIT_EXCEEDED, "maxChaseDepth ("
          + engine.config().limits().maxChaseDepth() + ") reached chasing " + ns + " for " + d.zone()));
    }
    Question current = new Question(qname, question.type());
    if (target.equals(current) || ancestors.contains(target)) {
      c.chaseFailed(ns + ": needed to resolve itself (delegation loop)");
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    c.countGluelessFetch();
    Set<Question> lineage = new HashSet<>(ancestors);
    lineage.add(current);
    ResolutionListener childListener = trace.chaseStarted(d.zone(), ns, target.type());
    Walk child = new Walk(engine, target, childListener, depth + 1, lineage, budget.forChase(depth + 1),
        deadlineNanos, false);
    return new Transition.Nest(child, ns, target.type());
  }

  private void resumeAfterChase(Transition.Nest nest, @Nullable Result r, @Nullable Throwable e) {
    try {
      afterChase(nest, r, e);
    } catch (RuntimeException bug) {
      fail(bug);
    }
  }

  private void afterChase(Transition.Nest nest, @Nullable Result r, @Nullable Throwable e) {
    ZoneCutState c = cut();
    Delegation d = c.delegation();
    if (r == null) {
      // Walks always complete normally; this is a bug, reported as such rather than hanging.
      finish(servfail(FailureReason.UPSTREAM_ERROR, "chase of " + nest.nameServer() + " failed: " + e));
      return;
    }
    budget = budget.afterChase(r.budget());
    Resolution child = r.resolution();
    List<InetAddress> found = child.addresses();
    trace.record(new TraceStep.Chase(d.zone(), nest.nameServer(), nest.type(), child.status(), found, child.trace()));
    Optional<Failure> childFailure = child.failure();
    if (childFailure.isPresent() && (childFailure.get().reason() == FailureReason.LIMIT_EXCEEDED
        || childFailure.get().reason() == FailureReason.DEADLINE_EXCEEDED)) {
      // The budget and the deadline belong to the whole lookup: what ran out in the chase ran
      // out here too. Stop and name it, rather than call the name server unresolvable, chase
      // its other address family, or cache this zone as failed (RFC 9520) for every lookup.
      finish(servfail(childFailure.get().reason(), childFailure.get().detail() + " (chasing "
          + nest.nameServer() + " " + Type.string(nest.type()) + " for " + d.zone() + ")"));
      return;
    }
    if (child.status() == Status.NXDOMAIN) {
      c.nameServerDoesNotExist(nest.nameServer());
      budget = budget.withNameServerNxdomain();
      if (budget.nameServerNxdomainsExceeded()) {
        finish(servfail(FailureReason.LIMIT_EXCEEDED, "maxNameServerNxdomains ("
            + engine.config().limits().maxNameServerNxdomains() + ") exceeded: name servers of " + d.zone()
            + " do not exist"));
        return;
      }
    }
    if (!found.isEmpty()) {
      long ttl = child.answers().stream().filter(x -> x instanceof ARecord || x instanceof AAAARecord)
          .mapToLong(Record::getTTL).min().orElse(0);
      Delegation enriched = d.withAddresses(nest.nameServer(), found, io.rootwalk.Provenance.CHASED, ttl);
      c.enrich(enriched);
      engine.cache().delegations().update(enriched);
    } else {
      c.chaseFailed(nest.nameServer() + ": " + child.status()
          + child.failure().map(f -> " (" + f.detail() + ")").orElse(""));
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
    if (budget.aliasHopsExhausted()) {
      return new Transition.Done(servfail(FailureReason.LIMIT_EXCEEDED,
          "maxAliasHops (" + engine.config().limits().maxAliasHops() + ") reached at " + target));
    }
    if (!aliasNames.add(target)) {
      return new Transition.Done(servfail(FailureReason.CNAME_LOOP, target + " is already on the alias chain "
          + aliasNames));
    }
    budget = budget.withAliasHop();
    qname = target;
    cut = null;
    return new Transition.Continue(WalkState.CHECK_CACHE);
  }

  // ---- Finishing ---------------------------------------------------------------------------

  private Transition deadlinePassed() {
    return new Transition.Done(servfail(FailureReason.DEADLINE_EXCEEDED, "deadline of "
        + engine.config().deadline().toMillis() + " ms passed resolving " + qname
        + (cut == null ? "" : " at " + cut.zone())));
  }

  /**
   * The SOA of a fresh negative answer with the TTL the negative answer really has: min(SOA TTL,
   * SOA MINIMUM) (RFC 2308 section 5), capped by the cache's maximum negative TTL, as the same
   * answer will carry when it comes from the cache.
   */
  private List<Record> negativeAuthority(Optional<org.xbill.DNS.SOARecord> soa) {
    if (soa.isEmpty()) {
      return List.of();
    }
    org.xbill.DNS.SOARecord s = soa.get();
    long ttl = Math.min(Math.min(s.getTTL(), s.getMinimum()),
        engine.cache().policy().maxNegativeTtl().toSeconds());
    return List.of(CachedRRset.withTtl(s, ttl));
  }

  private Transition.Done done(Status status, List<Record> finalRecords, List<Record> authority) {
    List<Record> answers = new ArrayList<>(chain);
    answers.addAll(finalRecords);
    int rcode = status == Status.NXDOMAIN ? Rcode.NXDOMAIN : Rcode.NOERROR;
    return new Transition.Done(new Resolution(question, status, rcode, answers, qname, authority,
        Optional.empty(), traceSoFar()));
  }

  private Resolution servfail(FailureReason reason, String detail) {
    return servfail(new Failure(reason, detail));
  }

  private Resolution servfail(Failure failure) {
    return new Resolution(question, Status.SERVFAIL, Rcode.SERVFAIL, chain, qname, List.of(),
        Optional.of(failure), traceSoFar());
  }

  private io.rootwalk.Trace traceSoFar() {
    return trace.trace(budget.upstreamQueries(), Duration.ofNanos(engine.now() - startNanos), budget.spent());
  }

  private void finish(Resolution resolution) {
    if (result.isDone()) {
      return;
    }
    if (resolution.status() == Status.SERVFAIL && depth == 0 && !cacheOnly) {
      Optional<Resolution> stale = serveStale();
      if (stale.isPresent()) {
        resolution = stale.get();
      }
    }
    trace.finished(resolution);
    result.complete(new Result(resolution, budget));
  }

  /** RFC 8767: the stale answer, with a trace step saying so, when fresh resolution failed. */
  private Optional<Resolution> serveStale() {
    if (engine.cache().policy().serveStaleFor().isZero()) {
      return Optional.empty();
    }
    Optional<StaleAnswer> stale = StaleAnswer.find(engine.cache().rrsets(), question,
        engine.config().limits().maxAliasHops());
    if (stale.isEmpty()) {
      return Optional.empty();
    }
    StaleAnswer found = stale.get();
    trace.record(new TraceStep.CacheHit(TraceStep.CacheHit.What.STALE_ANSWER,
        new Question(found.name(), question.type()), found.name(), found.records()));
    engine.cache().countStaleAnswer();
    return Optional.of(new Resolution(question, Status.NOERROR, Rcode.NOERROR, found.records(), found.name(),
        List.of(), Optional.empty(), traceSoFar()));
  }

  private ZoneCutState cut() {
    ZoneCutState c = cut;
    if (c == null) {
      throw new IllegalStateException("no zone cut in state " + state);
    }
    return c;
  }

  private Attempt attempt() {
    Attempt a = attempt;
    if (a == null) {
      throw new IllegalStateException("no exchange in flight in state " + state);
    }
    return a;
  }
}
