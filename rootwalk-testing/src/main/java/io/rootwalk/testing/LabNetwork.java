package io.rootwalk.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sockets of one lab and the single selector thread that serves them all: one UDP and one TCP
 * socket per server address, all on one shared port. Delayed replies wait on a separate scheduler
 * thread and are handed back to the selector thread, which is the only thread that touches sockets.
 */
final class LabNetwork implements AutoCloseable {

  /** TCP connections with no traffic for this long are closed, as servers do (RFC 7766 6.2.3). */
  static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(5);

  private static final int BIND_ATTEMPTS = 20;
  private static final int MAX_DATAGRAMS_PER_WAKEUP = 256;
  private static final long SELECT_MILLIS = 250;

  private final int port;
  private final List<DatagramChannel> udp;
  private final List<ServerSocketChannel> tcp;
  private final Selector selector;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Set<TcpConnection> connections = new HashSet<>();
  private final ByteBuffer datagram = ByteBuffer.allocate(65535);
  private final ScheduledThreadPoolExecutor scheduler;
  private final Thread loop;
  private volatile boolean running = true;

  private LabNetwork(int port, List<DatagramChannel> udp, List<ServerSocketChannel> tcp)
      throws IOException {
    this.port = port;
    this.udp = udp;
    this.tcp = tcp;
    this.selector = Selector.open();
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "dnslab-delay-" + port));
    this.scheduler.setRemoveOnCancelPolicy(true);
    this.loop = daemon(this::run, "dnslab-io-" + port);
  }

  /**
   * Binds UDP and TCP on every address, all on one port that is free on all of them: the first TCP
   * socket takes an ephemeral port and the rest follow; if any bind fails, everything is closed and
   * another port is tried.
   */
  static LabNetwork bind(List<InetAddress> addresses) throws IOException {
    return bind(addresses, 0);
  }

  /**
   * Binds every address on {@code fixedPort}, or on one free port when it is 0. A fixed port (53)
   * is for tools that cannot be told another, such as Zonemaster in the check comparison.
   */
  static LabNetwork bind(List<InetAddress> addresses, int fixedPort) throws IOException {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a lab needs at least one server");
    }
    BindException last = null;
    int attempts = fixedPort == 0 ? BIND_ATTEMPTS : 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      List<DatagramChannel> udp = new ArrayList<>();
      List<ServerSocketChannel> tcp = new ArrayList<>();
      try {
        int port = fixedPort;
        for (InetAddress address : addresses) {
          ServerSocketChannel server = ServerSocketChannel.open();
          tcp.add(server);
          server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          server.bind(new InetSocketAddress(address, port), 256);
          port = ((InetSocketAddress) server.getLocalAddress()).getPort();
          DatagramChannel channel = DatagramChannel.open();
          udp.add(channel);
          channel.bind(new InetSocketAddress(address, port));
        }
        return new LabNetwork(port, udp, tcp);
      } catch (BindException e) {
        last = e;
        closeAll(udp);
        closeAll(tcp);
      } catch (IOException | RuntimeException e) {
        closeAll(udp);
        closeAll(tcp);
        throw e;
      }
    }
    throw new IOException("no port was free on all " + addresses.size() + " lab addresses", last);
  }

  int port() {
    return port;
  }

  /** Attaches each socket to the handler owning its address and starts the selector thread. */
  void start(Map<InetAddress, ? extends QueryHandler> servers) throws IOException {
    for (DatagramChannel channel : udp) {
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ, servers.get(localAddress(channel)));
    }
    for (ServerSocketChannel channel : tcp) {
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_ACCEPT, servers.get(localAddress(channel)));
    }
    loop.start();
  }

  /** Stops the thread and closes every socket; returns once the port is released. */
  @Override
  public void close() {
    running = false;
    scheduler.shutdownNow();
    if (loop.isAlive()) {
      selector.wakeup();
      try {
        loop.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      closeEverything();
    }
  }

  private void run() {
    try {
      while (running) {
        selector.select(SELECT_MILLIS);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        Set<SelectionKey> ready = selector.selectedKeys();
        for (SelectionKey key : ready) {
          handle(key);
        }
        ready.clear();
        closeIdleConnections();
      }
    } catch (IOException | RuntimeException e) {
      running = false;
    } finally {
      closeEverything();
    }
  }

  private void handle(SelectionKey key) {
    try {
      if (!key.isValid()) {
        return;
      }
      if (key.channel() instanceof DatagramChannel channel) {
        readDatagrams(channel, (QueryHandler) key.attachment());
      } else if (key.channel() instanceof ServerSocketChannel channel) {
        accept(channel, (QueryHandler) key.attachment());
      } else if (key.attachment() instanceof TcpConnection connection) {
        if (key.isReadable()) {
          connection.read(
              query -> dispatch(connection.server(), query, Wire.TCP, connection::send));
        }
        if (key.isValid() && key.isWritable()) {
          connection.flush();
        }
        if (connection.isClosed()) {
          connections.remove(connection);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (key.attachment() instanceof TcpConnection connection) {
        connection.close();
        connections.remove(connection);
      }
    }
  }

  private void readDatagrams(DatagramChannel channel, QueryHandler server) throws IOException {
    for (int i = 0; i < MAX_DATAGRAMS_PER_WAKEUP; i++) {
      datagram.clear();
      SocketAddress client = channel.receive(datagram);
      if (client == null) {
        return;
      }
      datagram.flip();
      byte[] query = new byte[datagram.remaining()];
      datagram.get(query);
      dispatch(server, query, Wire.UDP, response -> sendDatagram(channel, response, client));
    }
  }

  private static void sendDatagram(DatagramChannel channel, byte[] response, SocketAddress client) {
    try {
      channel.send(ByteBuffer.wrap(response), client);
    } catch (IOException e) {
      // UDP is best effort; the client will time out as it would on a real network.
    }
  }

  private void accept(ServerSocketChannel listener, QueryHandler server) throws IOException {
    SocketChannel channel;
    while ((channel = listener.accept()) != null) {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      TcpConnection connection = new TcpConnection(channel, key, server);
      key.attach(connection);
      connections.add(connection);
    }
  }

  /** Computes the reply on this thread; sends now, or later from the scheduler via this thread. */
  private void dispatch(QueryHandler server, byte[] query, Wire wire, Consumer<byte[]> sender) {
    Reply reply;
    try {
      reply = server.handle(query, wire);
    } catch (RuntimeException e) {
      return; // e.g. a Fault.mutate function that threw: behave like a crashed server, no answer
    }
    if (reply.messages().isEmpty()) {
      return;
    }
    if (reply.delay().isZero()) {
      reply.messages().forEach(sender);
      return;
    }
    try {
      scheduler.schedule(
          () -> execute(() -> reply.messages().forEach(sender)),
          reply.delay().toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the lab is closing
    }
  }

  private void execute(Runnable task) {
    if (running) {
      tasks.add(task);
      selector.wakeup();
    }
  }

  private void closeIdleConnections() {
    long now = System.nanoTime();
    connections.removeIf(
        connection -> {
          if (connection.isClosed()) {
            return true;
          }
          if (now - connection.lastActivity() > TCP_IDLE_TIMEOUT.toNanos()) {
            connection.close();
            return true;
          }
          return false;
        });
  }

  private void closeEverything() {
    connections.forEach(TcpConnection::close);
    connections.clear();
    closeAll(udp);
    closeAll(tcp);
    try {
      selector.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  private static InetAddress localAddress(Channel channel) throws IOException {
    SocketAddress local =
        channel instanceof DatagramChannel d
            ? d.getLocalAddress()
            : ((ServerSocketChannel) channel).getLocalAddress();
    return ((InetSocketAddress) local).getAddress();
  }

  private static void closeAll(List<? extends Channel> channels) {
    for (Channel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
