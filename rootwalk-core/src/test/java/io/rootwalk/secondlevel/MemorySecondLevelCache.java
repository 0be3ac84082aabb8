package io.rootwalk.secondlevel;

import io.rootwalk.spi.SecondLevelCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A second-level cache in a map, for scenarios that need the store's contract and not Redis: the
 * rank rule of {@link SecondLevelCache.Put}, expiry on a clock the test drives, every call answered
 * at once. {@code rootwalk-redis}'s tests run the same scenarios against a real redis-server.
 */
final class MemorySecondLevelCache implements SecondLevelCache {

  private record Held(byte[] value, long expiresAtMillis) {}

  private final Map<String, Held> entries = new ConcurrentHashMap<>();
  private final LongSupplier millis;
  volatile boolean down;
  private int puts;

  MemorySecondLevelCache(LongSupplier millis) {
    this.millis = millis;
  }

  /** While set, reads wait on it and fail when it completes: reads in flight when Redis dies. */
  volatile CompletableFuture<Void> held;

  @Override
  public CompletionStage<List<Optional<Entry>>> read(List<String> keys) {
    CompletableFuture<Void> gate = held;
    if (gate != null) {
      return gate.thenApply(
          v -> {
            throw new IllegalStateException("connection reset");
          });
    }
    if (down) {
      return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
    }
    long now = millis.getAsLong();
    List<Optional<Entry>> out = new ArrayList<>();
    for (String k : keys) {
      Held h = entries.get(k);
      out.add(
          h == null || h.expiresAtMillis() <= now
              ? Optional.empty()
              : Optional.of(new Entry(h.value(), h.expiresAtMillis() - now)));
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public synchronized CompletionStage<Void> write(List<Write> writes) {
    if (down) {
      return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
    }
    long now = millis.getAsLong();
    for (Write w : writes) {
      if (w instanceof Put p) {
        puts++;
        Held old = entries.get(p.key());
        if (old == null || old.expiresAtMillis() <= now || old.value()[0] <= p.rank()) {
          entries.put(p.key(), new Held(p.value(), now + p.ttlMillis()));
        }
      } else {
        entries.remove(w.key());
      }
    }
    notifyAll();
    return CompletableFuture.completedFuture(null);
  }

  /** Waits until a write has put {@code key}, at most {@code millis}: an event, not a sleep. */
  synchronized boolean awaitKey(String key, long timeoutMillis) throws InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!entries.containsKey(key)) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  Optional<byte[]> get(String key) {
    Held h = entries.get(key);
    return h == null ? Optional.empty() : Optional.of(h.value());
  }

  void plant(String key, byte[] value, long ttlMillis) {
    entries.put(key, new Held(value, millis.getAsLong() + ttlMillis));
  }

  /** Puts handed to the store so far, taken or not. */
  synchronized int puts() {
    return puts;
  }

  @Override
  public void close() {}
}
