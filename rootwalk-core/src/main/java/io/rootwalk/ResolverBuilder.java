package io.rootwalk;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.spi.SecondLevelCache;
import io.rootwalk.spi.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Configures a {@link Resolver}; {@link Resolver#builder()} and {@link Resolver#newBuilder()} make
 * one. Each setter checks its value and throws {@link IllegalArgumentException} (or {@link
 * NullPointerException} for null) naming the field and the value; the settings then hold for the
 * resolver's life.
 */
public interface ResolverBuilder {

  /**
   * Where resolution starts (default {@link RootHints#iana()}).
   *
   * @param rootHints the root servers' names and addresses, e.g. {@link RootHints#fromFile}
   * @return this builder
   */
  ResolverBuilder rootHints(RootHints rootHints);

  /**
   * The trust anchors DNSSEC validation starts from, which also turns validation on (default: the
   * IANA root KSKs, {@link TrustAnchors#iana()}, when the root hints are IANA's; with other root
   * hints validation is off unless anchors for them are given here).
   *
   * @param anchors DS or DNSKEY records of the root
   * @return this builder
   */
  ResolverBuilder trustAnchors(TrustAnchors anchors);

  /**
   * Turns DNSSEC validation on or off. On with the IANA root hints, it uses the IANA anchors; on
   * with other hints it needs {@link #trustAnchors} too, or {@link #build()} refuses. Off, every
   * answer is {@link SecurityStatus#INDETERMINATE} and queries go out without the DO bit.
   *
   * @param validate whether to validate
   * @return this builder
   */
  ResolverBuilder dnssecValidation(boolean validate);

  /**
   * The wall clock signature validity windows are checked against (RFC 4034 section 3.1.5; default
   * the system clock in UTC). TTLs run on the {@link #ticker}, not on this.
   *
   * @param clock the clock
   * @return this builder
   */
  ResolverBuilder clock(Clock clock);

  /**
   * The port every upstream server is asked on: 53, unless walking a lab on another port.
   *
   * @param port 1 to 65535
   * @return this builder
   */
  ResolverBuilder upstreamPort(int port);

  /**
   * How long one upstream exchange may wait for its response (default 1500 ms); servers with a
   * measured RTT get less.
   *
   * @param timeout positive
   * @return this builder
   */
  ResolverBuilder queryTimeout(Duration timeout);

  /**
   * How long a whole lookup may take, chases included (default 10 s). Always holds.
   *
   * @param deadline positive
   * @return this builder
   */
  ResolverBuilder deadline(Duration deadline);

  /**
   * Per-lookup work limits (default {@link Limits#DEFAULT}).
   *
   * @param limits the limits
   * @return this builder
   */
  ResolverBuilder limits(Limits limits);

  /**
   * Whether sibling glue is used (default {@link SiblingGluePolicy#ACCEPT}).
   *
   * @param policy use it, or resolve the names separately
   * @return this builder
   */
  ResolverBuilder siblingGlue(SiblingGluePolicy policy);

  /**
   * The EDNS(0) UDP payload size to advertise (default 1232, DNS Flag Day 2020).
   *
   * @param size 512 to 4096, or 0 to send queries without EDNS
   * @return this builder
   */
  ResolverBuilder ednsPayloadSize(int size);

  /**
   * Whether delegations may send queries to loopback and link-local addresses. By default only when
   * every root hint is itself a loopback address (a lab): on the internet, a delegation to
   * 127.0.0.1 aims the resolver at its own host.
   *
   * @param allow whether to allow them
   * @return this builder
   */
  ResolverBuilder allowLoopbackServers(boolean allow);

  /**
   * Which address families upstream queries use (default {@link IpFamilyPolicy#ANY}: both, by RTT).
   * {@link IpFamilyPolicy#IPV4_ONLY} suits hosts without IPv6 connectivity. The policy also orders
   * the addresses {@link Resolver#resolveHost} returns, as {@link HostAddresses} describes.
   *
   * @param policy the families, and which first
   * @return this builder
   */
  ResolverBuilder ipFamily(IpFamilyPolicy policy);

  /**
   * Whether query names get random letter case that answers must echo exactly (0x20, default off):
   * one more bit an off-path spoofer must guess per letter. Some old servers do not echo case;
   * against them lookups fail, which is why it is off by default.
   *
   * @param use whether to randomise
   * @return this builder
   */
  ResolverBuilder use0x20(boolean use);

  /**
   * How much of each name servers are sent (RFC 9156, default {@link QnameMinimisation#RELAXED}):
   * the root sees {@code com. A}, com. sees {@code example.com. A}, and only example.com's servers
   * see {@code www.example.com.} and the real type. Minimising costs extra queries only where a
   * name has several labels within one zone (at most 10 probes a lookup, RFC 9156 section 2.3); the
   * trace shows every probe.
   *
   * @param mode {@link QnameMinimisation#OFF}, {@code RELAXED} or {@code STRICT}
   * @return this builder
   */
  ResolverBuilder qnameMinimisation(QnameMinimisation mode);

  /**
   * How long what failed is left alone before it is tried again (RFC 9520): {@code min} at first,
   * doubling with each repeat failure up to {@code max}. Defaults 1 s and 5 min.
   *
   * @param min at least 1 s (RFC 9520), unless both are zero
   * @param max at least {@code min}; both zero disables failure caching
   * @return this builder
   */
  ResolverBuilder failureHold(Duration min, Duration max);

  /**
   * Serve expired answers for up to {@code window} past their TTL when fresh resolution fails (RFC
   * 8767), with a TTL of 30 s.
   *
   * @param window not negative; {@link Duration#ZERO}, the default, is off
   * @return this builder
   */
  ResolverBuilder serveStale(Duration window);

  /**
   * Whether a cached answer is refreshed in the background when a hit comes in its last tenth of
   * TTL (Unbound's {@code prefetch}; default off).
   *
   * @param prefetch whether to refresh
   * @return this builder
   */
  ResolverBuilder prefetch(boolean prefetch);

  /**
   * Entries per cache (RRsets, negative answers, delegations); default 100,000.
   *
   * @param entries at least 1
   * @return this builder
   */
  ResolverBuilder maxCacheEntries(long entries);

  /**
   * TTLs below this are raised to it (default 0), in every answer, the first, fresh one as much as
   * those from the cache (Unbound's {@code cache-min-ttl}).
   *
   * @param ttl not negative, at most {@link #maxTtl}
   * @return this builder
   */
  ResolverBuilder minTtl(Duration ttl);

  /**
   * TTLs above this are lowered to it (default 1 day), in every answer, the first, fresh one as
   * much as those from the cache (Unbound's {@code cache-max-ttl}); whole seconds count, and no TTL
   * goes above 2^31 - 1 seconds whatever this says (RFC 2181 section 8).
   *
   * @param ttl not negative
   * @return this builder
   */
  ResolverBuilder maxTtl(Duration ttl);

  /**
   * Negative answers are cached at most this long (default 1 hour).
   *
   * @param ttl not negative
   * @return this builder
   */
  ResolverBuilder maxNegativeTtl(Duration ttl);

  /**
   * The one time source for cache expiry, deadlines and RTTs (default the system ticker). Tests
   * pass a fake to move TTLs forward without sleeping.
   *
   * @param ticker nanoseconds, monotonic
   * @return this builder
   */
  ResolverBuilder ticker(Ticker ticker);

  /**
   * Where {@link Resolver#lookupAsync} futures of lookups that needed the network complete, and so
   * where a caller's dependent stages run. The default is the resolver's own pool of one thread per
   * core (at least two), named {@code rootwalk-callback-N}; it never starts a thread per lookup,
   * whatever the core count. The rule for callbacks: a lookup answered from the cache returns an
   * already completed future, so its dependents run at once on the calling thread; any other
   * completes on this executor, never on an I/O thread. Pass {@code Runnable::run} to complete on
   * the resolver's I/O thread instead, only for dependents that are short and never block.
   *
   * @param executor the executor; the caller owns and shuts it down
   * @return this builder
   */
  ResolverBuilder executor(Executor executor);

  /**
   * How many lookups may walk the hierarchy at once (default 1,024); lookups beyond it wait in the
   * admission queue, first come first served. A queued lookup's deadline counts from when it starts
   * walking, and the time it waited is never charged to a server. Cache hits and lookups that join
   * an identical one in flight take no slot.
   *
   * @param max at least 1
   * @return this builder
   */
  ResolverBuilder maxLookupsInFlight(int max);

  /**
   * How many lookups may wait for a slot (default 100,000). A lookup that finds the queue full
   * completes at once with SERVFAIL {@link FailureReason#OVERLOADED}, before any query.
   *
   * @param max at least 0 (0: no queue, refuse as soon as every slot is taken)
   * @return this builder
   */
  ResolverBuilder maxQueuedLookups(int max);

  /**
   * How many I/O threads (event loops) the resolver's own transport runs, each with its own
   * selector and sockets (default one per core). Ignored when a {@link #transport} is given.
   *
   * @param threads 1 to 256
   * @return this builder
   */
  ResolverBuilder ioThreads(int threads);

  /**
   * Lets one connected UDP socket carry up to {@code exchanges} exchanges with its server, for up
   * to {@code maxAge} from when it was opened, instead of one socket per exchange (the default, as
   * Unbound). It saves the socket's open, connect and close, about a fifth of a cold lookup's CPU,
   * and gives up part of RFC 5452's port entropy: a port an attacker has found stays in use for the
   * next exchanges with that server, with only the query ID left to guess. A socket is kept only
   * after an answer was accepted, carries one exchange at a time, and is drained before its next
   * query leaves. Ignored when a {@link #transport} is given.
   *
   * @param exchanges 1 to 1,000 (1: one socket per exchange)
   * @param maxAge positive; keep it near the query timeout
   * @return this builder
   */
  ResolverBuilder udpSocketReuse(int exchanges, Duration maxAge);

  /**
   * A listener for every lookup, for metrics or logging across all of them (default none). Called
   * on the resolver's threads under {@link ResolutionListener}'s contract.
   *
   * @param factory makes each lookup's listener
   * @return this builder
   */
  ResolverBuilder listenerFactory(ResolutionListener.Factory factory);

  /**
   * Replaces the network transport (default: Rootwalk's own NIO UDP/TCP transport).
   *
   * @param transport moves queries and responses; the caller closes it
   * @return this builder
   */
  ResolverBuilder transport(Transport transport);

  /**
   * A second-level cache shared with other resolvers, behind this one's own (default none), as
   * Unbound's {@code cachedb}: a lookup the own cache cannot answer reads the store first and walks
   * only for what it lacks; what a walk stores is written behind it. Everything read back is
   * checked as a response would be (owner, zone, rank, bounds, TTL clamped) and, when validating,
   * validated again; the store being slow or down costs at most {@link #secondLevelTimeout} and
   * never fails a lookup. {@code rootwalk-redis} provides one for Redis and Valkey.
   *
   * @param store the shared store; closed when this resolver is (not by resolvers derived from it)
   * @return this builder
   */
  ResolverBuilder secondLevelCache(SecondLevelCache store);

  /**
   * How long a lookup waits for the second-level cache before walking without it (default 100 ms,
   * Unbound's {@code redis-timeout}).
   *
   * @param timeout positive
   * @return this builder
   */
  ResolverBuilder secondLevelTimeout(Duration timeout);

  /**
   * Whether {@link #rootHints} was called (the CLI reports which hints it walks).
   *
   * @return true when the hints were set explicitly
   */
  boolean rootHintsSet();

  /**
   * Builds the resolver, which starts its transport's I/O thread.
   *
   * @return a resolver with these settings
   * @throws IllegalArgumentException if {@link #minTtl} is above {@link #maxTtl}
   * @throws IllegalStateException if validation was turned on for root hints other than IANA's
   *     without trust anchors
   */
  Resolver build();
}
