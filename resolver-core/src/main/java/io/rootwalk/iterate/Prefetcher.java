package io.rootwalk.iterate;

import io.rootwalk.Question;
import io.rootwalk.concurrent.SingleFlight;

/**
 * Refreshes a cached answer in the background when a hit comes in the last tenth of its TTL, so a
 * popular entry is renewed before it expires instead of making the next client wait (Unbound's
 * {@code prefetch}). One refresh per question at a time, however many hits ask for it.
 */
final class Prefetcher {

  private final SingleFlight<Question, Walk.Result> refreshing = new SingleFlight<>();

  /**
   * Starts a refresh of {@code question} that bypasses its cached answer, unless one is running.
   */
  void refresh(WalkContext context, Question question) {
    refreshing.join(
        question,
        () -> {
          context.cache().countPrefetch();
          return Walk.refresh(context, question).start();
        });
  }
}
