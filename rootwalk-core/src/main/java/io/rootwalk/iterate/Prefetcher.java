package io.rootwalk.iterate;

import io.rootwalk.Question;
import io.rootwalk.concurrent.SingleFlight;
import java.util.concurrent.CompletableFuture;

/**
 * Refreshes a cached answer in the background when a hit comes in the last tenth of its TTL, so a
 * popular entry is renewed before it expires instead of making the next client wait (Unbound's
 * {@code prefetch}). One refresh per question at a time, however many hits ask for it.
 */
final class Prefetcher {

  private final SingleFlight<Question, Boolean> refreshing = new SingleFlight<>();

  /**
   * Starts a refresh of {@code question} that bypasses its cached answer, unless one is running.
   */
  void refresh(WalkContext context, Question question) {
    refreshing.join(
        question,
        () -> {
          // A refresh is worth a slot only when one is free: under load, clients' own lookups
          // come first, and the entry is simply looked up again when it expires.
          if (!context.admission().tryEnter()) {
            return CompletableFuture.completedFuture(false);
          }
          context.cache().countPrefetch();
          CompletableFuture<Walk.Result> walk;
          try {
            walk = Walk.refresh(context, question).start();
          } catch (RuntimeException e) {
            context.admission().release();
            throw e;
          }
          return walk.handle(
              (r, e) -> {
                context.admission().release();
                return true;
              });
        });
  }
}
