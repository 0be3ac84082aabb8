package io.rootwalk.net;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * A scripted DNS-over-TCP "server" on loopback: reads one length-prefixed query per connection and
 * writes the framed reply in chunks of {@code chunkSize} bytes, pausing briefly between chunks so
 * that the client really sees a trickle.
 */
final class TcpTestServer implements AutoCloseable {

  /** The reply for one query, without the length prefix; null to close without replying. */
  @FunctionalInterface
  interface Script {
    byte[] reply(byte[] query) throws IOException;
  }

  private final ServerSocketChannel listener;
  private final Thread thread;
  private final Script script;
  private final int chunkSize;

  TcpTestServer(Script script, int chunkSize) {
    this.script = script;
    this.chunkSize = chunkSize;
    try {
      listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "tcp-test-server");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serve() {
    while (true) {
      try (SocketChannel connection = listener.accept()) {
        connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
        InputStream in = Channels.newInputStream(connection);
        DataInputStream data = new DataInputStream(in);
        byte[] query = new byte[data.readUnsignedShort()];
        data.readFully(query);
        byte[] reply = script.reply(query);
        if (reply == null) {
          continue;
        }
        ByteBuffer framed = ByteBuffer.allocate(2 + reply.length);
        framed.putShort((short) reply.length).put(reply).flip();
        while (framed.hasRemaining()) {
          ByteBuffer chunk = framed.slice();
          chunk.limit(Math.min(chunkSize, chunk.remaining()));
          framed.position(framed.position() + chunk.remaining());
          while (chunk.hasRemaining()) {
            connection.write(chunk);
          }
          LockSupport.parkNanos(100_000); // a trickle, not a timing assertion
        }
      } catch (IOException e) {
        if (!listener.isOpen()) {
          return; // closed by the test
        }
        // that client went away, or the script refused: serve the next
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
