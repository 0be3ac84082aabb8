package io.rootwalk.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted UDP "server" on loopback: for each query it sends back whatever the script says. */
final class UdpTestServer implements AutoCloseable {

  /** The datagrams to send back, in order, for one received query. */
  @FunctionalInterface
  interface Script {
    List<byte[]> replies(byte[] query) throws IOException;
  }

  private final DatagramChannel channel;
  private final Thread thread;
  private final Script script;
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final Queue<InetSocketAddress> clients = new ConcurrentLinkedQueue<>();

  UdpTestServer(Script script) {
    this.script = script;
    try {
      channel = DatagramChannel.open(StandardProtocolFamily.INET);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20); // 1,000 queries in a burst
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "udp-test-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** A server that reads nothing and answers nothing. */
  static UdpTestServer silent() {
    return new UdpTestServer(query -> List.of());
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int received() {
    return received.get();
  }

  /** Sends a datagram from the server's own address and port, outside any script. */
  void sendTo(ByteBuffer datagram, java.net.SocketAddress client) throws IOException {
    channel.send(datagram, client);
  }

  /** Datagrams sent so far; each is in the client's socket buffer once counted (loopback). */
  int sent() {
    return sent.get();
  }

  /** The source address of every query received so far, in order. */
  List<InetSocketAddress> clients() {
    return List.copyOf(clients);
  }

  private void serve() {
    ByteBuffer buffer = ByteBuffer.allocate(65_535);
    try {
      while (true) {
        buffer.clear();
        SocketAddress client = channel.receive(buffer);
        received.incrementAndGet();
        clients.add((InetSocketAddress) client);
        buffer.flip();
        byte[] query = new byte[buffer.remaining()];
        buffer.get(query);
        for (byte[] reply : script.replies(query)) {
          channel.send(ByteBuffer.wrap(reply), client);
          sent.incrementAndGet();
        }
      }
    } catch (ClosedChannelException e) {
      // closed by the test
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
