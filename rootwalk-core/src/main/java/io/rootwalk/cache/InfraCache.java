package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Name;

/**
 * What the resolver has learned about each upstream server address: a smoothed RTT (RFC 6298's
 * estimator, as Unbound keeps per host), whether it rejects EDNS, and for which zones it is lame.
 * Entries are forgotten after 15 minutes without news (Unbound's {@code infra-host-ttl}), so a
 * server that was down gets another chance.
 */
public final class InfraCache {

  /**
   * Per-address state, RTT figures in microseconds. EDNS is tried again once {@code
   * noEdnsUntilNanos} has passed: a server that was upgraded, or a forged FORMERR, must not cost
   * EDNS for good.
   *
   * @param srttMicros the smoothed RTT (RFC 6298's SRTT), negative when never measured
   * @param rttVarMicros the RTT variation (RFC 6298's RTTVAR)
   * @param consecutiveTimeouts timeouts in a row since the server last answered
   * @param noEdnsUntilNanos the ticker time until which queries go without EDNS (0: never rejected)
   */
  public record ServerState(
      long srttMicros, long rttVarMicros, int consecutiveTimeouts, long noEdnsUntilNanos) {
    static final ServerState UNKNOWN = new ServerState(-1, 0, 0, 0);

    /**
     * Whether an RTT was ever measured, or a timeout recorded, for the server.
     *
     * @return whether {@link #srttMicros()} holds an estimate
     */
    public boolean measured() {
      return srttMicros >= 0;
    }
  }

  record LameKey(InetAddress address, Name zone, FailureScope scope) {}

  record LameMark(String reason, long expiresAtNanos) implements Expiring {}

  /** How long a server stays marked lame for a zone (Unbound's {@code infra-lame-ttl}: 15 min). */
  static final Duration LAME_TTL = Duration.ofMinutes(15);

  /** SERVFAIL is often transient: remembered only briefly. */
  static final Duration SERVFAIL_TTL = Duration.ofSeconds(5);

  private final Cache<InetAddress, ServerState> servers;
  private final Cache<LameKey, LameMark> lame;
  private final Ticker ticker;

  InfraCache(long maxEntries, Ticker ticker, Executor executor) {
    this.ticker = ticker;
    this.servers =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(executor)
            .maximumSize(maxEntries)
            .expireAfterWrite(15, TimeUnit.MINUTES)
            .build();
    this.lame =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(executor)
            .maximumSize(maxEntries)
            .expireAfter(Expiring.<LameKey, LameMark>expiry())
            .build();
  }

  /** How long a server that rejected EDNS is asked without it before EDNS is probed again. */
  static final Duration NO_EDNS_TTL = Duration.ofMinutes(15);

  /**
   * Whether queries to {@code address} should go without EDNS for now (RFC 6891 section 7: a server
   * without EDNS answers FORMERR to a query that carries it).
   *
   * @param address the server about to be asked
   * @return whether it rejected EDNS less than {@link #NO_EDNS_TTL} ago
   */
  public boolean noEdns(InetAddress address) {
    return state(address).noEdnsUntilNanos() > ticker.read();
  }

  /**
   * What is known about {@code address}.
   *
   * @param address a server address
   * @return its state; never measured, with no timeouts, when nothing is known or it was forgotten
   */
  public ServerState state(InetAddress address) {
    ServerState s = servers.getIfPresent(address);
    return s == null ? ServerState.UNKNOWN : s;
  }

  /**
   * The shortest per-server timeout. Generous on purpose: a lost answer costs one retry on another
   * server, a premature timeout costs one for every slow-but-alive server (Unbound's floor is 50
   * ms; ours allows for a loaded two-core JVM).
   */
  static final Duration RTO_FLOOR = Duration.ofMillis(250);

  /**
   * How long to wait for {@code address}: its smoothed RTT plus four deviations (RFC 6298 section
   * 2, as Unbound computes its RTO), never below {@link #RTO_FLOOR} and never above {@code
   * queryTimeout}; a server never measured gets the full {@code queryTimeout}.
   *
   * @param address the server about to be asked
   * @param queryTimeout the configured longest wait for one exchange
   * @return the retransmit timeout, in nanoseconds
   */
  public long retransmitTimeoutNanos(InetAddress address, Duration queryTimeout) {
    long max = queryTimeout.toNanos();
    ServerState s = state(address);
    if (!s.measured()) {
      return max;
    }
    long rto = (s.srttMicros() + 4 * s.rttVarMicros()) * 1000;
    return Math.min(max, Math.max(RTO_FLOOR.toNanos(), rto));
  }

