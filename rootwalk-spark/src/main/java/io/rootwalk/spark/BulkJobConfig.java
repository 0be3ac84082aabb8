package io.rootwalk.spark;

import io.rootwalk.QnameMinimisation;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.TrustAnchors;
import io.rootwalk.redis.RedisSecondLevelCache;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an executor needs to build its {@link Resolver}, shipped from the driver with every task.
 * The root hints and trust anchors travel as text, read once on the driver, so executors need no
 * copy of the files. Equal configurations share one resolver per executor JVM ({@link
 * ExecutorResolvers}), so every part is a value.
 *
 * <p>Start from {@link #of(String, String)} or {@link #iana()} and add the optional settings with
 * the {@code with} methods; a new optional setting is one more component, one more {@code with}
 * method and one more line in {@link #newResolver()}.
 *
 * @param rootHints the text of a root hints file ({@code named.root} format), or null for IANA's,
 *     which every executor's copy of Rootwalk has built in
 * @param rootHintsSource where the hints came from, for messages and the trace
 * @param upstreamPort the port every upstream server is asked on (53, unless walking a lab)
 * @param concurrency how many lookups one partition keeps in flight at most
 * @param trustAnchors the text of a trust anchors file (DS or DNSKEY records of the root, or IANA's
 *     root-anchors.xml), which turns DNSSEC validation on; null to leave the resolver's default
 * @param qnameMinimisation how much of each name the servers above its zone are sent
 * @param redis a {@code redis://} or {@code rediss://} URI of a second-level cache the executors
 *     share with each other (and with any other Rootwalk of the fleet), or null for none
 * @param redisPrefix what every Redis key of the job's resolvers starts with
 */
public record BulkJobConfig(
    @Nullable String rootHints,
    String rootHintsSource,
    int upstreamPort,
    int concurrency,
    @Nullable String trustAnchors,
    QnameMinimisation qnameMinimisation,
    @Nullable String redis,
    String redisPrefix)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The Redis key prefix unless told otherwise, as {@code RedisSecondLevelCache}'s. */
  public static final String PREFIX = "rootwalk:";

  /** Lookups one partition keeps in flight unless told otherwise. */
  public static final int DEFAULT_CONCURRENCY = 64;

  /**
   * Checks the parts. Runs again on every executor as the record is deserialized, so it checks
   * ranges only; {@link #of} parses the hints once, on the driver.
   *
   * @param rootHints the hints text, or null for IANA's
   * @param rootHintsSource where they came from
   * @param upstreamPort 1 to 65535
   * @param concurrency at least 1
   * @param trustAnchors the anchors text, or null
   * @param qnameMinimisation the minimisation mode
   * @param redis the second-level cache's URI, or null
   * @param redisPrefix the Redis key prefix
   * @throws NullPointerException if a part other than {@code rootHints} or {@code trustAnchors} is
   *     null
   * @throws IllegalArgumentException if the port or the concurrency is out of range
   */
  public BulkJobConfig {
    Objects.requireNonNull(rootHintsSource, "rootHintsSource");
    Objects.requireNonNull(qnameMinimisation, "qnameMinimisation");
    Objects.requireNonNull(redisPrefix, "redisPrefix");
    if (redis != null && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
      throw new IllegalArgumentException("a Redis URI starts redis:// or rediss://, was " + redis);
    }
    if (upstreamPort < 1 || upstreamPort > 65535) {
      throw new IllegalArgumentException("upstreamPort must be 1 to 65535, was " + upstreamPort);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
  }

  /**
   * A configuration walking from {@code rootHints}, with the defaults for everything else: port 53,
   * {@value #DEFAULT_CONCURRENCY} lookups in flight per partition, no trust anchors of its own,
   * relaxed QNAME minimisation.
   *
   * @param rootHints the text of a root hints file
   * @param source where it came from, such as its path
   * @return the configuration
   * @throws IllegalArgumentException if the hints do not parse, so a bad file fails on the driver
   *     before any task starts
   */
  public static BulkJobConfig of(String rootHints, String source) {
    RootHints.parse(rootHints, source);
    return new BulkJobConfig(
        rootHints, source, 53, DEFAULT_CONCURRENCY, null, QnameMinimisation.RELAXED, null, PREFIX);
  }

  /**
   * A configuration walking from IANA's root hints, with the defaults of {@link #of} otherwise.
   *
   * @return the configuration
   */
  public static BulkJobConfig iana() {
    return new BulkJobConfig(
        null,
        "IANA (built in)",
        53,
        DEFAULT_CONCURRENCY,
        null,
        QnameMinimisation.RELAXED,
        null,
        PREFIX);
  }

  /**
   * This configuration with another upstream port.
   *
   * @param port 1 to 65535
   * @return the new configuration
   */
  public BulkJobConfig withUpstreamPort(int port) {
    return new BulkJobConfig(
        rootHints,
        rootHintsSource,
        port,
        concurrency,
        trustAnchors,
        qnameMinimisation,
        redis,
        redisPrefix);
  }

  /**
   * This configuration with another number of lookups in flight per partition.
   *
   * @param lookups at least 1
   * @return the new configuration
   */
  public BulkJobConfig withConcurrency(int lookups) {
    return new BulkJobConfig(
        rootHints,
        rootHintsSource,
        upstreamPort,
        lookups,
        trustAnchors,
        qnameMinimisation,
        redis,
        redisPrefix);
  }

  /**
   * This configuration validating answers from {@code anchors}.
   *
   * @param anchors the text of a trust anchors file
   * @param source where it came from
   * @return the new configuration
   * @throws IllegalArgumentException if the anchors do not parse
   */
  public BulkJobConfig withTrustAnchors(String anchors, String source) {
    TrustAnchors.parse(anchors, source);
    return new BulkJobConfig(
        rootHints,
        rootHintsSource,
        upstreamPort,
        concurrency,
        anchors,
        qnameMinimisation,
        redis,
        redisPrefix);
  }

  /**
   * This configuration with another QNAME minimisation mode.
   *
   * @param mode the mode
   * @return the new configuration
   */
  public BulkJobConfig withQnameMinimisation(QnameMinimisation mode) {
    return new BulkJobConfig(
        rootHints,
        rootHintsSource,
        upstreamPort,
        concurrency,
        trustAnchors,
        mode,
        redis,
        redisPrefix);
  }

  /**
   * This configuration sharing a second-level cache in Redis or Valkey: every executor's resolver
   * reads it before walking and writes what it walked, so a name resolved on one executor (or by an
   * earlier job, or by a service of the fleet) costs the others no query.
   *
   * @param uri {@code redis://[user:password@]host[:port]}, or {@code rediss://} for TLS
   * @param prefix what every key starts with
   * @return the new configuration
   * @throws IllegalArgumentException if the URI is not a Redis URI
   */
  public BulkJobConfig withRedis(String uri, String prefix) {
    return new BulkJobConfig(
        rootHints,
        rootHintsSource,
        upstreamPort,
        concurrency,
        trustAnchors,
        qnameMinimisation,
        Objects.requireNonNull(uri, "uri"),
        prefix);
  }

  /**
   * Builds the resolver this configuration describes. The caller owns it and closes it; on an
   * executor, {@link ExecutorResolvers} does.
   *
   * @return a new resolver
   */
  public Resolver newResolver() {
    ResolverBuilder builder =
        Resolver.builder()
            .rootHints(
                rootHints == null ? RootHints.iana() : RootHints.parse(rootHints, rootHintsSource))
            .upstreamPort(upstreamPort)
            .qnameMinimisation(qnameMinimisation);
    if (trustAnchors != null) {
      builder.trustAnchors(TrustAnchors.parse(trustAnchors, "the job's trust anchors"));
    }
    if (redis != null) {
      builder.secondLevelCache(RedisSecondLevelCache.builder(redis).keyPrefix(redisPrefix).build());
    }
    return builder.build();
  }

  /** Leaves the hints and anchors text out: it is long, and says nothing a source does not. */
  @Override
  public String toString() {
    return "BulkJobConfig[rootHints="
        + rootHintsSource
        + ", upstreamPort="
        + upstreamPort
        + ", concurrency="
        + concurrency
        + ", trustAnchors="
        + (trustAnchors == null ? "default" : "given")
        + ", qnameMinimisation="
        + qnameMinimisation
        + ", redis="
        + (redis == null ? "none" : "given") // a URI may hold a password
        + "]";
  }
}
