package io.rootwalk.spark;

import io.rootwalk.LookupOptions;
import io.rootwalk.Question;
import io.rootwalk.Resolver;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;

/**
 * One partition's names resolved with at most {@code window} lookups in flight: a sliding window
 * over the input. It starts lookups until {@code window} are outstanding, hands out the oldest
 * result once it is done and only then starts the next, so a partition of a million names holds a
 * window's worth of futures, never the whole partition, and Spark writes rows as they come.
 *
 * <p>Rows come out in input order. The cost is head-of-line waiting: a slow lookup at the front
 * holds back the rows behind it (while those lookups go on), so a window somewhat larger than the
 * number of slow names keeps the resolver busy.
 */
final class LookupWindow implements Iterator<Row> {

  /**
   * A name and type to look up, as read from the input, before they are checked.
   *
   * @param name the name, null when the input's was
   * @param type a type mnemonic such as {@code "AAAA"}
   */
  record Ask(@Nullable String name, String type) {}

  private final Iterator<Ask> asks;
  private final Resolver resolver;
  private final int window;
  private final ArrayDeque<CompletableFuture<Row>> inFlight;

  /**
   * A window over {@code asks}.
   *
   * @param asks the partition's names, read lazily
   * @param resolver the executor's resolver
   * @param window at least 1
   */
  LookupWindow(Iterator<Ask> asks, Resolver resolver, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
    }
    this.asks = asks;
    this.resolver = resolver;
    this.window = window;
    this.inFlight = new ArrayDeque<>(Math.min(window, 4096));
  }

  @Override
  public boolean hasNext() {
    fill();
    return !inFlight.isEmpty();
  }

  @Override
  public Row next() {
    fill();
    CompletableFuture<Row> oldest = inFlight.poll();
    if (oldest == null) {
      throw new NoSuchElementException();
    }
    // lookupAsync always completes normally, by the resolver's deadline: this wait is bounded.
    return oldest.join();
  }

  /**
   * How many lookups are started and not yet handed out.
   *
   * @return never more than the window
   */
  int inFlight() {
    return inFlight.size();
  }

  private void fill() {
    while (inFlight.size() < window && asks.hasNext()) {
      inFlight.add(start(asks.next()));
    }
  }

  private CompletableFuture<Row> start(Ask ask) {
    String name = ask.name();
    if (name == null) {
      return CompletableFuture.completedFuture(
          ResolutionRows.invalid(null, ask.type(), "the name is null"));
    }
    Question question;
    try {
      question = Question.of(name, ask.type());
    } catch (IllegalArgumentException e) {
      // A malformed name or unknown type is a row of its own, not a failed task: one bad line
      // must not cost a retry of the whole partition.
      return CompletableFuture.completedFuture(
          ResolutionRows.invalid(name, ask.type(), String.valueOf(e.getMessage())));
    }
    return resolver
        .lookupAsync(question, LookupOptions.defaults())
        .thenApply(r -> ResolutionRows.of(name, r));
  }
}
