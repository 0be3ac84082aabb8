package io.rootwalk.cache;

import io.rootwalk.Question;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The memoised cache hits of one cache, one slot per question hash (direct-mapped: a question whose
 * slot another took is answered the long way and takes it back). A memo is checked before use: an
 * RRset it was read from by the entry's own flag, which its table sets when it lets the entry go;
 * an RRset that must still be absent by a table read; negative answers by the negative table's
 * write count. So an entry replaced, flushed or evicted is never answered from a memo; only a
 * negative answer evicted for space may still be returned, until its second of TTL ends.
 */
final class HitMemos {

  /** Enough for the hot set of a busy server, small enough to retain at most a few megabytes. */
  private static final int MAX_SLOTS = 4096;

  private final RRsetCache rrsets;
  private final NegativeCache negatives;
  private final AtomicReferenceArray<@Nullable MemoisedHit> slots;
  private final int mask;

  HitMemos(RRsetCache rrsets, NegativeCache negatives, long maxEntries) {
    this.rrsets = rrsets;
    this.negatives = negatives;
    int size = Integer.highestOneBit((int) Math.min(MAX_SLOTS, Math.max(16, maxEntries)));
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /**
   * The memo that answers {@code question} at {@code nowNanos}, if one holds, with a chain no
   * longer than {@code maxAliasHops}.
   */
  @Nullable MemoisedHit find(Question question, long nowNanos, int maxAliasHops) {
    MemoisedHit memo = slots.get(slot(question));
    return memo != null && memo.holds(question, nowNanos, maxAliasHops, rrsets, negatives.writes())
        ? memo
        : null;
  }

  void remember(MemoisedHit memo) {
    slots.set(slot(memo.question()), memo);
  }

  void clear() {
    for (int i = 0; i < slots.length(); i++) {
      slots.set(i, null);
    }
  }

  private int slot(Question question) {
    int h = question.name().hashCode() * 31 + question.type();
    return (h ^ (h >>> 16)) & mask;
  }
}
