package io.rootwalk.iterate;

import io.rootwalk.FailureReason;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.net.CoalescingTransport;
import io.rootwalk.spi.Transport;
import java.util.concurrent.ConcurrentHashMap;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The parts every walk of one resolver shares: configuration, cache, transport, and the
 * stateless scrubber and classifier. Thread-safe; walks themselves are not shared.
 */
public final class Engine {

  private final EngineConfig config;
  private final ResolverCache cache;
  private final CoalescingTransport transport;
  private final BailiwickScrubber scrubber = new BailiwickScrubber();
  private final ResponseClassifier classifier = new ResponseClassifier();
  private final ServerSelector selector;
  private final java.util.function.BooleanSupplier closed;
  /** RFC 5452 section 9.2: query IDs must be unpredictable to an off-path attacker. */
  private final SecureRandom ids = new SecureRandom();
  /** Prefetches under way, so a popular name is refreshed once, not once per hit. */
  private final Set<Question> prefetching = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Question, CompletableFuture<Resolution>> lookupsInFlight =
      new ConcurrentHashMap<>();

  /**
   * @param closed set when the owning resolver is closed: walks then end with {@code
   *     RESOLVER_CLOSED} instead of trying server after server on a dead transport
   */
  public Engine(EngineConfig config, ResolverCache cache, Transport transport, java.util.function.BooleanSupplier closed) {
    this.closed = Objects.requireNonNull(closed, "closed");
    this.config = Objects.requireNonNull(config, "config");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.transport = new CoalescingTransport(Objects.requireNonNull(transport, "transport"));
    // ThreadLocalRandom: walks run on callers' threads and the I/O thread at once.
    RandomGenerator shared = new RandomGenerator() {
      @Override
      public long nextLong() {
        return ThreadLocalRandom.current().nextLong();
      }
    };
    this.selector = new ServerSelector(cache.infra(), config.allowLoopbackServers(), config.ipFamily(),
        shared);
  }

  /**
   * Resolves {@code question}; the future always completes normally, with a resolution.
   *
   * @param listener this lookup's own listener, streamed every step
   * @param observer the resolver-wide factory's listener for this lookup
   */
  public CompletableFuture<Resolution> resolve(Question question, ResolutionListener listener,
      ResolutionListener observer) {
    if (listener != ResolutionListener.NONE) {
      // A streaming listener wants its own steps as they happen: its own walk.
      return walk(question, ResolutionListener.composite(observer, listener));
    }
    // Cache hits need no sharing: answer them without touching the in-flight map, whose
    // contention would otherwise be paid by every hit on a popular name.
    Resolution cached = resolveCached(question, true);
    if (!cached.failure().map(f -> f.reason() == FailureReason.NOT_CACHED).orElse(false)) {
      if (observer != ResolutionListener.NONE) {
        replay(cached, observer);
      }
      return CompletableFuture.completedFuture(cached);
    }
    // Identical client lookups in flight share one walk (Unbound's mesh, OkHttp's in-flight
    // calls): a thousand concurrent lookups of a cold name cost one walk's queries, and later
    // arrivals do not repeat steps whose packets have already come back. Followers receive the
    // leader's resolution, trace included: it is the work that answered them.
    CompletableFuture<Resolution> mine = new CompletableFuture<>();
    CompletableFuture<Resolution> leader = lookupsInFlight.putIfAbsent(question, mine);
    if (leader != null) {
      return leader.thenApply(r -> {
        finished(observer, r);
        return r;
      });
    }
    CompletableFuture<Resolution> walked;
    try {
      walked = walk(question, observer);
    } catch (RuntimeException e) {
      walked = CompletableFuture.completedFuture(unfinished(question, "the walk could not start: " + e));
    }
    walked.whenComplete((r, e) -> {
      lookupsInFlight.remove(question, mine);
      mine.complete(r != null ? r : unfinished(question, "the walk failed: " + e));
    });
    return mine;
  }

