package io.rootwalk.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RecursiveServer} runs, beyond its limits:
 *
 * @param limits what clients may hold of the server
 * @param udpListeners UDP receive threads, each with a socket of its own bound to the same address
 *     where the system has {@code SO_REUSEPORT} (the kernel spreads clients over them), else all
 *     sharing one socket. The default is one per available processor
 * @param replyCacheEntries how many rendered replies the {@link ReplyCache} holds; 0 turns it off
 * @param replyMaxAge how long a rendered reply is replayed at most, whatever its TTLs: the bound on
 *     how late clients see a flush or refresh of the resolver's cache
 * @param ticker the reply cache's clock (nanoseconds). Give it the resolver's ticker, so that time
 *     moves for both together in tests
 */
record ServeOptions(
    ServerLimits limits,
    int udpListeners,
    int replyCacheEntries,
    Duration replyMaxAge,
    Ticker ticker) {

  /** 20,000 replies of at most 1,232 bytes: about 25 MB at worst, a few MB in practice. */
  static final int REPLY_CACHE_ENTRIES = 20_000;

  static final Duration REPLY_MAX_AGE = Duration.ofSeconds(1);

  ServeOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(replyMaxAge, "replyMaxAge");
    Objects.requireNonNull(ticker, "ticker");
    if (udpListeners < 1) {
      throw new IllegalArgumentException("udpListeners must be >= 1 but was " + udpListeners);
    }
    if (replyCacheEntries < 0) {
      throw new IllegalArgumentException(
          "replyCacheEntries must be >= 0 but was " + replyCacheEntries);
    }
    if (replyMaxAge.isNegative() || replyMaxAge.isZero()) {
      throw new IllegalArgumentException("replyMaxAge must be positive but was " + replyMaxAge);
    }
  }

  /** The defaults with {@code limits}. */
  static ServeOptions of(ServerLimits limits) {
    return new ServeOptions(
        limits,
        Runtime.getRuntime().availableProcessors(),
        REPLY_CACHE_ENTRIES,
        REPLY_MAX_AGE,
        Ticker.systemTicker());
  }

  ServeOptions withUdpListeners(int value) {
    return new ServeOptions(limits, value, replyCacheEntries, replyMaxAge, ticker);
  }

  ServeOptions withReplyCache(int entries, Duration maxAge) {
    return new ServeOptions(limits, udpListeners, entries, maxAge, ticker);
  }

  ServeOptions withTicker(Ticker value) {
    return new ServeOptions(limits, udpListeners, replyCacheEntries, replyMaxAge, value);
  }
}
