package io.rootwalk.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rootwalk.CacheStatistics;
import io.rootwalk.FailureReason;
import io.rootwalk.Limit;
import io.rootwalk.LookupStatistics;
import io.rootwalk.Resolver;
import io.rootwalk.SecondLevelStatistics;
import io.rootwalk.Status;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@link Resolver}'s counters to a Micrometer registry, the way Micrometer's own {@code
 * CaffeineCacheMetrics} binds a cache: every meter is a function of {@link
 * Resolver#lookupStatistics()} or {@link Resolver#cacheStatistics()}, read when the registry is
 * scraped. So nothing is installed on the resolver, no listener runs per lookup, and a cache hit
 * costs what it costs without metrics.
 *
 * <pre>{@code
 * Resolver resolver = Resolver.builder().build();
 * MeterRegistry registry = new SimpleMeterRegistry();               // or Prometheus, OTLP, ...
 * new RootwalkMetrics(resolver, Tags.of("resolver", "main")).bindTo(registry);
 * resolver.lookup("www.example.com", Type.A);
 * registry.get("rootwalk.lookups").tag("status", "NOERROR").functionCounter().count(); // 1.0
 * }</pre>
 *
 * <p>The meters, all prefixed {@code rootwalk.}:
 *
 * <ul>
 *   <li>{@code rootwalk.lookups} (counter, tag {@code status}: NOERROR, NXDOMAIN, NODATA, YXDOMAIN,
 *       SERVFAIL): client lookups finished;
 *   <li>{@code rootwalk.lookup.failures} (counter, tag {@code reason}, such as TIMEOUT or
 *       LIMIT_EXCEEDED): the SERVFAIL ones by {@link FailureReason};
 *   <li>{@code rootwalk.lookup.duration} (function timer): count and total time of the lookups, a
 *       cache hit counting zero time (no clock is read on that path), so its mean is the mean walk
 *       cost per lookup;
 *   <li>{@code rootwalk.upstream.queries} (counter): queries sent upstream, chases, retries,
 *       prefetches and the chain of trust's fetches included; a walk shared by identical lookups
 *       counts once;
 *   <li>{@code rootwalk.lookups.in.flight} and {@code rootwalk.lookups.queued} (gauges): lookups
 *       walking and waiting for admission now;
 *   <li>{@code rootwalk.limits.reached} (counter, tag {@code limit}, such as {@code
 *       maxUpstreamQueries}): each {@link Limit} reached;
 *   <li>{@code rootwalk.cache.hits} (tag {@code cache}: rrset, negative), {@code
 *       rootwalk.cache.misses}, {@code rootwalk.cache.evictions} (tag {@code cache}: rrset,
 *       negative, delegation), {@code rootwalk.cache.stale.answers}, {@code
 *       rootwalk.cache.prefetches} (counters) and {@code rootwalk.cache.size} (gauge, tag {@code
 *       cache}).
 *   <li>{@code rootwalk.secondlevel.reads}, {@code rootwalk.secondlevel.entries} (tag {@code
 *       result}: loaded, refused), {@code rootwalk.secondlevel.unavailable} and {@code
 *       rootwalk.secondlevel.writes} (tag {@code result}: written, dropped, failed) (counters): the
 *       second-level cache shared through Redis or Valkey, all zero without one.
 * </ul>
 *
 * <p>The registry holds the resolver weakly, as Micrometer's function meters do: a closed and
 * dropped resolver's meters report NaN rather than keep it alive.
 */
public final class RootwalkMetrics implements MeterBinder {

  private final Resolver resolver;
  private final Tags tags;

  /**
   * Metrics for {@code resolver} with no extra tags.
   *
   * @param resolver the resolver to report on
   */
  public RootwalkMetrics(Resolver resolver) {
    this(resolver, Tags.empty());
  }

  /**
   * Metrics for {@code resolver}, every meter carrying {@code tags} too (to tell resolvers apart).
   *
   * @param resolver the resolver to report on
   * @param tags added to every meter
   */
  public RootwalkMetrics(Resolver resolver, Iterable<Tag> tags) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    bindLookups(registry);
    bindCache(registry);
    bindSecondLevel(registry);
  }

  private void bindLookups(MeterRegistry registry) {
    for (Status status : Status.values()) {
      lookupCounter(
          registry,
          "rootwalk.lookups",
          "Client lookups finished, by status",
          Tags.of("status", status.name()),
          s -> s.lookups(status));
    }
    for (FailureReason reason : FailureReason.values()) {
      lookupCounter(
          registry,
          "rootwalk.lookup.failures",
          "Client lookups that ended in SERVFAIL, by reason",
          Tags.of("reason", reason.name()),
          s -> s.failures(reason));
    }
    FunctionTimer.builder(
            "rootwalk.lookup.duration",
            resolver,
            r -> r.lookupStatistics().lookups(),
            r -> r.lookupStatistics().elapsed().toNanos(),
            TimeUnit.NANOSECONDS)
        .description("Time spent walking for client lookups; a cache hit counts zero")
        .tags(tags)
        .register(registry);
    lookupCounter(
        registry,
        "rootwalk.upstream.queries",
        "Queries the resolver sent upstream, chases, retries, prefetches and DNSSEC fetches included",
        Tags.empty(),
        LookupStatistics::upstreamQueries);
    for (Limit limit : Limit.values()) {
      lookupCounter(
          registry,
          "rootwalk.limits.reached",
          "Times a lookup reached one of the resolver's limits",
          Tags.of("limit", limit.setting()),
          s -> s.limitsReached(limit));
    }
    gauge(
        registry,
        "rootwalk.lookups.in.flight",
        "Lookups walking the hierarchy now",
        Tags.empty(),
        r -> r.lookupStatistics().inFlight());
    gauge(
        registry,
        "rootwalk.lookups.queued",
        "Lookups waiting for admission now",
        Tags.empty(),
        r -> r.lookupStatistics().queued());
  }

  private void bindCache(MeterRegistry registry) {
    String hits = "Cache lookups answered from cached data, by table";
    cacheCounter(registry, "rootwalk.cache.hits", hits, "rrset", CacheStatistics::answerHits);
    cacheCounter(registry, "rootwalk.cache.hits", hits, "negative", CacheStatistics::negativeHits);
    cacheCounter(
        registry,
        "rootwalk.cache.misses",
        "Cache lookups that found nothing and went upstream",
        null,
        CacheStatistics::misses);
    String evictions = "Entries evicted for size or expiry, by table (flushes not counted)";
    cacheCounter(
        registry, "rootwalk.cache.evictions", evictions, "rrset", CacheStatistics::rrsetEvictions);
    cacheCounter(
        registry,
        "rootwalk.cache.evictions",
        evictions,
        "negative",
        CacheStatistics::negativeEvictions);
    cacheCounter(
        registry,
        "rootwalk.cache.evictions",
        evictions,
        "delegation",
        CacheStatistics::delegationEvictions);
    cacheCounter(
        registry,
        "rootwalk.cache.stale.answers",
        "Answers served stale after fresh resolution failed (RFC 8767)",
        null,
        CacheStatistics::staleAnswers);
    cacheCounter(
        registry,
        "rootwalk.cache.prefetches",
        "Background refreshes of answers hit in the last tenth of their TTL",
        null,
        CacheStatistics::prefetches);
    cacheSize(registry, "rrset", CacheStatistics::rrsets);
    cacheSize(registry, "negative", CacheStatistics::negatives);
    cacheSize(registry, "delegation", CacheStatistics::delegations);
  }

  private void bindSecondLevel(MeterRegistry registry) {
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.reads",
        "Reads of the second-level cache, one per name the own cache could not answer",
        Tags.empty(),
        SecondLevelStatistics::reads);
    String entries = "Entries read from the second-level cache: loaded, or refused by the checks";
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.entries",
        entries,
        Tags.of("result", "loaded"),
        SecondLevelStatistics::entriesLoaded);
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.entries",
        entries,
        Tags.of("result", "refused"),
        SecondLevelStatistics::entriesRefused);
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.unavailable",
        "Reads the store failed, did not answer in time, or was not asked after a failure",
        Tags.empty(),
        SecondLevelStatistics::unavailable);
    String writes = "Writes to the second-level cache: acknowledged, dropped (queue full), failed";
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.writes",
        writes,
        Tags.of("result", "written"),
        SecondLevelStatistics::writes);
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.writes",
        writes,
        Tags.of("result", "dropped"),
        SecondLevelStatistics::writesDropped);
    secondLevelCounter(
        registry,
        "rootwalk.secondlevel.writes",
        writes,
        Tags.of("result", "failed"),
        SecondLevelStatistics::writesFailed);
  }

  private void secondLevelCounter(
      MeterRegistry registry,
      String name,
      String description,
      Tags extra,
      ToLongFunction<SecondLevelStatistics> count) {
    FunctionCounter.builder(
            name, resolver, r -> (double) count.applyAsLong(r.secondLevelStatistics()))
        .description(description)
        .tags(tags.and(extra))
        .register(registry);
  }

  private void lookupCounter(
      MeterRegistry registry,
      String name,
      String description,
      Tags extra,
      ToLongFunction<LookupStatistics> count) {
    FunctionCounter.builder(name, resolver, r -> (double) count.applyAsLong(r.lookupStatistics()))
        .description(description)
        .tags(tags.and(extra))
        .register(registry);
  }

  private void cacheCounter(
      MeterRegistry registry,
      String name,
      String description,
      @Nullable String cache,
      ToLongFunction<CacheStatistics> count) {
    FunctionCounter.builder(name, resolver, r -> (double) count.applyAsLong(r.cacheStatistics()))
        .description(description)
        .tags(cache == null ? tags : tags.and("cache", cache))
        .register(registry);
  }

  private void cacheSize(MeterRegistry registry, String cache, ToLongFunction<CacheStatistics> n) {
    gauge(
        registry,
        "rootwalk.cache.size",
        "Entries held now",
        Tags.of("cache", cache),
        r -> n.applyAsLong(r.cacheStatistics()));
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags extra,
      ToDoubleFunction<Resolver> value) {
    Gauge.builder(name, resolver, value)
        .description(description)
        .tags(tags.and(extra))
        .register(registry);
  }
}
