package io.rootwalk.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * UDP response rate limiting per client prefix, against reflection: with a forged source, a
 * recursive server turns small queries into larger answers aimed at the victim, and a flood from
 * one network can crowd out everyone else. Each prefix (a /24 for IPv4, a /56 for IPv6: BIND's
 * default {@code ipv4-prefix-length} and {@code ipv6-prefix-length}) has a token bucket refilled at
 * {@code rate} per second and holding one second's worth. A datagram that finds the bucket empty is
 * limited: every {@code slip}th limited one is answered with an empty TC=1 reply, so that a real
 * client behind a forged flood retries over TCP, where it is answered (BIND's and Knot Resolver's
 * {@code slip}); the others are dropped.
 *
 * <p>Datagrams are counted before the cache and before any parse, as Unbound's {@code ip-ratelimit}
 * counts queries: a limited flood costs a map lookup, not a parse or a resolution. Junk counts as
 * well, and is never answered, slipped or not.
 *
 * <p>Memory is bounded: at most {@code maxPrefixes} buckets (Caffeine's size-bounded cache, which
 * keeps the frequent sources, so a flood of one-off forged prefixes cannot push a heavy one out for
 * long), and a bucket not touched for a few seconds is dropped, as a full bucket and a missing one
 * behave the same. A forged flood spread over more prefixes than that is not stopped here (as with
 * any per-prefix limiter); each prefix then gets at most {@code rate} answers a second.
 *
 * <p>Time comes from the injected {@link Ticker}, so tests advance a fake clock instead of
 * sleeping. Thread-safe: the receive threads share one limiter; each bucket has its own lock.
 */
final class ResponseRateLimiter {

  /** What to do with one datagram. */
  enum Verdict {
    /** Within the rate: handle it as usual. */
    PASS,
    /** Limited: send the empty TC=1 reply of {@link #slipReply}, if the datagram is a query. */
    SLIP,
    /** Limited: no reply at all. */
    DROP
  }

  /** Never limits: rate limiting is off by default. */
  static final ResponseRateLimiter OFF = new ResponseRateLimiter();

  /**
   * Prefixes tracked at most: about 10 MB of buckets at worst. Knot Resolver sizes its table as 1.4
   * x (the server's qps / rate): a few thousand limited prefixes at any rate worth setting.
   */
  static final int MAX_PREFIXES = 100_000;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Buckets idle this long are full again, so they may go (and free their memory). */
  private static final Duration IDLE = Duration.ofSeconds(5);

  private final @Nullable Cache<Long, Bucket> buckets;
  private final Ticker ticker;

  /** Nanoseconds of credit one datagram costs, and how much credit a bucket holds. */
  private final long cost;

  private final long capacity;
  private final int slip;

  private ResponseRateLimiter() {
    this.buckets = null;
    this.ticker = Ticker.disabledTicker();
    this.cost = 0;
    this.capacity = 0;
    this.slip = 0;
  }

  /**
   * @param rate datagrams per second per prefix, at least 1
   * @param slip every slip-th limited datagram gets a TC=1 reply; 0 drops them all
   * @param maxPrefixes prefixes tracked at most
   * @param ticker the clock, in nanoseconds
   */
  ResponseRateLimiter(int rate, int slip, int maxPrefixes, Ticker ticker) {
    if (rate < 1) {
      throw new IllegalArgumentException("rate must be >= 1 but was " + rate);
    }
    if (slip < 0) {
      throw new IllegalArgumentException("slip must be >= 0 but was " + slip);
    }
    if (maxPrefixes < 1) {
      throw new IllegalArgumentException("maxPrefixes must be >= 1 but was " + maxPrefixes);
    }
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.cost = NANOS_PER_SECOND / rate;
    this.capacity = cost * rate; // one second's worth: a burst of `rate` passes
    this.slip = slip;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxPrefixes)
            .expireAfterAccess(IDLE)
            .ticker(ticker)
            .build();
  }

  /** The limiter {@code limits} ask for: {@link #OFF} unless a rate is set. */
  static ResponseRateLimiter of(ClientLimits limits, Ticker ticker) {
    return limits.rateLimited()
        ? new ResponseRateLimiter(limits.rateLimit(), limits.rateLimitSlip(), MAX_PREFIXES, ticker)
        : OFF;
  }

  /** Whether this limiter ever limits. */
  boolean enabled() {
    return buckets != null;
  }

  /** Counts one datagram from {@code client} and says what to do with it. */
  Verdict check(InetAddress client) {
    Cache<Long, Bucket> table = buckets;
    if (table == null) {
      return Verdict.PASS;
    }
    long now = ticker.read();
    Bucket bucket = table.get(prefix(client), p -> new Bucket(now, capacity));
    return bucket.take(now, cost, capacity, slip);
  }

  /** Prefixes tracked now (after Caffeine's pending maintenance, for tests). */
  long trackedPrefixes() {
    Cache<Long, Bucket> table = buckets;
    if (table == null) {
      return 0;
    }
    table.cleanUp();
    return table.estimatedSize();
  }

  /**
   * The prefix {@code address} is limited under, as one number: the /24 of an IPv4 address in the
   * low 24 bits, the /56 of an IPv6 address in the low 56 bits with bit 56 set (so the two families
   * never share a bucket).
   */
  static long prefix(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ((b[0] & 0xffL) << 16) | ((b[1] & 0xffL) << 8) | (b[2] & 0xffL);
    }
    long high = 0;
    for (int i = 0; i < 7; i++) {
      high = (high << 8) | (b[i] & 0xffL);
    }
    return high | (1L << 56);
  }

  /**
   * The empty TC=1 reply to the query in the first {@code length} bytes of {@code packet}: its ID,
   * RD and CD, QR, TC and RA set, and its question echoed as sent; nothing else (no OPT: the client
   * is about to retry over TCP anyway). Null when the datagram is not a plain query: junk is never
   * answered.
   */
  static byte @Nullable [] slipReply(byte[] packet, int length) {
    WireQuery query = WireQuery.read(packet, length);
    if (query == null) {
      return null;
    }
    int questionEnd = WireQuery.HEADER + query.nameLength() + 4;
    byte[] reply = new byte[questionEnd];
    System.arraycopy(packet, 0, reply, 0, questionEnd);
    reply[2] = (byte) (0x80 | 0x02 | (packet[2] & 0x01)); // QR, opcode QUERY, TC, RD as asked
    reply[3] = (byte) (0x80 | (packet[3] & 0x10)); // RA, CD as asked, rcode NOERROR
    reply[6] = 0; // ANCOUNT, NSCOUNT, ARCOUNT: empty
    reply[7] = 0;
    reply[8] = 0;
    reply[9] = 0;
    reply[10] = 0;
    reply[11] = 0;
    return reply;
  }

  /**
   * One prefix's credit, in nanoseconds of the clock, and how many of its datagrams were limited.
   */
  private static final class Bucket {
    private long credit;
    private long updated;
    private long limited;

    Bucket(long now, long capacity) {
      this.credit = capacity;
      this.updated = now;
    }

    synchronized Verdict take(long now, long cost, long capacity, int slip) {
      long elapsed = now - updated;
      if (elapsed > 0) {
        credit = elapsed >= capacity ? capacity : Math.min(capacity, credit + elapsed);
        updated = now;
      }
      if (credit >= cost) {
        credit -= cost;
        return Verdict.PASS;
      }
      limited++;
      return slip > 0 && limited % slip == 0 ? Verdict.SLIP : Verdict.DROP;
    }
  }
}
