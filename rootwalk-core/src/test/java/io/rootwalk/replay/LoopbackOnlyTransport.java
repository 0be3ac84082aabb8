package io.rootwalk.replay;

import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.Message;

/**
 * The resolver's transport in a replay: queries to loopback go out, any other is refused as
 * unreachable and remembered. Scenario addresses that name no RANGE server (glue for a server the
 * scenario does not simulate) are sent as written, so without this a replay could send packets to
 * the internet.
 */
final class LoopbackOnlyTransport implements Transport {

  private final Transport delegate;
  private final List<String> refused = new CopyOnWriteArrayList<>();

  LoopbackOnlyTransport(Transport delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    if (!server.getAddress().isLoopbackAddress()) {
      String where = server.getAddress().getHostAddress() + " port " + server.getPort();
      refused.add(where);
      return CompletableFuture.failedFuture(
          new TransportException.Unreachable(
              where + " is no scenario server: a replay sends to loopback only", null));
    }
    return delegate.send(query, server, protocol, timeout);
  }

  /** The destinations refused so far: addresses the scenario names but no RANGE serves. */
  List<String> refused() {
    return List.copyOf(refused);
  }
}
