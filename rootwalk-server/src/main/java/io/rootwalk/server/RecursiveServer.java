package io.rootwalk.server;

import io.rootwalk.Resolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * A recursive DNS server for stub clients, on UDP and TCP at one address and port, answering from a
 * {@link Resolver}: RD=1 queries are resolved (asynchronously: no thread per query), RD=0 queries
 * are answered from the cache only.
 *
 * <pre>{@code
 * try (Resolver resolver = Resolver.builder().build();
 *     RecursiveServer server = RecursiveServer.start(resolver, new InetSocketAddress("127.0.0.1", 0))) {
 *   System.out.println("listening on " + RecursiveServer.format(server.address()));
 * }
 * }</pre>
 *
 * <p>The server does not own the resolver: close the server first, then the resolver.
 *
 * <p>Only the clients of an {@link AllowList} are served, by default loopback ones; any other gets
 * REFUSED (with extended error 18, Prohibited, if it sent EDNS), so that a server bound to a public
 * address is not an open resolver (RFC 5358).
 *
 * <p>Hostile or broken clients are bounded (see {@link ServerLimits} for the numbers): at most 256
 * TCP connections, each idle for at most 30 s (2 s while more than half the slots are taken), with
 * at most 32 pipelined queries, 64 KiB of replies waiting and 10 s to read each reply; at most
 * 10,000 lookups in flight for all clients, beyond which queries get a cached answer or an
 * immediate SERVFAIL. Junk is answered or dropped by its header alone, before any parse.
 *
 * <p>No one client may take all of that ({@link ClientLimits}): by default one address holds at
 * most 32 of the TCP connections and 1,000 of the lookups in flight, and when a shared table is
 * full the heaviest client gives way to a lighter one. UDP response rate limiting per /24 or /56
 * prefix, with slip, is there to turn on ({@link ClientLimits#withRateLimit}).
 *
 * <p>UDP is received by one thread per available processor, each on a socket of its own bound to
 * the same address with {@code SO_REUSEPORT} where the system has it (Linux spreads clients over
 * the sockets by their address and port), else all on one socket. A repeated question is answered
 * from a {@link ReplyCache} of rendered replies, replayed for at most a second. A reply to a lookup
 * that needed the network is rendered and sent on the resolver's I/O thread that finished the
 * lookup (the server asks it of a resolver derived from the one given, with {@link
 * Resolver#newBuilder()}), so the executor the given resolver was built with is not used.
 */
public final class RecursiveServer implements AutoCloseable {

  /** How often to pick a new ephemeral port when TCP finds the one UDP got already taken. */
  private static final int BIND_ATTEMPTS = 20;

  /**
   * The UDP receive buffer asked of the kernel. With the default (about 200 KB on Linux) and one
   * receive thread, a burst of a few thousand datagrams overflows it and the kernel drops most of
   * them, the real queries among them; 4 MB held such a burst. The kernel caps it at {@code
   * net.core.rmem_max}, which {@link #udpReceiveBufferBytes()} shows.
   */
  static final int UDP_RECEIVE_BUFFER = 4 << 20;

  /** I/O threads for TCP callbacks; resolution runs elsewhere, so two are plenty. */
  private static final int TCP_THREADS = 2;

  private final InetSocketAddress address;
  private final List<UdpListener> udp;
  private final TcpListener tcp;
  private final QueryHandler handler;
  private final Resolver answering;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RecursiveServer(
      InetSocketAddress address,
      List<UdpListener> udp,
      TcpListener tcp,
      QueryHandler handler,
      Resolver answering) {
    this.address = address;
    this.udp = udp;
    this.tcp = tcp;
    this.handler = handler;
    this.answering = answering;
  }

  /** TCP connections open now (for tests). */
  int openTcpConnections() {
    return tcp.openConnections();
  }

  /** TCP reply bytes waiting for their clients to read them, and the most one connection held. */
  ReplyBacklog tcpReplyBacklog() {
    return tcp.backlog();
  }

  /** Client lookups in flight now (for tests). */
  int pendingLookups() {
    return handler.lookups().inFlight();
  }

  /**
   * Waits until {@code condition} holds for the number of open TCP connections, woken by each
   * change (for tests: no polling).
   */
  boolean awaitTcpConnections(IntPredicate condition, Duration timeout)
      throws InterruptedException {
    return tcp.awaitOpenConnections(condition, timeout);
  }

  /** As {@link #awaitTcpConnections} for client lookups in flight. */
  boolean awaitPendingLookups(IntPredicate condition, Duration timeout)
      throws InterruptedException {
    return handler.lookups().awaitInFlight(condition, timeout);
  }

  /** The reply cache (for tests). */
  ReplyCache replyCache() {
    return handler.replyCache();
  }

  /** UDP receive threads (for tests). */
  int udpListeners() {
    return udp.size();
  }

  /** Distinct UDP sockets: as many as listeners with {@code SO_REUSEPORT}, else one (for tests). */
  int udpSockets() {
    return (int) udp.stream().map(UdpListener::channel).distinct().count();
  }

  /**
   * Binds UDP and TCP on {@code listen} and starts serving loopback clients only ({@link
   * AllowList#loopback()}). Port 0 picks a free port, the same for both: UDP binds first, TCP takes
   * the port UDP got, and if another process holds that TCP port both are retried on a fresh one.
   *
   * @param resolver answers the queries; the server does not close it
   * @param listen the address and port to bind
   * @return the running server
   * @throws UncheckedIOException if the sockets cannot be bound, with the message {@code cannot
   *     listen on ADDRESS: REASON}
   */
  public static RecursiveServer start(Resolver resolver, InetSocketAddress listen) {
    return start(resolver, listen, AllowList.loopback());
  }

  /**
   * As {@link #start(Resolver, InetSocketAddress)}, serving the clients of {@code allowList}.
   *
   * @param resolver answers the queries; the server does not close it
   * @param listen the address and port to bind
   * @param allowList the clients to serve; any other is refused
   * @return the running server
   * @throws UncheckedIOException if the sockets cannot be bound, with the message {@code cannot
   *     listen on ADDRESS: REASON}
   */
  public static RecursiveServer start(
      Resolver resolver, InetSocketAddress listen, AllowList allowList) {
    return start(resolver, listen, ServeOptions.of(ServerLimits.DEFAULT), allowList);
  }

  /**
   * As {@link #start(Resolver, InetSocketAddress)}, with what one client may take of the server
   * (its share of TCP connections and lookups in flight, and UDP response rate limiting).
   *
   * @throws UncheckedIOException if the sockets cannot be bound
   */
  public static RecursiveServer start(
      Resolver resolver, InetSocketAddress listen, ClientLimits clientLimits) {
    return start(resolver, listen, ServeOptions.of(ServerLimits.DEFAULT), clientLimits);
  }

  /**
   * As {@link #start(Resolver, InetSocketAddress)}, serving the clients of {@code allowList} with
   * what each of them may take of the server.
   *
   * @param resolver answers the queries; the server does not close it
   * @param listen the address and port to bind
   * @param allowList the clients to serve; any other is refused
   * @param clientLimits one client's share of TCP connections and lookups, and UDP rate limiting
   * @return the running server
   * @throws UncheckedIOException if the sockets cannot be bound
   */
  public static RecursiveServer start(
      Resolver resolver, InetSocketAddress listen, AllowList allowList, ClientLimits clientLimits) {
    return start(resolver, listen, ServeOptions.of(ServerLimits.DEFAULT), allowList, clientLimits);
  }

  /** As {@link #start(Resolver, InetSocketAddress)} with other limits (tests make them small). */
  static RecursiveServer start(Resolver resolver, InetSocketAddress listen, ServerLimits limits) {
    return start(resolver, listen, ServeOptions.of(limits));
  }

  /** As {@link #start(Resolver, InetSocketAddress)} with other options. */
  static RecursiveServer start(Resolver resolver, InetSocketAddress listen, ServeOptions options) {
    return start(resolver, listen, options, AllowList.loopback(), ClientLimits.DEFAULT);
  }

  /** As {@link #start(Resolver, InetSocketAddress, AllowList)} with other options. */
  static RecursiveServer start(
      Resolver resolver, InetSocketAddress listen, ServeOptions options, AllowList allowList) {
    return start(resolver, listen, options, allowList, ClientLimits.DEFAULT);
  }

  /**
   * As {@link #start(Resolver, InetSocketAddress)} with other options and client limits; the rate
   * limiter runs on the options' ticker.
   */
  static RecursiveServer start(
      Resolver resolver,
      InetSocketAddress listen,
      ServeOptions options,
      ClientLimits clientLimits) {
    return start(resolver, listen, options, AllowList.loopback(), clientLimits);
  }

  /** Everything given: the options (tests make them small), who is served, and their shares. */
  static RecursiveServer start(
      Resolver resolver,
      InetSocketAddress listen,
      ServeOptions options,
      AllowList allowList,
      ClientLimits clientLimits) {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(allowList, "allowList");
    Objects.requireNonNull(clientLimits, "clientLimits");
    // The caller's resolver, sharing its cache and transport, but completing lookups where they
    // finish, on its I/O thread: what follows there (render the reply, hand it to the socket) is
    // short and never waits, and the hop to a callback pool it replaces cost a thread wake-up and
    // a context switch per query, about 15 % of a cold query's CPU on one core.
    Resolver answering = resolver.newBuilder().executor(Runnable::run).build();
    try {
      return startAnswering(answering, listen, options, allowList, clientLimits);
    } catch (RuntimeException e) {
      answering.close();
      throw e;
    }
  }

  private static RecursiveServer startAnswering(
      Resolver resolver,
      InetSocketAddress listen,
      ServeOptions options,
      AllowList allowList,
      ClientLimits clientLimits) {
    ReplyCache replyCache =
        new ReplyCache(options.replyCacheEntries(), options.replyMaxAge(), options.ticker());
    LookupAdmission lookups =
        new LookupAdmission(
            options.limits().maxPendingLookups(), clientLimits.maxLookupsPerClient());
    QueryHandler handler = new QueryHandler(resolver, lookups, replyCache, allowList);
    ResponseRateLimiter rateLimiter = ResponseRateLimiter.of(clientLimits, options.ticker());
    int attempts = listen.getPort() == 0 ? BIND_ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      List<DatagramChannel> sockets = new ArrayList<>();
      try {
        DatagramChannel first = openUdp(listen, options.udpListeners() > 1);
        sockets.add(first);
        // Port 0: the first socket gets the port, the others join it there.
        InetSocketAddress bound = (InetSocketAddress) first.getLocalAddress();
        boolean reusePort = first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        for (int i = 1; reusePort && i < options.udpListeners(); i++) {
          sockets.add(openUdp(bound, true));
        }
        TcpListener tcp = bindTcp(bound, handler, options.limits(), clientLimits);
        List<UdpListener> udp = new ArrayList<>();
        for (int i = 0; i < options.udpListeners(); i++) {
          udp.add(new UdpListener(sockets.get(i % sockets.size()), handler, rateLimiter, i));
        }
        udp.forEach(UdpListener::start);
        tcp.start();
        return new RecursiveServer(bound, List.copyOf(udp), tcp, handler, resolver);
      } catch (IOException e) {
        sockets.forEach(RecursiveServer::closeQuietly);
        // A taken port is retried on a fresh one, while the port is ours to pick (port 0).
        if (!(e instanceof BindException) || attempt >= attempts) {
          throw new UncheckedIOException(
              "cannot listen on " + format(listen) + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * A UDP socket bound to {@code address}; with {@code SO_REUSEPORT} where asked and supported, so
   * that sockets of the same process share the port (Linux lets only the same user join, so another
   * user's process cannot take part of the traffic).
   */
  private static DatagramChannel openUdp(InetSocketAddress address, boolean reusePort)
      throws IOException {
    DatagramChannel channel =
        DatagramChannel.open(
            address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, UDP_RECEIVE_BUFFER);
      if (reusePort && channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      channel.bind(address);
      return channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static TcpListener bindTcp(
      InetSocketAddress address,
      QueryHandler handler,
      ServerLimits limits,
      ClientLimits clientLimits)
      throws IOException {
    AsynchronousChannelGroup group =
        AsynchronousChannelGroup.withFixedThreadPool(
            TCP_THREADS,
            r -> {
              Thread t = new Thread(r, "rootwalk-tcp-" + address.getPort());
              t.setDaemon(true);
              return t;
            });
    try {
      AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group);
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, 128);
      return new TcpListener(server, group, handler, limits, clientLimits);
    } catch (IOException | RuntimeException e) {
      group.shutdownNow();
      throw e;
    }
  }

  /**
   * What the kernel granted of {@link #UDP_RECEIVE_BUFFER}.
   *
   * @return the UDP socket's receive buffer in bytes
   * @throws UncheckedIOException if the socket is closed
   */
  int udpReceiveBufferBytes() {
    return udp.get(0).receiveBufferBytes();
  }

  /** The address and port actually bound (the chosen port when started with port 0). */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * Stops listening on both sockets and closes open TCP connections; when it returns, the port is
   * free to bind again. Lookups in flight are stopped and get no reply; the resolver given to
   * {@code start} stays open. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      udp.forEach(UdpListener::close);
      tcp.close();
      answering.close(); // only the server's view: the caller's resolver and transport stay open
    }
  }

  /** {@code 127.0.0.1:5300}, {@code [::1]:5300}: the form {@code --listen} takes and prints. */
  public static String format(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    int zone = host.indexOf('%');
    if (zone >= 0) {
      host = host.substring(0, zone);
    }
    return (address.getAddress() instanceof Inet6Address ? "[" + compress(host) + "]" : host)
        + ":"
        + address.getPort();
  }

  /**
   * {@code 0:0:0:0:0:0:0:1} to {@code ::1} (RFC 5952): the longest run of zero groups becomes
   * {@code ::}.
   */
  static String compress(String ipv6) {
    String[] groups = ipv6.split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    if (bestStart < 0) {
      return ipv6;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(
            ":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  private static void closeQuietly(DatagramChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already failing: the bind error is the one to report
    }
  }
}
