package io.rootwalk.cache;

import io.rootwalk.Question;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The memoised cache hits of one cache, one slot per question hash (direct-mapped: a question whose
 * slot another took is answered the long way and takes it back). A memo is checked against the
 * tables before use, with one probe per link of its chain, so an entry replaced, flushed or evicted
 * is never answered from a memo; only a negative answer evicted for space may still be returned,
 * until its second of TTL ends.
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
   * The memo that answers {@code question} at {@code nowNanos}, if there is one and every entry it
   * was read from is still the one the tables would give.
   */
  @Nullable MemoisedHit find(Question question, long nowNanos) {
    MemoisedHit memo = slots.get(slot(question));
    if (memo == null
        || nowNanos < memo.validFromNanos()
        || nowNanos >= memo.validUntilNanos()
        || !memo.answers(question)) {
      return null;
    }
    if (memo.readsNegatives() && negatives.writes() != memo.negativeWrites()) {
      return null;
    }
    int type = question.type();
    for (int i = 0; i < memo.sources().size(); i++) {
      if (!stillRead(memo.names().get(i), type, memo.sources().get(i), nowNanos)) {
        return null;
      }
    }
    return memo;
  }

  void remember(MemoisedHit memo) {
    slots.set(slot(memo.question()), memo);
  }

  void clear() {
    for (int i = 0; i < slots.length(); i++) {
      slots.set(i, null);
    }
  }

  /**
   * Whether reading {@code name}/{@code type} now would give {@code expected}, in the order {@link
   * ResolverCache#answer} reads: the RRset itself first, then negative answers (unchanged since the
   * memo, as the caller checked), then a CNAME.
   */
  private boolean stillRead(Name name, int type, AnswerSource expected, long nowNanos) {
    CachedRRset positive = rrsets.live(name, type, nowNanos);
    if (expected instanceof CachedRRset c && c.rrset().getType() == type) {
      return positive == c;
    }
    if (positive != null) {
      return false;
    }
    if (expected instanceof NegativeAnswer n) {
      return n.expiresAtNanos() > nowNanos;
    }
    return rrsets.live(name, Type.CNAME, nowNanos) == expected;
  }

  private int slot(Question question) {
    int h = question.name().hashCode() * 31 + question.type();
    return (h ^ (h >>> 16)) & mask;
  }
}
