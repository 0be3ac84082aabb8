package io.rootwalk.cache;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * A lookup answered from the cache alone, kept so that the hits that follow get the same
 * (immutable) {@link Resolution} instead of a new one each: Unbound's reply cache, for a library.
 * It holds while every cached entry it was read from is still the one a lookup would read, and
 * until the first of them says a TTL one second lower. The table keys it probes with are made once,
 * here, so checking it allocates nothing.
 */
public final class MemoisedHit {

  private static final long SECOND = 1_000_000_000L;

  private final Question question;
  private final AnswerSource[] sources;

  /** Per link: the key of the RRset of the type asked, read first. */
  private final RRsetCache.Key[] asked;

  private final boolean readsNegatives;
  private final int negativeLinks;
  private final long negativeWrites;
  private final long validFromNanos;
  private final long validUntilNanos;
  private final Resolution resolution;

  private MemoisedHit(
      Question question,
      List<Name> names,
      List<AnswerSource> sources,
      long negativeWrites,
      long nowNanos,
      Resolution resolution) {
    if (names.isEmpty() || names.size() != sources.size()) {
      throw new IllegalArgumentException("one name per source, at least one");
    }
    int type = question.type();
    int links = names.size();
    this.question = question;
    this.sources = sources.toArray(new AnswerSource[0]);
    this.asked = new RRsetCache.Key[links];
    boolean negatives = false;
    int negativeLinks = 0;
    long from = Long.MIN_VALUE;
    long until = Long.MAX_VALUE;
    for (int i = 0; i < links; i++) {
      asked[i] = new RRsetCache.Key(names.get(i), type);
      AnswerSource source = this.sources[i];
      negatives |= !(source instanceof CachedRRset c) || c.rrset().getType() != type;
      negativeLinks += source instanceof NegativeAnswer ? 1 : 0;
      // The TTL shown is the whole seconds left, rounded up (Expiring.remainingSeconds): it stays
      // the same from expiry - ttl seconds until expiry - (ttl - 1) seconds.
      long ttl = Expiring.remainingSeconds(source.expiresAtNanos(), nowNanos);
      from = Math.max(from, source.expiresAtNanos() - ttl * SECOND);
      until = Math.min(until, source.expiresAtNanos() - (ttl - 1) * SECOND);
    }
    this.readsNegatives = negatives;
    this.negativeLinks = negativeLinks;
    this.negativeWrites = negativeWrites;
    this.validFromNanos = from;
    this.validUntilNanos = until;
    this.resolution = resolution;
  }

  /**
   * The memo of {@code resolution}, read at {@code nowNanos} from {@code sources}.
   *
   * @param question the question answered, with the spelling the resolution carries
   * @param names the name read at each link of the chain: the question's name, then each alias
   *     target
   * @param sources the entry read at each link, in the same order
   * @param negativeWrites {@link ResolverCache#negativeWrites()} before the first link was read: an
   *     alias or a negative answer also depends on no negative answer having been stored since
   * @param nowNanos the time the lookup read the cache at
   * @param resolution what the lookup returned
   * @return the memo, valid for the whole seconds of TTL that {@code resolution} shows
   * @throws IllegalArgumentException unless there is one name per source, and at least one
   */
  public static MemoisedHit of(
      Question question,
      List<Name> names,
      List<AnswerSource> sources,
      long negativeWrites,
      long nowNanos,
      Resolution resolution) {
    return new MemoisedHit(question, names, sources, negativeWrites, nowNanos, resolution);
  }

  /**
   * The resolution every hit in this memo's second returns.
   *
   * @return the shared resolution
   */
  public Resolution resolution() {
    return resolution;
  }

  Question question() {
    return question;
  }

  /** How many of the entries read are negative answers, the rest being RRsets. */
  int negativeLinks() {
    return negativeLinks;
  }

  int links() {
    return sources.length;
  }

  /**
   * Whether this memo answers {@code asked} at {@code nowNanos}: within its second, and every link
   * read again would give the same entry, in the order {@link ResolverCache#answer} reads: the
   * RRset itself first, then negative answers (unchanged while {@code negativeWrites} is), then a
   * CNAME. An RRset's entry says itself whether its table still holds it.
   */
  boolean holds(
      Question asked, long nowNanos, int maxAliasHops, RRsetCache rrsets, long negativeWritesNow) {
    if (nowNanos < validFromNanos
        || nowNanos >= validUntilNanos
        || sources.length - 1 > maxAliasHops // a derived resolver sharing the cache may allow fewer
        || !answers(asked)) {
      return false;
    }
    if (readsNegatives && negativeWritesNow != negativeWrites) {
      return false;
    }
    int type = question.type();
    for (int i = 0; i < sources.length; i++) {
      AnswerSource expected = sources[i];
      if (expected instanceof CachedRRset c && c.rrset().getType() == type) {
        // Read first, so nothing else can hide it: it need only still be in its table.
        if (!c.held()) {
          return false;
        }
        continue;
      }
      // An alias or a negative answer: the RRset of the type asked must still be absent (an
      // absence leaves no entry to flag, so the table is asked).
      if (rrsets.live(this.asked[i], nowNanos) != null) {
        return false;
      }
      if (expected instanceof CachedRRset c && !c.held()) {
        return false;
      }
      // A negative answer: unchanged while negativeWrites is, and live until validUntilNanos.
    }
    return true;
  }

  /**
   * Whether this memo's resolution answers {@code asked}: the same name, spelled the same (the
   * resolution repeats the question and, without an alias, its name as the canonical name), and the
   * same type.
   */
  private boolean answers(Question asked) {
    Name mine = question.name();
    Name theirs = asked.name();
    if (asked.type() != question.type() || !mine.equals(theirs)) {
      return false;
    }
    // Name.equals ignores case; the canonical form is the same object when there is no upper case.
    return mine == theirs
        || (mine.canonicalize() == mine && theirs.canonicalize() == theirs)
        || mine.toString().equals(theirs.toString());
  }
}
