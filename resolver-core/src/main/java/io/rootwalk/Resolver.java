package io.rootwalk;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.cache.CachePolicy;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.iterate.Engine;
import io.rootwalk.iterate.EngineConfig;
import io.rootwalk.net.NioTransport;
import io.rootwalk.spi.Transport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
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
 * <p>A resolver owns its transport's I/O thread and sockets: {@link #close()} it when done. Two
 * resolvers share nothing, unless one was derived from the other with {@link #newBuilder()}.
 */
public final class Resolver implements AutoCloseable {

  private final Builder settings;
  private final ResolverCache cache;
  private final Transport transport;
  private final @Nullable NioTransport ownedTransport;
  private final Engine engine;
  private final Executor executor;

  /** Set when this resolver is closed. */
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Set when the resolver that owns the transport is closed (this one, or the one derived from).
   */
  private final AtomicBoolean transportClosed;

  private final ResolutionListener.@Nullable Factory listenerFactory;

  private Resolver(Builder b) {
    this.settings = b.copy();
    this.executor = b.executor;
    this.listenerFactory = b.listenerFactory;
    if (b.sharedCache != null) {
      this.cache = b.sharedCache;
    } else {
      this.cache =
          new ResolverCache(
              new CachePolicy(
                  b.maxCacheEntries,
                  b.minTtl,
                  b.maxTtl,
                  b.maxNegativeTtl,
                  b.failureHoldMin,
                  b.failureHoldMax,
                  b.serveStaleFor,
                  b.prefetch),
              b.ticker,
              b.executor);
    }
    if (b.transport != null) {
      this.transport = b.transport;
      this.ownedTransport = null;
    } else {
      // Socket timeouts run on real time whatever the ticker: a fake ticker drives TTLs, not
      // sockets.
      NioTransport nio = new NioTransport();
      this.transport = nio;
      this.ownedTransport = nio;
    }
    this.transportClosed = b.sharedClosed != null ? b.sharedClosed : closed;
    boolean allowLoopback =
        b.allowLoopbackServers != null ? b.allowLoopbackServers : b.rootHints.allLoopback();
    EngineConfig config =
        new EngineConfig(
            b.rootHints,
            b.upstreamPort,
            b.queryTimeout,
            b.deadline,
            b.limits,
            b.siblingGlue,
            b.ednsPayloadSize,
            allowLoopback,
            b.ipFamily,
            b.use0x20,
            b.qnameMinimisation,
            b.ticker);
    this.engine = new Engine(config, cache, transport, () -> closed.get() || transportClosed.get());
  }

  /** A builder with the defaults: IANA root hints, port 53, the default limits and cache. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this resolver's settings and shares its cache and transport (as
   * OkHttp's {@code newBuilder()} shares a connection pool). Closing a derived resolver only stops
   * it; closing the original closes the shared transport, and with it every resolver derived from
   * it.
   */
  public Builder newBuilder() {
    Builder b = settings.copy();
    b.sharedCache = cache;
    b.transport = transport;
    b.sharedClosed = transportClosed;
    return b;
  }

  /**
   * Resolves {@code name} (e.g. {@code "www.example.com"}) for {@code type} (a dnsjava {@code
   * Type}).
   */
  public Resolution lookup(String name, int type) {
    return lookup(Question.of(name, type), ResolutionListener.NONE);
  }

  /** Resolves {@code name} for a type given by its mnemonic, such as {@code "AAAA"}. */
  public Resolution lookup(String name, String type) {
    return lookup(Question.of(name, type), ResolutionListener.NONE);
  }

  /** Resolves an absolute dnsjava {@link Name}. */
  public Resolution lookup(Name name, int type) {
    return lookup(new Question(name, type), ResolutionListener.NONE);
  }

  /** Resolves {@code name}, streaming each step to {@code listener} as it happens. */
  public Resolution lookup(String name, int type, ResolutionListener listener) {
    return lookup(Question.of(name, type), listener);
  }

  /** Resolves {@code question}, streaming each step to {@code listener}; blocks until done. */
  public Resolution lookup(Question question, ResolutionListener listener) {
    return start(question, listener).join();
  }

  /** Starts resolving {@code name}; the future completes (normally, always) on the executor. */
  public CompletableFuture<Resolution> lookupAsync(String name, int type) {
    return lookupAsync(Question.of(name, type), ResolutionListener.NONE);
  }

  /** Starts resolving {@code name}; the future completes (normally, always) on the executor. */
  public CompletableFuture<Resolution> lookupAsync(Name name, int type) {
    return lookupAsync(new Question(name, type), ResolutionListener.NONE);
  }

  /**
   * Starts resolving {@code question}. The future completes on the builder's executor, so a
   * caller's dependent stages never run on, or stall, the resolver's I/O thread.
   */
  public CompletableFuture<Resolution> lookupAsync(Question question, ResolutionListener listener) {
    return start(question, listener).thenApplyAsync(r -> r, executor);
  }

  private CompletableFuture<Resolution> start(Question question, ResolutionListener listener) {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(listener, "listener");
    if (closed.get() || transportClosed.get()) {
      throw new IllegalStateException("resolver is closed");
    }
    ResolutionListener observer = ResolutionListener.NONE;
    if (listenerFactory != null) {
      try {
        observer =
            Objects.requireNonNull(
                listenerFactory.create(question), "listener factory returned null");
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Resolver.class)
            .warn("ResolutionListener.Factory threw; ignored", e);
      }
    }
    return engine.resolve(question, listener, observer);
  }

  /**
   * Answers from the cache alone, as a recursive server must for a stub's RD=0 query: the cached
   * answer (following cached CNAMEs) or cached NXDOMAIN/NODATA, or empty when the cache does not
   * know. Never sends a query and never blocks.
   */
  public java.util.Optional<Resolution> lookupCached(Question question) {
    Objects.requireNonNull(question, "question");
    return engine.resolveCached(question);
  }

  /**
   * The deepest live zone cut the cache knows at or above {@code name}: where a lookup of it would
   * start, and what a recursive server refers an RD=0 client to.
   */
  public java.util.Optional<ZoneCut> closestZoneCut(Name name) {
    Objects.requireNonNull(name, "name");
    return cache.closestDelegation(name).map(io.rootwalk.delegation.Delegation::toZoneCut);
  }

  /** Forgets everything cached about {@code name} and every name below it: a whole zone. */
  public void flush(String name) {
    cache.flush(Question.parseName(name), true);
  }

  /** Forgets everything cached, including what is known about servers. */
  public void flushAll() {
    cache.flushAll();
  }

  /** Forgets everything cached about exactly {@code name} (not the names below it). */
  public void flushName(String name) {
    cache.flush(Question.parseName(name), false);
  }

  /** Hits, misses, evictions and entries by kind, as of now. */
  public CacheStatistics cacheStatistics() {
    return cache.statistics();
  }

  /**
   * The cache itself, for the core's own tests to inspect; not API (see {@link
   * #cacheStatistics()}).
   */
  ResolverCache cache() {
    return cache;
  }

  /** The root hints in use. */
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
    }
  }

  /** Configures a {@link Resolver}. Setters validate and name the bad field and value. */
  public static final class Builder {
    private RootHints rootHints;
    private int upstreamPort = 53;
    private Duration queryTimeout = Duration.ofMillis(1500);
    private Duration deadline = Duration.ofSeconds(10);
    private Limits limits = Limits.DEFAULT;
    private SiblingGluePolicy siblingGlue = SiblingGluePolicy.ACCEPT;
    private int ednsPayloadSize = 1232;
    private @Nullable Boolean allowLoopbackServers;
    private IpFamilyPolicy ipFamily = IpFamilyPolicy.ANY;
    private boolean use0x20 = false;
    private boolean qnameMinimisation = false;
    private ResolutionListener.@Nullable Factory listenerFactory;
    private Duration failureHoldMin = CachePolicy.DEFAULT.failureHoldMin();
    private Duration failureHoldMax = CachePolicy.DEFAULT.failureHoldMax();
    private Duration serveStaleFor = CachePolicy.DEFAULT.serveStaleFor();
    private boolean prefetch = CachePolicy.DEFAULT.prefetch();
    private long maxCacheEntries = CachePolicy.DEFAULT.maxEntries();
    private Duration minTtl = CachePolicy.DEFAULT.minTtl();
    private Duration maxTtl = CachePolicy.DEFAULT.maxTtl();
    private Duration maxNegativeTtl = CachePolicy.DEFAULT.maxNegativeTtl();
    private Ticker ticker = Ticker.systemTicker();
    private Executor executor = ForkJoinPool.commonPool();
    private @Nullable Transport transport;
    private @Nullable ResolverCache sharedCache;
    private @Nullable AtomicBoolean sharedClosed;
    private boolean rootHintsSet;

    private Builder() {
      this.rootHints = RootHints.iana();
    }

    /** Where to start: {@link RootHints#iana()} (the default) or {@link RootHints#fromFile}. */
    public Builder rootHints(RootHints rootHints) {
      this.rootHints = Objects.requireNonNull(rootHints, "rootHints");
      this.rootHintsSet = true;
      return this;
    }

    /** The port every upstream server is asked on: 53, unless walking a lab on another port. */
    public Builder upstreamPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("upstreamPort must be in 1..65535 but was " + port);
      }
      this.upstreamPort = port;
      return this;
    }

    /** How long one upstream exchange may wait for its response (default 1500 ms). */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = positive("queryTimeout", timeout);
      return this;
    }

    /** How long a whole lookup may take, chases included (default 10 s). Always holds. */
    public Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    /** Per-lookup work limits (default {@link Limits#DEFAULT}). */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Whether sibling glue is used (default {@link SiblingGluePolicy#ACCEPT}). */
    public Builder siblingGlue(SiblingGluePolicy policy) {
      this.siblingGlue = Objects.requireNonNull(policy, "siblingGlue");
      return this;
    }

    /**
     * The EDNS(0) UDP payload size to advertise (default 1232, DNS Flag Day 2020), or 0 to send
     * queries without EDNS.
     */
    public Builder ednsPayloadSize(int size) {
      if (size != 0 && (size < 512 || size > 4096)) {
        throw new IllegalArgumentException(
            "ednsPayloadSize must be 0 or in 512..4096 but was " + size);
      }
      this.ednsPayloadSize = size;
      return this;
    }

    /**
     * Whether delegations may send queries to loopback and link-local addresses. By default only
     * when every root hint is itself a loopback address (a lab): on the internet, a delegation to
     * 127.0.0.1 aims the resolver at its own host.
     */
    public Builder allowLoopbackServers(boolean allow) {
      this.allowLoopbackServers = allow;
      return this;
    }

    /**
     * Which address families upstream queries use (default {@link IpFamilyPolicy#ANY}: both, by
     * RTT). {@link IpFamilyPolicy#IPV4_ONLY} suits hosts without IPv6 connectivity.
     */
    public Builder ipFamily(IpFamilyPolicy policy) {
      this.ipFamily = Objects.requireNonNull(policy, "ipFamily");
      return this;
    }

    /**
     * Whether query names get random letter case that answers must echo exactly (0x20, default
     * off): one more bit an off-path spoofer must guess per letter. Some old servers do not echo
     * case; against them lookups fail, which is why it is off by default.
     */
    public Builder use0x20(boolean use) {
      this.use0x20 = use;
      return this;
    }

    /**
     * Whether to send each server only as much of the name as it needs (RFC 9156 QNAME
     * minimisation, default off): the root sees {@code com. A}, com. sees {@code example.com. A},
     * and only example.com's servers see {@code www.example.com.} and the real type. Costs extra
     * queries where a name has several labels within one zone; the trace shows every probe.
     */
    public Builder qnameMinimisation(boolean minimise) {
      this.qnameMinimisation = minimise;
      return this;
    }

    /**
     * How long a zone whose servers all failed is left alone before it is tried again (RFC 9520):
     * {@code min} at first, doubling with each repeat failure up to {@code max}. Defaults 1 s and 5
     * min. Both zero disables failure caching.
     */
    public Builder failureHold(Duration min, Duration max) {
      Duration lo = nonNegative("failureHoldMin", min);
      Duration hi = nonNegative("failureHoldMax", max);
      if (lo.compareTo(hi) > 0) {
        throw new IllegalArgumentException("failureHold min " + lo + " is above max " + hi);
      }
      if (!hi.isZero() && lo.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(
            "failureHold min must be at least 1 s (RFC 9520) but was " + lo);
      }
      this.failureHoldMin = lo;
      this.failureHoldMax = hi;
      return this;
    }

    /**
     * Serve expired answers for up to {@code window} past their TTL when fresh resolution fails
     * (RFC 8767), with a TTL of 30 s. Default {@link Duration#ZERO}: off.
     */
    public Builder serveStale(Duration window) {
      this.serveStaleFor = nonNegative("serveStale", window);
      return this;
    }

    /** Refresh a cached answer in the background when a hit comes in its last tenth of TTL. */
    public Builder prefetch(boolean prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    /** Entries per cache (RRsets, negative answers, delegations); default 100,000. */
    public Builder maxCacheEntries(long entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("maxCacheEntries must be >= 1 but was " + entries);
      }
      this.maxCacheEntries = entries;
      return this;
    }

    /** TTLs below this are raised to it (default 0). */
    public Builder minTtl(Duration ttl) {
      this.minTtl = nonNegative("minTtl", ttl);
      return this;
    }

    /** TTLs above this are lowered to it (default 1 day). */
    public Builder maxTtl(Duration ttl) {
      this.maxTtl = nonNegative("maxTtl", ttl);
      return this;
    }

    /** Negative answers are cached at most this long (default 1 hour). */
    public Builder maxNegativeTtl(Duration ttl) {
      this.maxNegativeTtl = nonNegative("maxNegativeTtl", ttl);
      return this;
    }

    /**
     * The one time source for cache expiry, deadlines and RTTs (default the system ticker). Tests
     * pass a fake to move TTLs forward without sleeping.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Where {@link #lookupAsync} futures complete and cache maintenance runs (default the common
     * fork-join pool). Tests may pass {@code Runnable::run}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * A listener for every lookup, for metrics or logging across all of them (default none). Called
     * on the resolver's threads under {@link ResolutionListener}'s contract.
     */
    public Builder listenerFactory(ResolutionListener.Factory factory) {
      this.listenerFactory = Objects.requireNonNull(factory, "listenerFactory");
      return this;
    }

    /** Replaces the network transport (default: Rootwalk's own NIO UDP/TCP transport). */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    public Resolver build() {
      if (minTtl.compareTo(maxTtl) > 0) {
        throw new IllegalArgumentException("minTtl " + minTtl + " is above maxTtl " + maxTtl);
      }
      return new Resolver(this);
    }

    /** Whether {@link #rootHints} was called (the CLI reports which hints it walks). */
    public boolean rootHintsSet() {
      return rootHintsSet;
    }

    private Builder copy() {
      Builder b = new Builder(rootHints);
      b.upstreamPort = upstreamPort;
      b.queryTimeout = queryTimeout;
      b.deadline = deadline;
      b.limits = limits;
      b.siblingGlue = siblingGlue;
      b.ednsPayloadSize = ednsPayloadSize;
      b.allowLoopbackServers = allowLoopbackServers;
      b.ipFamily = ipFamily;
      b.use0x20 = use0x20;
      b.qnameMinimisation = qnameMinimisation;
      b.listenerFactory = listenerFactory;
      b.failureHoldMin = failureHoldMin;
      b.failureHoldMax = failureHoldMax;
      b.serveStaleFor = serveStaleFor;
      b.prefetch = prefetch;
      b.maxCacheEntries = maxCacheEntries;
      b.minTtl = minTtl;
      b.maxTtl = maxTtl;
      b.maxNegativeTtl = maxNegativeTtl;
      b.ticker = ticker;
      b.executor = executor;
      b.rootHintsSet = rootHintsSet;
      return b;
    }

    private Builder(RootHints hints) {
      this.rootHints = hints;
    }

    private static Duration positive(String field, Duration d) {
      Objects.requireNonNull(d, field);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(field + " must be positive but was " + d);
      }
      return d;
    }

    private static Duration nonNegative(String field, Duration d) {
      Objects.requireNonNull(d, field);
      if (d.isNegative()) {
        throw new IllegalArgumentException(field + " must not be negative but was " + d);
      }
      return d;
    }
  }
}
