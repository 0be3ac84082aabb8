package io.rootwalk.net;

import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.TransportException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query over TCP on its own connection, with RFC 1035 section 4.2.2 framing: each message is
 * preceded by its length as two bytes, network order (RFC 7766 section 8).
 *
 * <p>A stream can deliver the prefix and the message in any number of pieces, and can accept our
 * query in pieces too, so both directions keep their position across readiness events. The
 * connection carries only our query, so anything other than the matching response on it (wrong ID,
 * wrong question, a short message) means the server is broken, not that someone is forging: it is
 * {@link TransportException.Malformed}, not a reason to keep waiting.
 */
final class TcpQuery extends PendingQuery {

  private enum Phase {
    CONNECTING,
    WRITING,
    READING
  }

  private final ByteBuffer out;
  private final ByteBuffer lengthPrefix = ByteBuffer.allocate(2);
  private @Nullable ByteBuffer body;
  private Phase phase = Phase.CONNECTING;

  TcpQuery(EventLoop owner, Outgoing q, SendStamp stamp) {
    super(owner, q, Protocol.TCP, stamp);
    this.out = ByteBuffer.allocate(2 + wire.length);
    out.putShort((short) wire.length).put(wire).flip();
  }

  @Override
  void start(Selector selector) throws IOException {
    SocketChannel ch = adopt(SocketChannel.open(family()));
    ch.configureBlocking(false);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true); // one small message; do not wait
    SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT, this);
    if (ch.connect(server)) {
      phase = Phase.WRITING;
      advance(key, ch);
    }
  }

  @Override
  void onReady(SelectionKey key) throws IOException {
    advance(key, (SocketChannel) Objects.requireNonNull(channel));
  }

  private void advance(SelectionKey key, SocketChannel ch) throws IOException {
    if (phase == Phase.CONNECTING) {
      if (!ch.finishConnect()) { // ConnectException when refused
        return;
      }
      phase = Phase.WRITING;
    }
    if (phase == Phase.WRITING) {
      ch.write(out);
      if (out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      phase = Phase.READING;
      key.interestOps(SelectionKey.OP_READ);
      return; // the response cannot be there yet; the selector says when it is
    }
    read(ch);
  }

  private void read(SocketChannel ch) throws IOException {
    ByteBuffer message = body;
    if (message == null) {
      if (ch.read(lengthPrefix) < 0) {
        closedEarly();
        return;
      }
      if (lengthPrefix.hasRemaining()) {
        return;
      }
      message = ByteBuffer.allocate(lengthPrefix.getShort(0) & 0xffff);
      body = message;
    }
    if (message.hasRemaining() && ch.read(message) < 0) {
      closedEarly();
      return;
    }
    if (message.hasRemaining()) {
      return;
    }
    ResponseMatcher.Verdict verdict = matcher.judge(message.array());
    if (verdict instanceof ResponseMatcher.Accept accept) {
      owner.succeed(this, accept.response());
    } else if (verdict instanceof ResponseMatcher.Unparsable unparsable) {
      owner.fail(
          this,
          new TransportException.Malformed(
              describe() + ": " + unparsable.reason(), unparsable.cause()));
    } else {
      owner.fail(
          this,
          new TransportException.Malformed(
              describe()
                  + ": response does not match the query: "
                  + ((ResponseMatcher.Mismatch) verdict).reason(),
              null));
    }
  }

  /**
   * The server closed the stream before a whole response. Nothing at all is how a server that will
   * not serve TCP (or has dropped an idle connection) behaves: unreachable. A partial message is a
   * broken response.
   */
  private void closedEarly() {
    int received = lengthPrefix.position() + (body == null ? 0 : body.position());
    if (received == 0) {
      owner.fail(
          this,
          new TransportException.Unreachable(
              describe() + ": connection closed without a response", null));
    } else {
      String expected = body == null ? "2-byte length" : (2 + body.capacity()) + " bytes";
      owner.fail(
          this,
          new TransportException.Malformed(
              describe() + ": connection closed after " + received + " bytes of " + expected,
              null));
    }
  }
}
