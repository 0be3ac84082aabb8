package io.rootwalk;

import io.rootwalk.cache.ResolverCache;
import io.rootwalk.net.TransportInternals;

/**
 * What the core's tests inspect beneath the public API: a resolver's cache. Lives in the tests so
 * that {@link Resolver} exposes no internal type to users.
 */
public final class ResolverInternals {

  private ResolverInternals() {}

  /** The cache of {@code resolver}, as the engine sees it. */
  public static ResolverCache cache(Resolver resolver) {
    return resolver.cache();
  }

  /**
   * The UDP and TCP channels of the resolver's own transport still open once its loops have done
   * what was queued before this call.
   */
  public static int openUpstreamChannels(Resolver resolver) {
    return TransportInternals.openChannelsAfterQueuedWork(
            java.util.Objects.requireNonNull(
                resolver.ownedTransport(), "a resolver's own transport"))
        .join();
  }

  /** Lookups of {@code resolver} holding a slot of its admission now (walking, not queued). */
  public static int lookupsRunning(Resolver resolver) {
    return resolver.lookupsRunning();
  }

  /**
   * {@code builder} with server exploration off, so that a test checking which server each exchange
   * goes to is not one pick in forty away from failing.
   */
  public static ResolverBuilder withoutExploration(ResolverBuilder builder) {
    ((ResolverSettings) builder).exploreServers = false;
    return builder;
  }
}
