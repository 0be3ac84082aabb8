package io.rootwalk.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One accepted TCP connection: reassembles RFC 1035 length-prefixed queries from partial reads
 * (several may arrive on one connection, RFC 7766) and queues length-prefixed responses until the
 * socket takes them. Used only from the lab's selector thread.
 */
final class TcpConnection {

  private final SocketChannel channel;
  private final SelectionKey key;
  private final QueryHandler server;
  private final ByteBuffer in = ByteBuffer.allocate(2 + 65535);
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private long lastActivity = System.nanoTime();
  private boolean closed;

  TcpConnection(SocketChannel channel, SelectionKey key, QueryHandler server) {
    this.channel = channel;
    this.key = key;
    this.server = server;
  }

  QueryHandler server() {
    return server;
  }

  long lastActivity() {
    return lastActivity;
  }

  boolean isClosed() {
    return closed;
  }

  /** Reads what is available and hands each complete query to {@code onQuery}. */
  void read(Consumer<byte[]> onQuery) throws IOException {
    int n = channel.read(in);
    if (n < 0) {
      close();
      return;
    }
    lastActivity = System.nanoTime();
    in.flip();
    while (in.remaining() >= 2) {
      int length = in.getShort(in.position()) & 0xFFFF;
      if (in.remaining() < 2 + length) {
        break;
      }
      in.getShort();
      byte[] query = new byte[length];
      in.get(query);
      onQuery.accept(query);
    }
    in.compact();
  }

  /** Queues one response with its length prefix and writes as much as the socket accepts. */
  void send(byte[] message) {
    if (closed) {
      return;
    }
    ByteBuffer frame = ByteBuffer.allocate(2 + message.length);
    frame.putShort((short) message.length).put(message).flip();
    out.add(frame);
    try {
      flush();
    } catch (IOException e) {
      close();
    }
  }

  void flush() throws IOException {
    while (!out.isEmpty()) {
      ByteBuffer head = out.peek();
      channel.write(head);
      if (head.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return;
      }
      out.poll();
      lastActivity = System.nanoTime();
    }
    if (key.isValid()) {
      key.interestOps(SelectionKey.OP_READ);
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
