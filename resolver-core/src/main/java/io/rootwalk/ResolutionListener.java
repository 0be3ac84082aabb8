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
