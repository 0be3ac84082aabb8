package io.rootwalk.net;

import java.util.concurrent.CompletableFuture;

/** What tests outside this package inspect of a {@link NioTransport}: its open channels. */
public final class TransportInternals {

  private TransportInternals() {}

  /** The channels still open once every loop has done what was queued before this call. */
  public static CompletableFuture<Integer> openChannelsAfterQueuedWork(NioTransport transport) {
    return transport.openChannelCountAfterQueuedWork();
  }
}
