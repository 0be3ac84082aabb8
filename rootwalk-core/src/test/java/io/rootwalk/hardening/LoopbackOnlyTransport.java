package io.rootwalk.hardening;

import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Message;

/**
 * A transport that sends to loopback addresses only and refuses every other as unreachable. Lying
 * servers in a lab may hand the resolver any address at all (a flipped glue byte is enough), and a
 * test must never make it send a packet off this host: the lab is all on 127.0.0.0/8.
 */
final class LoopbackOnlyTransport implements Transport {

  private final Transport delegate;
  private final AtomicLong refused = new AtomicLong();

  LoopbackOnlyTransport(Transport delegate) {
    this.delegate = delegate;
  }

  /** Queries refused so far because they were addressed off this host. */
  long refused() {
    return refused.get();
  }

  @Override
  public CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    if (server.getAddress() == null || !server.getAddress().isLoopbackAddress()) {
      refused.incrementAndGet();
      return CompletableFuture.failedFuture(
          new TransportException.Unreachable("not a lab address: " + server, null));
    }
    return delegate.send(query, server, protocol, timeout);
  }
}
