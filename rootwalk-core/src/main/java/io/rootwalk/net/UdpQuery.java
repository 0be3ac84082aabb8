package io.rootwalk.net;

import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.TransportException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query over UDP on its own connected datagram channel: one opened for it, or, under a {@link
 * UdpSocketReuse} policy, one kept from an earlier exchange with the same server.
 *
 * <p>Connecting makes the kernel drop datagrams from any other address and port and report ICMP
 * port unreachable as a {@link java.net.PortUnreachableException}; the source is still compared,
 * because RFC 5452 section 9.1 makes it part of the match and a connected socket is one
 * implementation detail away from not filtering. Datagrams that fail the match are ignored and the
 * exchange keeps waiting until its deadline: giving up on the first forgery would let an attacker
 * who cannot guess the ID still suppress every answer.
 */
final class UdpQuery extends PendingQuery {

  private static final Logger log = LoggerFactory.getLogger(UdpQuery.class);

  /**
   * Datagrams read per readiness event before yielding to other channels, so that one server
   * flooding its socket cannot starve the rest (the key stays ready; the loop comes back).
   */
  private static final int MAX_DATAGRAMS_PER_EVENT = 16;

  UdpQuery(EventLoop owner, Outgoing q, SendStamp stamp) {
    super(owner, q, Protocol.UDP, stamp);
  }

  /** When this exchange's socket was opened, in ticker nanoseconds (earlier when it was kept). */
  long opened;

  /** How many exchanges this exchange's socket has carried, this one included. */
  int exchanges;

  @Override
  void start(Selector selector) throws IOException {
    long now = deadline - timeoutNanos; // the clock was started just before
    IdleUdpSockets.Idle kept = owner.keptSocket(server, now);
    if (kept != null) {
      DatagramChannel ch = adoptKept(kept.channel());
      opened = kept.opened();
      exchanges = kept.exchanges() + 1;
      SelectionKey key = kept.key();
      key.attach(this);
      key.interestOps(
          ch.write(ByteBuffer.wrap(wire)) == 0 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      return;
    }
    opened = now;
    exchanges = 1;
    DatagramChannel ch = adopt(DatagramChannel.open(family()));
    ch.configureBlocking(false);
    // Connecting an unbound socket binds it to an ephemeral port the kernel picks at random (RFC
    // 5452 section 9.2), as bind(null) would; without the explicit bind the JDK spares a bind and
    // a getsockname per exchange on the I/O thread.
    ch.connect(server);
    // A datagram goes out whole or not at all; 0 means the socket buffer is full for now.
    int interest =
        ch.write(ByteBuffer.wrap(wire)) == 0 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
    ch.register(selector, interest, this);
  }

  @Override
  void onReady(SelectionKey key) throws IOException {
    DatagramChannel ch = (DatagramChannel) Objects.requireNonNull(channel);
    if (key.isWritable()) {
      if (ch.write(ByteBuffer.wrap(wire)) > 0) {
        key.interestOps(SelectionKey.OP_READ);
      }
      return;
    }
    if (key.isReadable()) {
      readDatagrams(ch);
    }
  }

  private void readDatagrams(DatagramChannel ch) throws IOException {
    ByteBuffer buffer = owner.datagramBuffer();
    for (int i = 0; i < MAX_DATAGRAMS_PER_EVENT; i++) {
      buffer.clear();
      SocketAddress source = ch.receive(buffer); // PortUnreachableException: ICMP from the server
      if (source == null) {
        return;
      }
      if (!server.equals(source)) {
        log.atDebug()
            .addKeyValue("server", server)
            .addKeyValue("source", source)
            .addKeyValue("id", matcher.id())
            .log("ignoring datagram from an unexpected source");
        continue;
      }
      buffer.flip();
      byte[] data = new byte[buffer.remaining()];
      buffer.get(data);
      ResponseMatcher.Verdict verdict = matcher.judge(data);
      if (verdict instanceof ResponseMatcher.Accept accept) {
        owner.succeed(this, accept.response());
        return;
      }
      if (verdict instanceof ResponseMatcher.Unparsable unparsable) {
        owner.fail(
            this,
            new TransportException.Malformed(
                describe() + ": " + unparsable.reason(), unparsable.cause()));
        return;
      }
      log.atDebug()
          .addKeyValue("server", server)
          .addKeyValue("id", matcher.id())
          .addKeyValue("reason", ((ResponseMatcher.Mismatch) verdict).reason())
          .log("ignoring datagram that does not match the query; still waiting");
    }
  }
}