  /**
   * Starts a walk. Its future completes by the deadline plus one query timeout however the walk
   * or a replacement transport misbehaves: a lookup must never hang its caller.
   */
  private CompletableFuture<Resolution> walk(Question question, ResolutionListener listener) {
    long deadline = now() + config.deadline().toNanos();
    Walk walk = new Walk(this, question, listener, 0, Set.of(), WorkBudget.start(config.limits()), deadline, false);
    long guardMillis = config.deadline().plus(config.queryTimeout()).toMillis() + 1000;
    return walk.start().thenApply(Walk.Result::resolution)
        .completeOnTimeout(unfinished(question, "the lookup did not finish within its deadline"),
            guardMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Tells an observer about a lookup answered from the cache, as if it had streamed. */
  private static void replay(Resolution r, ResolutionListener observer) {
    for (io.rootwalk.TraceStep step : r.trace().steps()) {
      try {
        observer.stepCompleted(step);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Engine.class).warn("ResolutionListener.stepCompleted threw; ignored", e);
      }
    }
    finished(observer, r);
  }

  private static void finished(ResolutionListener observer, Resolution r) {
    try {
      observer.resolutionFinished(r);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Engine.class).warn("ResolutionListener.resolutionFinished threw; ignored", e);
    }
  }

  /** A SERVFAIL for a walk that could not deliver its own result; the trace is empty. */
  private Resolution unfinished(Question question, String detail) {
    return new Resolution(question, io.rootwalk.Status.SERVFAIL, org.xbill.DNS.Rcode.SERVFAIL, java.util.List.of(),
        question.name(), java.util.List.of(),
        java.util.Optional.of(new io.rootwalk.Failure(FailureReason.DEADLINE_EXCEEDED, detail)),
        new io.rootwalk.Trace(java.util.List.of(), 0, config.deadline(), io.rootwalk.WorkSpent.NONE));
  }

  /**
   * Answers {@code question} from the cache alone, following cached aliases; never sends a
   * query. Ends in SERVFAIL with {@code NOT_CACHED} when the cache cannot answer.
   *
   * @param mayPrefetch whether a hit near expiry may start a background refresh: yes for a
   *     client lookup's fast path, no for a stub's RD=0 question, which must cause no upstream
   *     traffic
   */
  public Resolution resolveCached(Question question, boolean mayPrefetch) {
    Walk walk = new Walk(this, question, ResolutionListener.NONE, 0, Set.of(), WorkBudget.start(config.limits()),
        now() + config.deadline().toNanos(), false).cacheOnly(mayPrefetch);
    return walk.start().join().resolution();
  }

  /**
   * Refreshes {@code question} in the background, bypassing its cached answer, so a popular
   * entry is renewed before it expires instead of making the next client wait (Unbound's
   * {@code prefetch}). At most one refresh per question at a time.
   */
  void prefetch(Question question) {
    if (!prefetching.add(question)) {
      return;
    }
    cache.countPrefetch();
    long deadline = now() + config.deadline().toNanos();
    Walk walk = new Walk(this, question, ResolutionListener.NONE, 0, Set.of(), WorkBudget.start(config.limits()),
        deadline, true);
    walk.start().whenComplete((r, e) -> prefetching.remove(question));
  }

  EngineConfig config() {
    return config;
  }

  ResolverCache cache() {
    return cache;
  }

  CoalescingTransport transport() {
    return transport;
  }

  BailiwickScrubber scrubber() {
    return scrubber;
  }

  ResponseClassifier classifier() {
    return classifier;
  }

  ServerSelector selector() {
    return selector;
  }

  boolean closed() {
    return closed.getAsBoolean();
  }

  long now() {
    return config.ticker().read();
  }

  /**
   * An iterative query: RD clear (we walk ourselves), a random ID, and EDNS(0) advertising the
   * configured payload size (1232 by default, the DNS Flag Day 2020 size that avoids IP
   * fragmentation) unless the server is known to reject EDNS.
   */
  Message newQuery(Name qname, int qtype, boolean edns) {
    Name sent = config.use0x20() ? randomCase(qname) : qname;
    Message query = Message.newQuery(Record.newRecord(sent, qtype, DClass.IN));
    query.getHeader().setID(ids.nextInt(0x10000));
    query.getHeader().unsetFlag(Flags.RD);
    if (edns) {
      query.addRecord(new OPTRecord(config.ednsPayloadSize(), 0, 0), Section.ADDITIONAL);
    }
    return query;
  }

  /**
   * The name with each letter's case chosen at random (draft-vixie-dnsext-dns0x20): the server
   * must echo the question byte for byte, so an off-path spoofer has to guess one more bit per
   * letter on top of the ID and port.
   */
  private Name randomCase(Name name) {
    String text = name.toString();
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) && c < 128) {
        c = ids.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
      }
      b.append(c);
    }
    try {
      return Name.fromString(b.toString());
    } catch (org.xbill.DNS.TextParseException e) {
      return name; // cannot happen for a name we printed ourselves; fall back to no 0x20
    }
  }
}
