package io.rootwalk;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.cache.CacheJournal;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.concurrent.CallbackThreads;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.iterate.Engine;
import io.rootwalk.net.NioTransport;
import io.rootwalk.probe.DelegationCheck;
import io.rootwalk.secondlevel.SecondLevelWriter;
import io.rootwalk.spi.SecondLevelCache;
import io.rootwalk.spi.Transport;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * An iterative DNS resolver: starts from the root hints, follows referrals down the delegation
 * chain, and returns the answer with a {@link Trace} of every step.
 *
 * <pre>{@code
 * try (Resolver resolver = Resolver.builder().build()) {        // IANA root hints
 *   Resolution r = resolver.lookup("www.example.com", Type.A);
 *   r.addresses();                                            // the answer
 *   System.out.println(r.trace().render());                   // how it was found
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one and share it. Lookups are asynchronous end to end (no
 * thread waits per lookup or per upstream query); {@link #lookup} merely waits for {@link
 * #lookupAsync}. A resolution always ends, by the configured deadline, with an answer, NXDOMAIN,
 * NODATA or SERVFAIL with a reason: failures are {@link Resolution} values, never exceptions.
 * Exceptions are reserved for misuse, such as a malformed name ({@link IllegalArgumentException},
 * thrown before any packet is sent).
 *
 * <p>A resolver owns its transport's I/O threads, its completion threads and its sockets: {@link
 * #close()} it when done. Two resolvers share nothing, unless one was derived from the other with
 * {@link #newBuilder()}.
 */
public final class Resolver implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Resolver.class);

  /** A snapshot of the settings this resolver was built with, for {@link #newBuilder()}. */
  private final ResolverSettings settings;

  private final ResolverCache cache;
  private final Transport transport;
  private final @Nullable NioTransport ownedTransport;
  private final Engine engine;

  /** Where futures of lookups that went to the network complete. */
  private final Executor callbacks;

  /** The pool this resolver created for {@link #callbacks}, and so closes; null when given one. */
  private final @Nullable CallbackThreads ownedCallbacks;

  /**
   * The second-level cache this resolver was built with, and so closes; null if none or derived.
   */
  private final @Nullable SecondLevelCache ownedSecondLevel;

  /** Set when this resolver is closed. */
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Set when the resolver that owns the transport is closed (this one, or the one derived from).
   */
  private final AtomicBoolean transportClosed;

  Resolver(ResolverSettings b) {
    this.settings = b.copy();
    ResolverCache shared = b.sharedCache;
    // Caffeine's maintenance runs inline on the thread that read or wrote: a hop to a pool per
    // write cost more than the maintenance itself, and on two cores the common pool it used by
    // default starts a thread per task.
    SecondLevelCache secondLevel = b.secondLevel;
    // The store is the cache's: a derived resolver shares both, and only the original closes it.
    this.ownedSecondLevel = shared == null ? secondLevel : null;
    this.cache =
        shared != null
            ? shared
            : new ResolverCache(
                b.cachePolicy(),
                b.ticker,
                Runnable::run,
                secondLevel == null ? CacheJournal.NONE : new SecondLevelWriter(secondLevel));
    Executor givenExecutor = b.executor;
    Executor inherited = b.sharedCallbacks;
    this.ownedCallbacks =
        givenExecutor == null && inherited == null
            ? new CallbackThreads(CallbackThreads.defaultThreads())
            : null;
    this.callbacks =
        givenExecutor != null
            ? givenExecutor
            : inherited != null ? inherited : Objects.requireNonNull(ownedCallbacks);
    Transport given = b.transport;
    // Socket timeouts run on real time whatever the ticker: a fake ticker drives TTLs, not sockets.
    this.ownedTransport =
        given == null
            ? new NioTransport(Ticker.systemTicker(), b.ioThreads, b.udpSocketReuse)
            : null;
    this.transport = given != null ? given : Objects.requireNonNull(ownedTransport);
    AtomicBoolean sharedClosed = b.sharedClosed;
    this.transportClosed = sharedClosed != null ? sharedClosed : closed;
    this.engine =
        new Engine(
            b.engineConfig(),
            cache,
            transport,
            () -> closed.get() || transportClosed.get(),
            secondLevel == null
                ? null
                : new Engine.SecondLevel(secondLevel, b.secondLevelTimeout, callbacks));
  }

  /**
   * A builder with the defaults: IANA root hints, port 53, the default limits and cache.
   *
   * @return a new builder, sharing nothing with any resolver
   */
  public static ResolverBuilder builder() {
    return new ResolverSettings();
  }

  /**
   * A builder that starts from this resolver's settings and shares its cache and transport (as
   * OkHttp's {@code newBuilder()} shares a connection pool). Closing a derived resolver only stops
   * it; closing the original closes the shared transport, and with it every resolver derived from
   * it.
   *
   * @return a builder with this resolver's settings, its cache and its transport
   */
  public ResolverBuilder newBuilder() {
    ResolverSettings b = settings.copy();
    b.sharedCache = cache;
    b.transport = transport;
    b.sharedClosed = transportClosed;
    if (b.executor == null) {
      b.sharedCallbacks = callbacks;
    }
    return b;
  }

  /**
   * Resolves {@code name} for {@code type}, waiting for the answer.
   *
   * @param name a domain name such as {@code "www.example.com"}; relative names are taken as
   *     absolute
   * @param type a dnsjava {@code Type} constant, such as {@code Type.A}
   * @return the resolution: an answer, NXDOMAIN, NODATA or SERVFAIL with its reason
   * @throws IllegalArgumentException if the name is malformed or the type cannot be resolved
   * @throws IllegalStateException if the resolver is closed
   */
  public Resolution lookup(String name, int type) {
    return lookup(Question.of(name, type), ResolutionListener.NONE);
  }

  /**
   * Resolves {@code name} for a type given by its mnemonic, waiting for the answer.
   *
   * @param name a domain name such as {@code "www.example.com"}
   * @param type a mnemonic such as {@code "AAAA"} (any case) or {@code "TYPE65"}
   * @return the resolution
   * @throws IllegalArgumentException if the name is malformed or the type unknown or unresolvable
   * @throws IllegalStateException if the resolver is closed
   */
  public Resolution lookup(String name, String type) {
    return lookup(Question.of(name, type), ResolutionListener.NONE);
  }

  /**
   * Resolves an absolute dnsjava {@link Name}, waiting for the answer.
   *
   * @param name an absolute name
   * @param type a dnsjava {@code Type} constant
   * @return the resolution
   * @throws IllegalArgumentException if the name is relative or the type cannot be resolved
   * @throws IllegalStateException if the resolver is closed
   */
  public Resolution lookup(Name name, int type) {
    return lookup(new Question(name, type), ResolutionListener.NONE);
  }

  /**
   * Resolves {@code name}, streaming each step to {@code listener} as it happens.
   *
   * @param name a domain name such as {@code "www.example.com"}
   * @param type a dnsjava {@code Type} constant
   * @param listener told of every step and of the end, under {@link ResolutionListener}'s contract
   * @return the resolution
   * @throws IllegalArgumentException if the name is malformed or the type cannot be resolved
   * @throws IllegalStateException if the resolver is closed
   */
  public Resolution lookup(String name, int type, ResolutionListener listener) {
    return lookup(Question.of(name, type), listener);
  }

  /**
   * Resolves {@code question}, streaming each step to {@code listener}; blocks until done.
   *
   * @param question the name and type
   * @param listener told of every step, or {@link ResolutionListener#NONE}
   * @return the resolution
   * @throws IllegalStateException if the resolver is closed
   */
  public Resolution lookup(Question question, ResolutionListener listener) {
    return lookup(question, LookupOptions.defaults().withListener(listener));
  }

  /**
   * Resolves {@code question} as {@code options} ask, waiting for the answer. The wait answers
   * {@link Thread#interrupt()}: an interrupted caller (a virtual thread whose {@code
   * StructuredTaskScope} shut down, say) gets SERVFAIL {@link FailureReason#CANCELLED} at once, its
   * interrupt status set again, and its walk sends nothing more. A thread already interrupted still
   * gets an answer the cache holds.
   *
   * @param question the name and type
   * @param options this call's deadline, cache use, protocol and listener
   * @return the resolution
   * @throws IllegalStateException if the resolver is closed
   */
  public Resolution lookup(Question question, LookupOptions options) {
    CompletableFuture<Resolution> started = start(question, options);
    try {
      return started.get();
    } catch (InterruptedException e) {
      started.cancel(false);
      Thread.currentThread().interrupt();
      return Engine.cancelled(question);
    } catch (ExecutionException e) {
      // The engine completes every future normally; a failure here is a bug, and still a value.
      log.warn("lookup of {} failed unexpectedly", question, e.getCause());
      return Engine.internalError(question, e);
    }
  }

  /**
   * Starts resolving {@code name}.
   *
   * @param name a domain name such as {@code "www.example.com"}
   * @param type a dnsjava {@code Type} constant
   * @return completes, always normally, with the resolution on the builder's executor
   * @throws IllegalArgumentException if the name is malformed or the type cannot be resolved
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<Resolution> lookupAsync(String name, int type) {
    return lookupAsync(Question.of(name, type), ResolutionListener.NONE);
  }

  /**
   * Starts resolving an absolute dnsjava {@link Name}.
   *
   * @param name an absolute name
   * @param type a dnsjava {@code Type} constant
   * @return completes, always normally, with the resolution on the builder's executor
   * @throws IllegalArgumentException if the name is relative or the type cannot be resolved
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<Resolution> lookupAsync(Name name, int type) {
    return lookupAsync(new Question(name, type), ResolutionListener.NONE);
  }

  /**
   * Starts resolving {@code question}; returns at once, however many lookups are in flight. A
   * lookup the cache answers returns an already completed future, so dependent stages run at once
   * on the calling thread; any other future completes on the builder's executor (by default the
   * resolver's own threads), so a caller's dependent stages never run on, or stall, an I/O thread.
   * Beyond {@link ResolverBuilder#maxLookupsInFlight} lookups wait their turn in the admission
   * queue; when that is full too, the future is already complete with SERVFAIL {@link
   * FailureReason#OVERLOADED}.
   *
   * @param question the name and type
   * @param listener told of every step, or {@link ResolutionListener#NONE}
   * @return completes, always normally, with the resolution
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<Resolution> lookupAsync(Question question, ResolutionListener listener) {
    return lookupAsync(question, LookupOptions.defaults().withListener(listener));
  }

  /**
   * Starts resolving {@code question} as {@code options} ask; returns at once, as {@link
   * #lookupAsync(Question, ResolutionListener)} does and with the same rule for where the future
   * completes. Cancelling the future ({@code cancel(true)} or {@code cancel(false)} alike) stops
   * the walk before its next query and frees its place among the lookups in flight at once; a walk
   * shared with identical lookups goes on until the last of them has cancelled. What the walk
   * learned until then stays cached; nothing is blamed on a server.
   *
   * @param question the name and type
   * @param options this call's deadline, cache use, protocol and listener
   * @return completes normally with the resolution, unless cancelled
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<Resolution> lookupAsync(Question question, LookupOptions options) {
    CompletableFuture<Resolution> started = start(question, options);
    if (started.isDone()) {
      return started;
    }
    CompletableFuture<Resolution> delivered = new CompletableFuture<>();
    // One hop, not thenApplyAsync: a caller that cancels or completes its future must not reach
    // the engine's, which followers of the same walk share.
    started.whenComplete(
        (r, e) -> {
          Runnable deliver =
              () -> {
                if (e != null) {
                  delivered.completeExceptionally(e);
                } else {
                  delivered.complete(r);
                }
              };
          try {
            callbacks.execute(deliver);
          } catch (RejectedExecutionException rejected) {
            deliver.run(); // a caller's executor that was shut down: better late than never
          }
        });
    delivered.whenComplete(
        (r, e) -> {
          if (delivered.isCancelled()) {
            started.cancel(false); // only this caller's copy: a shared walk keeps its others
          }
        });
    return delivered;
  }

  private CompletableFuture<Resolution> start(Question question, LookupOptions options) {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(options, "options");
    if (closed.get() || transportClosed.get()) {
      throw new IllegalStateException("resolver is closed");
    }
    ResolutionListener observer = ResolutionListener.NONE;
    ResolutionListener.Factory factory = settings.listenerFactory;
    if (factory != null) {
      try {
        observer =
            Objects.requireNonNull(factory.create(question), "listener factory returned null");
      } catch (RuntimeException e) {
        log.warn("ResolutionListener.Factory threw; ignored", e);
      }
    }
    return engine.resolve(question, options, observer);
  }

  /**
   * Checks {@code zone}'s delegation, waiting for the report: walks to the parent as a lookup does,
   * takes the parent's referral, then asks every address of every name server (the parent's and the
   * zone's own) directly, over UDP and TCP, with and without EDNS(0), and reports what is wrong as
   * typed {@link io.rootwalk.check.Finding}s with the exchanges that show it. The default {@link
   * CheckOptions} bound the work (30 s at most).
   *
   * @param zone the zone, such as {@code "example.com"}; not the root
   * @return the report
   * @throws IllegalArgumentException if the name is malformed or the root
   * @throws IllegalStateException if the resolver is closed
   */
  public DelegationReport check(String zone) {
    return check(Question.parseName(zone), CheckOptions.defaults());
  }

  /**
   * Checks {@code zone}'s delegation within {@code options}' bounds, waiting for the report. An
   * interrupted caller gets {@link java.util.concurrent.CancellationException}.
   *
   * @param zone an absolute name below the root
   * @param options the bounds and thresholds
   * @return the report
   * @throws IllegalArgumentException if the name is relative or the root
   * @throws IllegalStateException if the resolver is closed
   */
  public DelegationReport check(Name zone, CheckOptions options) {
    CompletableFuture<DelegationReport> started = checkAsync(zone, options);
    try {
      return started.get();
    } catch (InterruptedException e) {
      started.cancel(false);
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("check of " + zone + " interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("check of " + zone + " failed", e.getCause());
    }
  }

  /**
   * Starts checking {@code zone}'s delegation; see {@link #check(Name, CheckOptions)}. The direct
   * queries go through this resolver's transport to its upstream port, over the address families
   * its {@link ResolverBuilder#ipFamily} allows; the lookups (the walk to the parent, the name
   * servers' addresses, the zone's SOA) are this resolver's own, and fill its cache.
   *
   * @param zone an absolute name below the root
   * @param options the bounds and thresholds
   * @return completes with the report within the options' deadline
   * @throws IllegalArgumentException if the name is relative or the root
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<DelegationReport> checkAsync(Name zone, CheckOptions options) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(options, "options");
    if (!zone.isAbsolute()) {
      throw new IllegalArgumentException("zone must be absolute: " + zone);
    }
    if (closed.get() || transportClosed.get()) {
      throw new IllegalStateException("resolver is closed");
    }
    return new DelegationCheck(this, transport, settings.upstreamPort, settings.ipFamily)
        .run(zone, options);
  }

  /**
   * Answers from the cache alone, as a recursive server must for a stub's RD=0 query: the cached
   * answer (following cached CNAMEs) or cached NXDOMAIN/NODATA, or empty when the cache does not
   * know. Never sends a query and never blocks.
   *
   * @param question the name and type
   * @return the cached resolution, or empty
   */
  public Optional<Resolution> lookupCached(Question question) {
    Objects.requireNonNull(question, "question");
    return engine.resolveCached(question);
  }

  /**
   * The deepest live zone cut the cache knows at or above {@code name}: where a lookup of it would
   * start, and what a recursive server refers an RD=0 client to.
   *
   * @param name an absolute name
   * @return the closest cached zone cut, or empty when not even the root is cached
   */
  public Optional<ZoneCut> closestZoneCut(Name name) {
    Objects.requireNonNull(name, "name");
    return cache.closestDelegation(name).map(Delegation::toZoneCut);
  }

  // Host addresses: A and AAAA together, for adapters (an InetAddress resolver, an HTTP client's
  // DNS hook). HostLookup runs the two lookups; HostAddresses holds the merge rules.

  /**
   * Resolves the addresses of host {@code name}, waiting for both lookups: {@link
   * #resolveHostAsync(Name, LookupOptions)} with the defaults, joined. Interrupting the waiting
   * thread cancels both, as it does a {@link #lookup(Question, LookupOptions)}.
   *
   * @param name a host name such as {@code "www.example.com"}; relative names are taken as absolute
   * @return the addresses of both families in the order of the resolver's {@link IpFamilyPolicy},
   *     the canonical name, and both lookups
   * @throws IllegalArgumentException if the name is malformed, before any packet is sent
   * @throws IllegalStateException if the resolver is closed
   */
  public HostAddresses resolveHost(String name) {
    return resolveHost(Question.parseName(name), LookupOptions.defaults());
  }

  /**
   * Resolves the addresses of host {@code name} as {@code options} ask (they apply to both
   * lookups), waiting for both.
   *
   * @param name an absolute name
   * @param options the two lookups' deadline, cache use, protocol and listener
   * @return the addresses of both families, the canonical name, and both lookups
   * @throws IllegalArgumentException if the name is relative, before any packet is sent
   * @throws IllegalStateException if the resolver is closed
   */
  public HostAddresses resolveHost(Name name, LookupOptions options) {
    return host(name).await(Objects.requireNonNull(options, "options"));
  }

  /**
   * Starts resolving the addresses of host {@code name}: see {@link #resolveHostAsync(Name,
   * LookupOptions)}.
   *
   * @param name a host name such as {@code "www.example.com"}; relative names are taken as absolute
   * @return completes, always normally, with the addresses, the canonical name, and both lookups
   * @throws IllegalArgumentException if the name is malformed, before any packet is sent
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<HostAddresses> resolveHostAsync(String name) {
    return resolveHostAsync(Question.parseName(name), LookupOptions.defaults());
  }

  /**
   * Starts resolving the addresses of host {@code name}: its A and AAAA lookups start at once, side
   * by side, each through {@link #lookupAsync(Question, LookupOptions)} (so each is answered from
   * the cache, joins an identical lookup in flight, or waits for admission like any other), and
   * each follows CNAME and DNAME chains. The resolver's {@link IpFamilyPolicy} decides the order of
   * the merged addresses, and under {@link IpFamilyPolicy#IPV4_ONLY} or {@link
   * IpFamilyPolicy#IPV6_ONLY} the other type is not asked for at all. {@link HostAddresses} states
   * the order and how the two outcomes combine (any address is NOERROR, even if the other lookup
   * failed). The future completes where the later of the two lookups completes, by {@link
   * #lookupAsync}'s rule: at once when the cache answers both. Cancelling it cancels both.
   *
   * @param name an absolute name
   * @param options the two lookups' deadline, cache use, protocol and listener
   * @return completes, always normally, with the addresses, the canonical name, and both lookups
   * @throws IllegalArgumentException if the name is relative, before any packet is sent
   * @throws IllegalStateException if the resolver is closed
   */
  public CompletableFuture<HostAddresses> resolveHostAsync(Name name, LookupOptions options) {
    return host(name).start(Objects.requireNonNull(options, "options"));
  }

  private HostLookup host(Name name) {
    HostLookup host = new HostLookup(this, Objects.requireNonNull(name, "name"), settings.ipFamily);
    if (closed.get() || transportClosed.get()) {
      throw new IllegalStateException("resolver is closed");
    }
    return host;
  }

  /**
   * Forgets everything cached about {@code name} and every name below it: a whole zone.
   *
   * @param name the apex of what to forget, such as {@code "example.com"}
   * @throws IllegalArgumentException if the name is malformed
   */
  public void flush(String name) {
    cache.flush(Question.parseName(name), true);
    engine.forgetValidation(); // validated answers and trusted keys may rest on what went
  }

  /** Forgets everything cached, including what is known about servers. */
  public void flushAll() {
    cache.flushAll();
    engine.forgetValidation();
  }

  /**
   * Forgets everything cached about exactly {@code name} (not the names below it).
   *
   * @param name the name to forget
   * @throws IllegalArgumentException if the name is malformed
   */
  public void flushName(String name) {
    cache.flush(Question.parseName(name), false);
    engine.forgetValidation();
  }

  /**
   * Hits, misses, evictions and entries by kind, as of now.
   *
   * @return a snapshot of the cache's counters
   */
  public CacheStatistics cacheStatistics() {
    return cache.statistics();
  }

  /**
   * Client lookups by status and SERVFAIL reason, the upstream queries they sent, the limits they
   * reached, and the lookups walking or queued now: what a metrics binder reads. Counting costs a
   * cache hit one counter increment and no allocation.
   *
   * @return a snapshot of this resolver's lookup counters
   */
  public LookupStatistics lookupStatistics() {
    return engine.statistics();
  }

  /**
   * What the second-level cache did ({@link ResolverBuilder#secondLevelCache}): reads, entries
   * loaded and refused, reads the store failed, writes acknowledged, dropped and failed.
   *
   * @return a snapshot; all zero without a second-level cache
   */
  public SecondLevelStatistics secondLevelStatistics() {
    return engine.secondLevelStatistics();
  }

  /** The transport this resolver made, for the core's own tests; null when given one. */
  @Nullable NioTransport ownedTransport() {
    return ownedTransport;
  }

  /** Lookups holding an admission slot, for the core's own tests; not API. */
  int lookupsRunning() {
    return engine.lookupsRunning();
  }

  /**
   * The cache itself, for the core's own tests to inspect; not API (see {@link
   * #cacheStatistics()}).
   */
  ResolverCache cache() {
    return cache;
  }

  /**
   * The trust anchors DNSSEC validation starts from.
   *
   * @return the anchors, or empty when this resolver does not validate
   */
  public Optional<TrustAnchors> trustAnchors() {
    return settings.validationAnchors();
  }

  /**
   * The root hints in use.
   *
   * @return where every walk that knows no zone cut starts
   */
  public RootHints rootHints() {
    return settings.rootHints;
  }

  /**
   * Closes the transport this resolver created (a transport passed to the builder is the caller's
   * to close). Lookups in flight complete with SERVFAIL; new lookups are refused.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      engine.close();
      if (ownedTransport != null) {
        ownedTransport.close();
      }
      if (ownedCallbacks != null) {
        ownedCallbacks.close();
      }
      if (ownedSecondLevel != null) {
        try {
          cache.journal().flush(); // what the last lookups stored, before the store waits for it
          ownedSecondLevel.close();
        } catch (RuntimeException e) {
          log.warn("closing the second-level cache failed", e);
        }
      }
    }
  }
}
