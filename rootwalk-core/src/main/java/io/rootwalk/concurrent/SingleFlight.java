package io.rootwalk.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical work in flight at the same time is done once: the first caller for a key starts it,
 * later callers join it until it completes (OkHttp's in-flight calls, Unbound's mesh). The resolver
 * uses one for identical client lookups and one for identical upstream packets.
 *
 * @param <K> what makes two calls identical
 * @param <V> the shared result
 */
public final class SingleFlight<K, V> {

  /**
   * One caller's place in a flight.
   *
   * @param result completes with the shared result, as the work's own future did (normally or
   *     exceptionally); a follower may cancel or time out its own copy without touching the work
   * @param leader whether this caller started the work, rather than joined it
   * @param <V> the shared result
   */
  public record Flight<V>(CompletableFuture<V> result, boolean leader) {}

  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /** A table with nothing in flight. */
  public SingleFlight() {}

  /**
   * Joins the flight for {@code key}, or starts it with {@code work} when none is in flight. The
   * key is released when the work completes, before the result reaches anyone, so a caller that
   * reacts to the result by asking again starts afresh.
   *
   * @param key what the work is
   * @param work starts the work; called at most once per flight, on the calling thread
   * @return this caller's place: the leader's result is the flight's own future, a follower's a
   *     dependent copy
   * @throws RuntimeException whatever {@code work} threw, after releasing the key
   */
  public Flight<V> join(K key, Supplier<CompletableFuture<V>> work) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, mine);
    if (leader != null) {
      CompletableFuture<V> follower = new CompletableFuture<>();
      leader.whenComplete((v, e) -> complete(follower, v, e));
      return new Flight<>(follower, false);
    }
    CompletableFuture<V> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      inFlight.remove(key, mine);
      throw e;
    }
    started.whenComplete(
        (v, e) -> {
          inFlight.remove(key, mine);
          complete(mine, v, e);
        });
    return new Flight<>(mine, true);
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
