package io.rootwalk.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical work in flight at the same time is done once: the first caller for a key starts it,
 * later callers join it until it completes (OkHttp's in-flight calls, Unbound's mesh). The resolver
 * uses one for identical client lookups and one for identical upstream packets.
 *
 * <p>Every caller gets a copy of the shared result of its own, so one caller that cancels or
 * completes its copy never reaches the others. A caller that cancels its copy leaves the flight;
 * when the last one has left, the work's own future is cancelled, so its owner can stop spending on
 * an answer nobody waits for, and the key is free for the next caller to start afresh.
 *
 * @param <K> what makes two calls identical
 * @param <V> the shared result
 */
public final class SingleFlight<K, V> {

  /**
   * One caller's place in a flight.
   *
   * @param result this caller's copy of the shared result, completing as the work's own future did
   *     (normally or exceptionally); cancelling it leaves the flight
   * @param leader whether this caller started the work, rather than joined it
   * @param <V> the shared result
   */
  public record Flight<V>(CompletableFuture<V> result, boolean leader) {}

  /** The work of one key, and how many callers still want its result. */
  private static final class Shared<V> {
    final CompletableFuture<V> done = new CompletableFuture<>();

    /** Set by the leader before any caller can leave its copy: the leader's is not out yet. */
    volatile CompletableFuture<V> work = done;

    /** Guarded by the map's lock on this key; 0 once the last caller left. */
    int callers = 1;
  }

  private final ConcurrentHashMap<K, Shared<V>> inFlight = new ConcurrentHashMap<>();

  /** A table with nothing in flight. */
  public SingleFlight() {}

  /**
   * Joins the flight for {@code key}, or starts it with {@code work} when none is in flight. The
   * key is released when the work completes, before the result reaches anyone, so a caller that
   * reacts to the result by asking again starts afresh.
   *
   * @param key what the work is
   * @param work starts the work; called at most once per flight, on the calling thread
   * @return this caller's place, with its own copy of the result
   * @throws RuntimeException whatever {@code work} threw, after releasing the key
   */
  public Flight<V> join(K key, Supplier<CompletableFuture<V>> work) {
    Shared<V> mine = new Shared<>();
    Shared<V> joined =
        inFlight.compute(
            key,
            (k, current) -> {
              if (current == null || current.callers == 0) {
                return mine; // none in flight, or every caller of that one has left it
              }
              current.callers++;
              return current;
            });
    if (joined != mine) {
      return new Flight<>(copyFor(key, joined), false);
    }
    CompletableFuture<V> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      inFlight.remove(key, mine);
      throw e;
    }
    CompletableFuture<V> copy = copyFor(key, mine);
    mine.work = started;
    started.whenComplete(
        (v, e) -> {
          inFlight.remove(key, mine);
          complete(mine.done, v, e);
        });
    return new Flight<>(copy, true);
  }

  private CompletableFuture<V> copyFor(K key, Shared<V> shared) {
    CompletableFuture<V> copy = new CompletableFuture<>();
    shared.done.whenComplete((v, e) -> complete(copy, v, e));
    copy.whenComplete(
        (v, e) -> {
          if (copy.isCancelled()) {
            leave(key, shared);
          }
        });
    return copy;
  }

  private void leave(K key, Shared<V> shared) {
    boolean[] last = new boolean[1];
    inFlight.computeIfPresent(
        key,
        (k, current) -> {
          if (current == shared && --current.callers == 0) {
            last[0] = true;
            return null;
          }
          return current;
        });
    if (last[0]) {
      shared.work.cancel(false);
    }
  }

  private static <V> void complete(CompletableFuture<V> f, V value, Throwable error) {
    if (error != null) {
      f.completeExceptionally(error);
    } else {
      f.complete(value);
    }
  }

  /**
   * How many flights are under way now.
   *
   * @return the number of keys in flight (for tests and metrics)
   */
  public int inFlight() {
    return inFlight.size();
  }
}
