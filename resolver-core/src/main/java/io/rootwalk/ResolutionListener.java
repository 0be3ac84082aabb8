package io.rootwalk;

import org.xbill.DNS.Name;

/**
 * Receives the steps of one lookup as they happen: the streaming form of the {@link Trace}.
 *
 * <p>The contract, as OkHttp's {@code EventListener}: methods are called on the resolver's I/O
 * thread, in order, never concurrently for one lookup. They must be fast, must not block, must
 * not throw (an exception is logged and otherwise ignored), and must not call back into the
 * resolver.
 */
public interface ResolutionListener {

  /** A listener that ignores everything. */
  ResolutionListener NONE = new ResolutionListener() {};

  /**
   * Creates a listener for every lookup a resolver starts, for metrics and logging across all
   * lookups (OkHttp's {@code EventListener.Factory}); set with {@code
   * Resolver.Builder.listenerFactory}. A lookup answered by joining an identical lookup already
   * in flight sees only {@link #resolutionFinished}, with the shared resolution (whose trace holds
   * the steps).
   */
  @FunctionalInterface
  interface Factory {
    ResolutionListener create(Question question);
  }

  /** A listener that forwards every event to each of {@code listeners}, in order. */
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

  /** A step finished. A chase is reported once, when its nested resolution is done. */
  default void stepCompleted(TraceStep step) {}

  /**
   * A nested resolution of a name server's address starts. The returned listener receives that
   * resolution's steps (Netty's {@code queryRedirected}); the default ignores them, and the
   * parent sees the whole nested trace in the {@link TraceStep.Chase} step.
   */
  default ResolutionListener chaseStarted(Name zoneCut, Name nameServer, int type) {
    return NONE;
  }

  /** The lookup ended; called once, after the last step. */
  default void resolutionFinished(Resolution resolution) {}
}
