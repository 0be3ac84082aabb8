package io.rootwalk;

import io.rootwalk.cache.ResolverCache;

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

  /** Lookups of {@code resolver} holding a slot of its admission now (walking, not queued). */
  public static int lookupsRunning(Resolver resolver) {
    return resolver.lookupsRunning();
  }
}
