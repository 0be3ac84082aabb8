package io.rootwalk.probe;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most so many direct queries of one check in flight: a zone with 13 servers of two addresses
 * each gets some 300 queries, which should not all leave in the same millisecond (a server's rate
 * limiting would then answer some with silence, and the check would blame the server).
 */
final class QueryWindow {

  private final int max;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  QueryWindow(int max) {
    this.max = max;
  }

  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start =
        () ->
            task.get()
                .whenComplete(
                    (value, error) -> {
                      release();
                      if (error != null) {
                        result.completeExceptionally(error);
                      } else {
                        result.complete(value);
                      }
                    });
    boolean now;
    synchronized (this) {
      now = running < max;
      if (now) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result;
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
