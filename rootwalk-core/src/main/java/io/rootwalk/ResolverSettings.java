package io.rootwalk;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.cache.CachePolicy;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.concurrent.CallbackThreads;
import io.rootwalk.iterate.EngineConfig;
import io.rootwalk.net.NioTransport;
import io.rootwalk.net.UdpSocketReuse;
import io.rootwalk.spi.SecondLevelCache;
import io.rootwalk.spi.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The one implementation of {@link ResolverBuilder}: the settings as they are being made, each
 * checked when set, so a bad value fails at its setter with a message naming the field and the
 * value (Caffeine's style). Every field holds an immutable value, so a copy is a field-by-field
 * clone: a derived resolver's builder and a built resolver's snapshot are both that.
 */
final class ResolverSettings implements ResolverBuilder, Cloneable {

  RootHints rootHints = RootHints.iana();
  boolean rootHintsSet;
  @Nullable TrustAnchors trustAnchors;
  @Nullable Boolean dnssecValidation;
  Clock clock = Clock.systemUTC();

  /**
   * Whether one server pick in twenty explores at random (on, always, for users); the core's tests
   * that check a timing decision exchange by exchange turn it off, to stay deterministic.
   */
  boolean exploreServers = true;

  int upstreamPort = 53;
  Duration queryTimeout = Duration.ofMillis(1500);
  Duration deadline = Duration.ofSeconds(10);
  Limits limits = Limits.DEFAULT;
  SiblingGluePolicy siblingGlue = SiblingGluePolicy.ACCEPT;
  int ednsPayloadSize = 1232;
  @Nullable Boolean allowLoopbackServers;
  IpFamilyPolicy ipFamily = IpFamilyPolicy.ANY;
  boolean use0x20;
  QnameMinimisation qnameMinimisation = QnameMinimisation.RELAXED;
  Duration failureHoldMin = CachePolicy.DEFAULT.failureHoldMin();
  Duration failureHoldMax = CachePolicy.DEFAULT.failureHoldMax();
  Duration serveStaleFor = CachePolicy.DEFAULT.serveStaleFor();
  boolean prefetch = CachePolicy.DEFAULT.prefetch();
  long maxCacheEntries = CachePolicy.DEFAULT.maxEntries();
  Duration minTtl = CachePolicy.DEFAULT.minTtl();
  Duration maxTtl = CachePolicy.DEFAULT.maxTtl();
  Duration maxNegativeTtl = CachePolicy.DEFAULT.maxNegativeTtl();
  Ticker ticker = Ticker.systemTicker();

  /** Null: the resolver's own {@link CallbackThreads}. */
  @Nullable Executor executor;

  int maxLookupsInFlight = 1024;
  int maxQueuedLookups = 100_000;
  int ioThreads = NioTransport.defaultLoops();
  UdpSocketReuse udpSocketReuse = UdpSocketReuse.NONE;
  ResolutionListener.@Nullable Factory listenerFactory;
  @Nullable Transport transport;
  @Nullable SecondLevelCache secondLevel;
  Duration secondLevelTimeout = Duration.ofMillis(100);

  // Set only by Resolver.newBuilder(): what a derived resolver shares with its original.
  @Nullable ResolverCache sharedCache;
  @Nullable AtomicBoolean sharedClosed;
  @Nullable Executor sharedCallbacks;

  @Override
  public ResolverBuilder rootHints(RootHints rootHints) {
    this.rootHints = Objects.requireNonNull(rootHints, "rootHints");
    this.rootHintsSet = true;
    return this;
  }

  @Override
  public ResolverBuilder trustAnchors(TrustAnchors anchors) {
    this.trustAnchors = Objects.requireNonNull(anchors, "trustAnchors");
    return this;
  }

  @Override
  public ResolverBuilder dnssecValidation(boolean validate) {
    this.dnssecValidation = validate;
    return this;
  }

  @Override
  public ResolverBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The anchors validation starts from; empty when it is off: turned off, or no anchors given for
   * root hints other than IANA's (anchors for the real root would make a lab's every answer bogus).
   * {@code rootHints(RootHints.iana())} is the IANA hints, the same shared value.
   */
  Optional<TrustAnchors> validationAnchors() {
    if (Boolean.FALSE.equals(dnssecValidation)) {
      return Optional.empty();
    }
    if (trustAnchors != null) {
      return Optional.of(trustAnchors);
    }
    if (rootHintsSet && rootHints != RootHints.iana()) {
      if (Boolean.TRUE.equals(dnssecValidation)) {
        throw new IllegalStateException(
            "dnssecValidation(true) with root hints other than IANA's needs trustAnchors(...)");
      }
      return Optional.empty();
    }
    return Optional.of(TrustAnchors.iana());
  }

  @Override
  public ResolverBuilder upstreamPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("upstreamPort must be in 1..65535 but was " + port);
    }
    this.upstreamPort = port;
    return this;
  }

  @Override
  public ResolverBuilder queryTimeout(Duration timeout) {
    this.queryTimeout = positive("queryTimeout", timeout);
    return this;
  }

  @Override
  public ResolverBuilder deadline(Duration deadline) {
    this.deadline = positive("deadline", deadline);
    return this;
  }

  @Override
  public ResolverBuilder limits(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  @Override
  public ResolverBuilder siblingGlue(SiblingGluePolicy policy) {
    this.siblingGlue = Objects.requireNonNull(policy, "siblingGlue");
    return this;
  }

  @Override
  public ResolverBuilder ednsPayloadSize(int size) {
    if (size != 0 && (size < 512 || size > 4096)) {
      throw new IllegalArgumentException(
          "ednsPayloadSize must be 0 or in 512..4096 but was " + size);
    }
    this.ednsPayloadSize = size;
    return this;
  }

  @Override
  public ResolverBuilder allowLoopbackServers(boolean allow) {
    this.allowLoopbackServers = allow;
    return this;
  }

  @Override
  public ResolverBuilder ipFamily(IpFamilyPolicy policy) {
    this.ipFamily = Objects.requireNonNull(policy, "ipFamily");
    return this;
  }

  @Override
  public ResolverBuilder use0x20(boolean use) {
    this.use0x20 = use;
    return this;
  }

  @Override
  public ResolverBuilder qnameMinimisation(QnameMinimisation mode) {
    this.qnameMinimisation = Objects.requireNonNull(mode, "mode");
    return this;
  }

  @Override
  public ResolverBuilder failureHold(Duration min, Duration max) {
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

  @Override
  public ResolverBuilder serveStale(Duration window) {
    this.serveStaleFor = nonNegative("serveStale", window);
    return this;
  }

  @Override
  public ResolverBuilder prefetch(boolean prefetch) {
    this.prefetch = prefetch;
    return this;
  }

  @Override
  public ResolverBuilder maxCacheEntries(long entries) {
    if (entries < 1) {
      throw new IllegalArgumentException("maxCacheEntries must be >= 1 but was " + entries);
    }
    this.maxCacheEntries = entries;
    return this;
  }

  @Override
  public ResolverBuilder minTtl(Duration ttl) {
    this.minTtl = nonNegative("minTtl", ttl);
    return this;
  }

  @Override
  public ResolverBuilder maxTtl(Duration ttl) {
    this.maxTtl = nonNegative("maxTtl", ttl);
    return this;
  }

  @Override
  public ResolverBuilder maxNegativeTtl(Duration ttl) {
    this.maxNegativeTtl = nonNegative("maxNegativeTtl", ttl);
    return this;
  }

  @Override
  public ResolverBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  @Override
  public ResolverBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  @Override
  public ResolverBuilder maxLookupsInFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxLookupsInFlight must be at least 1 but was " + max);
    }
    this.maxLookupsInFlight = max;
    return this;
  }

  @Override
  public ResolverBuilder maxQueuedLookups(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maxQueuedLookups must not be negative but was " + max);
    }
    this.maxQueuedLookups = max;
    return this;
  }

  @Override
  public ResolverBuilder ioThreads(int threads) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("ioThreads must be in 1..256 but was " + threads);
    }
    this.ioThreads = threads;
    return this;
  }

  @Override
  public ResolverBuilder udpSocketReuse(int exchanges, Duration maxAge) {
    this.udpSocketReuse = new UdpSocketReuse(exchanges, maxAge);
    return this;
  }

  @Override
  public ResolverBuilder listenerFactory(ResolutionListener.Factory factory) {
    this.listenerFactory = Objects.requireNonNull(factory, "listenerFactory");
    return this;
  }

  @Override
  public ResolverBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  @Override
  public ResolverBuilder secondLevelCache(SecondLevelCache store) {
    this.secondLevel = Objects.requireNonNull(store, "store");
    return this;
  }

  @Override
  public ResolverBuilder secondLevelTimeout(Duration timeout) {
    this.secondLevelTimeout = positive("secondLevelTimeout", timeout);
    return this;
  }

  @Override
  public boolean rootHintsSet() {
    return rootHintsSet;
  }

  @Override
  public Resolver build() {
    if (minTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("minTtl " + minTtl + " is above maxTtl " + maxTtl);
    }
    validationAnchors(); // refuses validation on without anchors for a lab, before anything starts
    return new Resolver(this);
  }

  /** The engine's settings; loopback servers are allowed by default only for a loopback lab. */
  EngineConfig engineConfig() {
    boolean allowLoopback =
        allowLoopbackServers != null ? allowLoopbackServers : rootHints.allLoopback();
    return new EngineConfig(
        rootHints,
        upstreamPort,
        queryTimeout,
        deadline,
        limits,
        siblingGlue,
        ednsPayloadSize,
        allowLoopback,
        ipFamily,
        use0x20,
        qnameMinimisation,
        ticker,
        maxLookupsInFlight,
        maxQueuedLookups,
        validationAnchors(),
        clock,
        exploreServers);
  }

  /** The cache's settings. */
  CachePolicy cachePolicy() {
    return new CachePolicy(
        maxCacheEntries,
        minTtl,
        maxTtl,
        maxNegativeTtl,
        failureHoldMin,
        failureHoldMax,
        serveStaleFor,
        prefetch);
  }

  /** An independent copy: later setters on either do not reach the other. */
  ResolverSettings copy() {
    try {
      return (ResolverSettings) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("ResolverSettings is Cloneable", e);
    }
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
