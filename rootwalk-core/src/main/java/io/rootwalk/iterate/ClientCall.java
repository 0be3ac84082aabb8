package io.rootwalk.iterate;

import io.rootwalk.LookupOptions;
import io.rootwalk.spi.Protocol;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the client asked of one lookup, shared by its walk and every chase nested in it: the options
 * of the call, and whether the client still wants the answer. Cancelling is one volatile write; the
 * walks read it before each step, so a cancelled lookup sends nothing more.
 */
final class ClientCall {

  private final LookupOptions options;
  private final boolean readsSecondLevel;
  private volatile boolean cancelled;
  private volatile boolean started;
  private final Set<CompletableFuture<?>> awaiting = ConcurrentHashMap.newKeySet();

  ClientCall(LookupOptions options) {
    this(options, true);
  }

  /**
   * @param readsSecondLevel false for the walk again after data read from the second-level cache
   *     failed validation: that walk asks the servers, not the store that gave the bogus data
   */
  ClientCall(LookupOptions options, boolean readsSecondLevel) {
    this.options = options;
    this.readsSecondLevel = readsSecondLevel;
  }

  /** Whether this lookup's walks may read the second-level cache, if the resolver has one. */
  boolean readsSecondLevel() {
    return readsSecondLevel;
  }

  LookupOptions options() {
    return options;
  }

  /** UDP first (TCP only after a truncated answer, RFC 7766), unless the caller asked for TCP. */
  Protocol firstProtocol() {
    return options.forceTcp() ? Protocol.TCP : Protocol.UDP;
  }

  /** Whether cached answers may answer this lookup. */
  boolean usesCachedAnswers() {
    return !options.bypassCache();
  }

  void cancel() {
    cancelled = true;
    for (CompletableFuture<?> response : awaiting) {
      response.cancel(false);
    }
  }

  /**
   * A response this lookup now waits for. Checked after adding, as {@link #cancel} sets the flag
   * before it looks: whichever runs second sees the other.
   */
  void awaiting(CompletableFuture<?> response) {
    awaiting.add(response);
    response.whenComplete((r, e) -> awaiting.remove(response));
    if (cancelled) {
      response.cancel(false);
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  /** The admission let the walk start: from now on it holds a slot. */
  void start() {
    started = true;
  }

  boolean started() {
    return started;
  }
}
