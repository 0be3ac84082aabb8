package io.rootwalk.secondlevel;

import io.rootwalk.cache.CacheJournal;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.Rank;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.spi.SecondLevelCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Writes behind: what the own cache stores from the network is queued as it is stored and sent to
 * the store in batches when a client's lookup ends, by which time DNSSEC validation has thrown out
 * anything bogus (a bogus entry already queued is followed by its delete). The queue is bounded:
 * when the store cannot keep up, writes are dropped and counted, never waited for, since a lookup
 * must not slow down for the cache behind its cache.
 */
public final class SecondLevelWriter implements CacheJournal {

  private static final Logger log = LoggerFactory.getLogger(SecondLevelWriter.class);

  /** The most writes waiting; beyond it new ones are dropped. */
  static final int MAX_PENDING = 10_000;

  /** The most writes sent in one batch (one pipeline, one round trip). */
  static final int BATCH = 256;

  /** Writes waiting when a lookup's end sends them without waiting for the timer. */
  static final int EARLY_BATCH = 64;

  /** How often the engine's timer sends what is waiting. */
  public static final java.time.Duration FLUSH_EVERY = java.time.Duration.ofMillis(5);

  /** A failing store is reported at most this often, not once per batch. */
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final SecondLevelCache store;
  private final ConcurrentLinkedQueue<Queued> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

  /**
   * A write waiting: the entry to put for {@code millis}, or a delete when {@code entry} is null.
   * Encoded only when it leaves, on the flushing thread rather than the walk's, and only if no
   * later write of the same key in its batch replaces it.
   */
  private record Queued(EntryKey key, @Nullable StoredEntry entry, long millis) {
    SecondLevelCache.@Nullable Write toWrite() {
      if (entry == null) {
        return new SecondLevelCache.Delete(key.text());
      }
      byte[] value = EntryCodec.encode(entry);
      if (value.length > EntryCodec.MAX_VALUE_BYTES) {
        return null; // readers would refuse it
      }
      return new SecondLevelCache.Put(key.text(), entry.rank().ordinal(), value, millis);
    }
  }

  /**
   * A writer to {@code store}.
   *
   * @param store the shared store
   */
  public SecondLevelWriter(SecondLevelCache store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void answerStored(Name zone, RRset rrset, Rank rank, long ttlNanos) {
    put(
        EntryKey.answer(rrset.getName(), rrset.getType()),
        new StoredEntry.Answer(zone, rrset, rank),
        ttlNanos);
  }

  @Override
  public void denialStored(
      NegativeAnswer.Kind kind,
      Name name,
      int type,
      SOARecord soa,
      List<Record> proof,
      long ttlNanos) {
    EntryKey key =
        kind == NegativeAnswer.Kind.NXDOMAIN
            ? EntryKey.nxdomain(name)
            : EntryKey.nodata(name, type);
    put(key, new StoredEntry.Denial(kind, name, type, soa, proof), ttlNanos);
  }

  @Override
  public void delegationStored(Delegation delegation, long ttlNanos) {
    if (delegation.zone().equals(Name.root)) {
      return; // every resolver primes from its own hints: the root is never shared
    }
    put(EntryKey.delegation(delegation.zone()), new StoredEntry.Delegated(delegation), ttlNanos);
  }

  @Override
  public void bogusDiscarded(Name name, int type) {
    offer(new Queued(EntryKey.answer(name, type), null, 0));
    offer(new Queued(EntryKey.nodata(name, type), null, 0));
    offer(new Queued(EntryKey.nxdomain(name), null, 0));
  }

  @Override
  public void lookupEnded() {
    if (size.get() >= EARLY_BATCH) {
      flush();
    }
  }

  /**
   * One flush at a time: the timer's, a lookup's and the closing resolver's. A flush that has taken
   * writes off the queue must hand them to the store before the one at close looks at the queue,
   * finds it empty and lets the store close under them.
   */
  @Override
  public synchronized void flush() {
    while (size.get() > 0) {
      List<Queued> batch = new ArrayList<>(Math.min(BATCH, size.get()));
      Queued q;
      while (batch.size() < BATCH && (q = pending.poll()) != null) {
        size.decrementAndGet();
        batch.add(q);
      }
      if (batch.isEmpty()) {
        return; // another thread took them
      }
      List<SecondLevelCache.Write> writes = new ArrayList<>(batch.size());
      for (Queued last : lastPerKey(batch)) {
        SecondLevelCache.Write w = last.toWrite();
        if (w != null) {
          writes.add(w);
        }
      }
      if (!writes.isEmpty()) {
        send(writes);
      }
    }
  }

  /**
   * The batch with only the last write of each key, in the order of those last writes: a referral's
   * cut and the same cut with the child's NS set added a moment later are one write, not two.
   */
  private static Collection<Queued> lastPerKey(List<Queued> batch) {
    Map<EntryKey, Queued> last = new LinkedHashMap<>();
    for (Queued q : batch) {
      last.remove(q.key());
      last.put(q.key(), q);
    }
    return last.values();
  }

  private void send(List<SecondLevelCache.Write> batch) {
    try {
      store
          .write(batch)
          .whenComplete(
              (v, e) -> {
                if (e == null) {
                  written.add(batch.size());
                } else {
                  failed(batch.size(), e);
                }
              });
    } catch (RuntimeException e) {
      failed(batch.size(), e); // a store that throws instead of failing its stage
    }
  }

  private void failed(int writes, Throwable e) {
    failed.add(writes);
    long now = System.nanoTime();
    long last = lastWarning.get();
    if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_NANOS)
        && lastWarning.compareAndSet(last, now)) {
      log.warn(
          "second-level cache: {} writes failed ({} so far); lookups go on without them: {}",
          writes,
          failed.sum(),
          e.toString());
    }
  }

  private void put(EntryKey key, StoredEntry entry, long ttlNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(ttlNanos);
    if (millis >= 1) {
      offer(new Queued(key, entry, millis));
    }
  }

  private void offer(Queued w) {
    if (size.incrementAndGet() > MAX_PENDING) {
      size.decrementAndGet();
      dropped.increment();
      return;
    }
    pending.add(w);
  }

  /**
   * Writes the store acknowledged.
   *
   * @return how many so far
   */
  public long written() {
    return written.sum();
  }

  /**
   * Writes dropped because the queue was full.
   *
   * @return how many so far
   */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Writes the store failed.
   *
   * @return how many so far
   */
  public long failed() {
    return failed.sum();
  }
}
