package io.rootwalk;

import org.xbill.DNS.Name;

/**
 * Receives the steps of one lookup as they happen: the streaming form of the {@link Trace}, for
 * progress output, metrics and logging. Every method has a default that ignores the event.
 *
 * <p>The contract, as OkHttp's {@code EventListener}: methods are called in order and never
 * concurrently for one lookup, on the thread that started it (until the first query is sent) and
 * then on the thread that completes the query: the resolver's I/O thread, or a replacement
 * transport's. They must be fast, must not block, must not throw (an exception is logged and
 * otherwise ignored), and must not call back into the resolver.
 */
public interface ResolutionListener {

  /**
   * A listener that ignores everything: the default. A lookup with it may join an identical lookup
   * in flight; any other listener gets a walk of its own, so it sees its steps happen.
   */
  ResolutionListener NONE = new ResolutionListener() {};

  /**
   * Creates a listener for every lookup a resolver starts, for metrics and logging across all
   * lookups (OkHttp's {@code EventListener.Factory}); set with {@code
   * ResolverBuilder.listenerFactory}. A lookup answered by joining an identical lookup already in
   * flight sees only {@link #resolutionFinished}, with the shared resolution (whose trace holds the
   * steps); one answered from the cache sees its cache steps replayed, then the end.
   */
  @FunctionalInterface
  interface Factory {
    /**
     * Called as a lookup starts, on the thread that started it. Not called for {@code
     * Resolver.lookupCached} or for background prefetches.
     *
     * @param question what the lookup asks
     * @return the listener for that lookup, or {@link #NONE}; not null (a factory that throws or
     *     returns null is logged and the lookup runs without a listener)
     */
    ResolutionListener create(Question question);
  }

  /**
   * A listener that forwards every event to each of {@code listeners}, in order; a chase gets the
   * composite of what each returned from {@link #chaseStarted}.
   *
   * @param listeners the listeners; {@link #NONE} entries are dropped
   * @return {@link #NONE} when none remain, the one listener when one remains, else the composite
   * @throws NullPointerException if any listener is null
   */
  static ResolutionListener composite(ResolutionListener... listeners) {
    java.util.List<ResolutionListener> all = new java.util.ArrayList<>();
    for (ResolutionListener l : listeners) {
      if (l != NONE) {
        all.add(java.util.Objects.requireNonNull(l, "listener"));
      }
    }
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new ResolutionListener() {
      @Override
      public void stepCompleted(TraceStep step) {
        all.forEach(l -> l.stepCompleted(step));
      }

      @Override
      public ResolutionListener chaseStarted(Name zoneCut, Name nameServer, int type) {
        ResolutionListener[] children = new ResolutionListener[all.size()];
        for (int i = 0; i < children.length; i++) {
          children[i] = all.get(i).chaseStarted(zoneCut, nameServer, type);
        }
        return composite(children);
      }

      @Override
      public void resolutionFinished(Resolution resolution) {
        all.forEach(l -> l.resolutionFinished(resolution));
      }
    };
  }

  /**
   * A step finished. A chase is reported once, when its nested resolution is done.
   *
   * @param step the step, as it also appears in the final {@link Trace}
   */
  default void stepCompleted(TraceStep step) {}

  /**
   * A nested resolution of a name server's address starts. The returned listener receives that
   * resolution's steps (Netty's {@code queryRedirected}); the default ignores them, and the parent
   * sees the whole nested trace in the {@link TraceStep.Chase} step.
   *
   * @param zoneCut the zone whose delegation named the server without usable glue
   * @param nameServer the name server whose address is looked up
   * @param type {@link org.xbill.DNS.Type#A} or {@link org.xbill.DNS.Type#AAAA}
   * @return the listener for the nested resolution; {@link #NONE} by default
   */
  default ResolutionListener chaseStarted(Name zoneCut, Name nameServer, int type) {
    return NONE;
  }

  /**
   * The lookup ended; called once, after the last step.
   *
   * @param resolution the result, as the caller receives it
   */
  default void resolutionFinished(Resolution resolution) {}
}
