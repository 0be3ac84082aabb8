package io.rootwalk.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every query the servers of one lab received: a full history for assertions and a queue for {@code
 * takeQuery}, which consumes in arrival order like mockwebserver's {@code takeRequest}.
 */
final class QueryLog {

  private final List<RecordedQuery> history = new ArrayList<>();
  private final LinkedBlockingQueue<RecordedQuery> unread = new LinkedBlockingQueue<>();

  void record(RecordedQuery query) {
    synchronized (history) {
      history.add(query);
      unread.add(query);
    }
  }

  List<RecordedQuery> snapshot() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  int size() {
    synchronized (history) {
      return history.size();
    }
  }

  void clear() {
    synchronized (history) {
      history.clear();
      unread.clear();
    }
  }

  Optional<RecordedQuery> poll(Duration timeout) {
    try {
      return Optional.ofNullable(unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Snapshot helper for filtered views. */
  List<RecordedQuery> matching(Predicate<RecordedQuery> filter) {
    List<RecordedQuery> result = new ArrayList<>();
    for (RecordedQuery query : snapshot()) {
      if (filter.test(query)) {
        result.add(query);
      }
    }
    return List.copyOf(result);
  }
}
