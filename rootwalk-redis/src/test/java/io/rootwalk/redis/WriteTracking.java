package io.rootwalk.redis;

import io.rootwalk.spi.SecondLevelCache;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A store that remembers the writes handed to it, so a scenario can check that every write an
 * instance made behind its lookups reached Redis: the writes are asynchronous by design, and a
 * failed one would otherwise only be a log line.
 */
final class WriteTracking implements SecondLevelCache {

  private final SecondLevelCache store;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> writes =
      new ConcurrentLinkedQueue<>();

  WriteTracking(SecondLevelCache store) {
    this.store = store;
  }

  @Override
  public CompletionStage<List<Optional<Entry>>> read(List<String> keys) {
    return store.read(keys);
  }

  @Override
  public CompletionStage<Void> write(List<Write> batch) {
    CompletableFuture<Void> done = store.write(batch).toCompletableFuture();
    writes.add(done);
    return done;
  }

  /** Waits for every write handed over so far; fails if one failed or none was made. */
  void awaitWrites() throws Exception {
    if (writes.isEmpty()) {
      throw new AssertionError("no write reached the store");
    }
    CompletableFuture<Void> w;
    while ((w = writes.poll()) != null) {
      w.get(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