  /**
   * Folds one RTT sample into the estimate (RFC 6298 section 2: alpha 1/8, beta 1/4) and clears the
   * server's timeout count: it answered.
   *
   * @param address the server that answered
   * @param rtt the time from sending the query to receiving the response
   */
  public void recordRtt(InetAddress address, Duration rtt) {
    long sample = Math.max(1, rtt.toNanos() / 1000);
    update(
        address,
        old -> {
          if (!old.measured()) {
            return new ServerState(sample, sample / 2, 0, old.noEdnsUntilNanos());
          }
          long var = (3 * old.rttVarMicros() + Math.abs(old.srttMicros() - sample)) / 4;
          long srtt = (7 * old.srttMicros() + sample) / 8;
          return new ServerState(srtt, var, 0, old.noEdnsUntilNanos());
        });
  }

  /**
   * A timeout: back the server off by doubling its estimate (Unbound doubles the RTO), so the
   * others are preferred until it answers again.
   *
   * @param address the server that did not answer
   * @param timeout how long it was waited for: the backed-off estimate is at least this, and at
   *     most 120 seconds
   */
  public void recordTimeout(InetAddress address, Duration timeout) {
    long floor = timeout.toNanos() / 1000;
    update(
        address,
        old -> {
          long doubled = old.measured() ? old.srttMicros() * 2 : floor;
          long srtt = Math.min(120_000_000L, Math.max(floor, doubled));
          return new ServerState(
              srtt, old.rttVarMicros(), old.consecutiveTimeouts() + 1, old.noEdnsUntilNanos());
        });
  }

  /**
   * The server answered FORMERR/NOTIMP/BADVERS to EDNS: ask it without EDNS for {@link
   * #NO_EDNS_TTL}, then probe EDNS again.
   *
   * @param address the server that rejected EDNS
   */
  public void recordNoEdns(InetAddress address) {
    long until = ticker.read() + NO_EDNS_TTL.toNanos();
    update(
        address,
        old ->
            new ServerState(
                old.srttMicros(), old.rttVarMicros(), old.consecutiveTimeouts(), until));
  }

  /** Replaces what is known about {@code address} by {@code change} of it, atomically. */
  private void update(InetAddress address, UnaryOperator<ServerState> change) {
    servers
        .asMap()
        .compute(address, (a, old) -> change.apply(old == null ? ServerState.UNKNOWN : old));
  }

  /**
   * Marks the server lame at {@code zone} for {@code scope}: the whole zone when it does not serve
   * it, or one question when it failed only that one (an upward referral for one type, a SERVFAIL),
   * so the zone's other questions still go to it. Other servers are then preferred for {@link
   * #LAME_TTL} instead of being asked again and again (RFC 4697 asks resolvers to remember lame
   * servers); a SERVFAIL is often transient and is remembered only for {@link #SERVFAIL_TTL}.
   *
   * @param address the server
   * @param zone the zone it was asked as
   * @param scope the zone itself, or the one question it failed
   * @param reason why, as the trace says it
   * @param transientFailure whether it is likely to pass soon (SERVFAIL)
   */
  public void recordLame(
      InetAddress address, Name zone, FailureScope scope, String reason, boolean transientFailure) {
    Duration ttl = transientFailure ? SERVFAIL_TTL : LAME_TTL;
    lame.put(
        new LameKey(address, zone, scope), new LameMark(reason, ticker.read() + ttl.toNanos()));
  }

  /**
   * Why the server is currently considered lame for a question at {@code zone}: lame for the whole
   * zone, or for exactly this question.
   *
   * @param address the server
   * @param zone the zone it would be asked as
   * @param name the name to be asked
   * @param type the type to be asked
   * @return the reason, or empty when it is not known to be lame
   */
  public Optional<String> lameReason(InetAddress address, Name zone, Name name, int type) {
    Optional<String> zoneWide = mark(new LameKey(address, zone, new FailureScope.Zone(zone)));
    return zoneWide.isPresent()
        ? zoneWide
        : mark(new LameKey(address, zone, new FailureScope.OneQuestion(name, type)));
  }

  private Optional<String> mark(LameKey key) {
    LameMark m = lame.getIfPresent(key);
    if (m == null || m.expiresAtNanos() <= ticker.read()) {
      return Optional.empty();
    }
    return Optional.of(m.reason());
  }

  /** Forgets everything learned about every server: RTTs, EDNS support and lameness. */
  public void flushAll() {
    servers.invalidateAll();
    lame.invalidateAll();
  }
}
