package io.rootwalk.net;

import io.rootwalk.spi.Protocol;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * One query in flight: its own channel, its deadline and its future.
 *
 * <p>A fresh channel per query is deliberate. On UDP it gives every query its own random ephemeral
 * source port (RFC 5452 section 9.2: port randomisation multiplies the ID's 16 bits of entropy),
 * and on TCP it keeps framing errors from one exchange out of another's stream.
 *
 * <p>Created on the caller's thread; after that every field is read and written only on the owning
 * transport's I/O thread, so nothing here is synchronised.
 */
abstract class Exchange {

  final NioTransport owner;
  final byte[] wire;
  final ResponseMatcher matcher;
  final InetSocketAddress server;
  final Duration timeout;

  /** In {@link com.github.benmanes.caffeine.cache.Ticker} nanoseconds. */
  final long deadline;

  final CompletableFuture<Message> future = new CompletableFuture<>();

  /** Breaks deadline ties so that distinct exchanges never compare equal. */
  long sequence;

  /** Set once the exchange is done, by whichever path got there first. */
  boolean finished;

  @Nullable SelectableChannel channel;

  Exchange(
      NioTransport owner,
      byte[] wire,
      ResponseMatcher matcher,
      InetSocketAddress server,
      Duration timeout,
      long deadline) {
    this.owner = owner;
    this.wire = wire;
    this.matcher = matcher;
    this.server = server;
    this.timeout = timeout;
    this.deadline = deadline;
  }

  abstract Protocol protocol();

  /** Opens the channel, registers it with {@code selector} and sends what can be sent now. */
  abstract void start(Selector selector) throws IOException;

  /** Called when the selector reports the channel ready for the operations it is waiting for. */
  abstract void onReady(SelectionKey key) throws IOException;

  /**
   * Records a newly opened channel before anything else can fail, so that every path out of the
   * exchange closes it.
   */
  final <C extends SelectableChannel> C adopt(C newChannel) {
    channel = newChannel;
    owner.channelOpened();
    return newChannel;
  }

  /** Opens sockets of the server's family, so no IPv4-mapped address is ever compared. */
  final ProtocolFamily family() {
    return server.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  /** "192.0.2.1:53 over UDP", for messages and logs. */
  final String describe() {
    String host = server.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return host + ":" + server.getPort() + " over " + protocol();
  }
}
