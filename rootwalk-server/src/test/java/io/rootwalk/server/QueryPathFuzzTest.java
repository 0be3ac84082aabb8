package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The server's query path without sockets, fast enough for a million inputs: each packet goes
 * through {@link QueryHandler} as {@link UdpListener} feeds it (the reply cache's wire read on the
 * receive buffer first, then the full parse and handling), in front of a resolver walking the demo
 * world, and what comes back is checked by {@link ReplyRules}. Queries with RD=1 really resolve, so
 * the resolver's answers, failures and the reply cache are on the path too.
 *
 * <p>{@code mvn verify} runs a slice of a few seconds; the long run is a command (see
 * rootwalk-benchmarks/README.md, "Fuzzing"): {@code -Drootwalk.fuzz.tries=1000000}.
 */
@AddLifecycleHook(FuzzTries.class)
class QueryPathFuzzTest {

  /** Resolutions end by the resolver's deadline; the rest is room for a loaded CI machine. */
  private static final Duration DEADLINE = Duration.ofSeconds(1);

  private static final Duration MARGIN = Duration.ofSeconds(4);

  private static DnsLab lab;
  private static Resolver resolver;
  private static QueryHandler handler;

  /** A loopback client: the allow list's default serves it, as the listener would. */
  private static final java.net.InetSocketAddress CLIENT =
      new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 5353);

  @BeforeContainer
  static void startLabAndHandler() {
    lab = DnsLab.start(DemoWorld.world());
    resolver =
        LabSetup.resolverFor(lab).queryTimeout(Duration.ofMillis(200)).deadline(DEADLINE).build();
    handler =
        new QueryHandler(
            resolver,
            new LookupAdmission(
                ServerLimits.DEFAULT.maxPendingLookups(),
                ClientLimits.DEFAULT.maxLookupsPerClient()),
            new ReplyCache(
                ServeOptions.REPLY_CACHE_ENTRIES,
                ServeOptions.REPLY_MAX_AGE,
                Ticker.systemTicker()),
            AllowList.loopback());
  }

  @AfterContainer
  static void stop() {
    resolver.close();
    lab.close();
  }

  @Property(tries = 20_000)
  void anyBytesGetAWellFormedReplyOrNoneAtAll(@ForAll("anyBytes") byte[] packet) throws Exception {
    ReplyRules.check(packet, reply(packet));
  }

  @Property(tries = 20_000)
  void aHeaderFollowedByGarbageGetsAWellFormedReplyOrNone(
      @ForAll("headerThenGarbage") byte[] packet) throws Exception {
    ReplyRules.check(packet, reply(packet));
  }

  // Its own mix already favours the edge values; jqwik's combined edge cases would outnumber tries.
  @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
  void mutatedQueriesGetAWellFormedReplyWithTheirIdWithinTheirSize(
      @ForAll("mutatedQueries") byte[] packet) throws Exception {
    ReplyRules.check(packet, reply(packet));
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return HostileQueries.anyBytes();
  }

  @Provide
  Arbitrary<byte[]> headerThenGarbage() {
    return HostileQueries.headerThenGarbage();
  }

  @Provide
  Arbitrary<byte[]> mutatedQueries() {
    return HostileQueries.mutatedQueries();
  }

  /**
   * What {@link UdpListener} would send for {@code packet}: the cached reply when the fast path has
   * one (read from a receive buffer longer than the datagram, with stale bytes after it, as the
   * listener's is), else the full path's reply rendered for UDP; empty when nothing is sent.
   */
  private static Optional<byte[]> reply(byte[] packet) throws Exception {
    byte[] buffer = Arrays.copyOf(packet, packet.length + 64);
    Arrays.fill(buffer, packet.length, buffer.length, (byte) 0xC0);
    byte[] fast = handler.fastUdpReply(CLIENT, buffer, packet.length);
    if (fast != null) {
      return fast.length == 0 ? Optional.empty() : Optional.of(fast); // empty: dropped
    }
    Optional<Reply> reply;
    try {
      reply =
          handler
              .handle(packet.clone())
              .get(DEADLINE.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no reply within the resolver's deadline to " + HostileQueries.hex(packet), e);
    }
    assertThat(reply).isNotNull();
    return reply.map(Reply::udpWire);
  }
}
