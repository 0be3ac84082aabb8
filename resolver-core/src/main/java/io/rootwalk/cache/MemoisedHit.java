package io.rootwalk.cache;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * A lookup answered from the cache alone, kept so that the hits that follow get the same
 * (immutable) {@link Resolution} instead of a new one each: Unbound's reply cache, for a library.
 * It holds while every cached entry it was read from is still the one a lookup would read, and
 * until the first of them says a TTL one second lower.
 *
 * @param question the question answered, with the spelling the resolution carries
 * @param names the name read at each link of the chain: the question's name, then each alias target
 * @param sources the entry read at each link, in the same order
 * @param negativeWrites {@link NegativeCache#writes()} before the first link was read: an alias or
 *     a negative answer also depends on no negative answer having been stored since
 * @param validFromNanos the ticker time from which every link says the TTL in the resolution
 * @param validUntilNanos the ticker time at which the first link's remaining TTL drops by one
 * @param resolution the resolution every hit in that window returns
 */
public record MemoisedHit(
    Question question,
    List<Name> names,
    List<AnswerSource> sources,
    long negativeWrites,
    long validFromNanos,
    long validUntilNanos,
    Resolution resolution) {

  private static final long SECOND = 1_000_000_000L;

  /**
   * Copies the lists.
   *
   * @param question the question answered
   * @param names the name read at each link
   * @param sources the entry read at each link
   * @param negativeWrites the negative table's write count before the first link was read
   * @param validFromNanos from when the resolution's TTLs are right
   * @param validUntilNanos until when they are
   * @param resolution what every hit in that window returns
   * @throws IllegalArgumentException unless there is one name per source, and at least one
   */
  public MemoisedHit {
    names = List.copyOf(names);
    sources = List.copyOf(sources);
    if (names.isEmpty() || names.size() != sources.size()) {
      throw new IllegalArgumentException("one name per source, at least one");
    }
  }

  /**
   * The memo of {@code resolution}, read at {@code nowNanos} from {@code sources}.
   *
   * @param question the question answered
   * @param names the name read at each link
   * @param sources the entry read at each link
   * @param negativeWrites the negative table's write count read before the first link
   * @param nowNanos the time the lookup read the cache at
   * @param resolution what the lookup returned
   * @return the memo, valid for the whole seconds of TTL that {@code resolution} shows
   */
  public static MemoisedHit of(
      Question question,
      List<Name> names,
      List<AnswerSource> sources,
      long negativeWrites,
      long nowNanos,
      Resolution resolution) {
    long from = Long.MIN_VALUE;
    long until = Long.MAX_VALUE;
    for (AnswerSource source : sources) {
      // The TTL shown is the whole seconds left, rounded up (Expiring.remainingSeconds): it stays
      // the same from expiry - ttl seconds until expiry - (ttl - 1) seconds.
      long ttl = Expiring.remainingSeconds(source.expiresAtNanos(), nowNanos);
      from = Math.max(from, source.expiresAtNanos() - ttl * SECOND);
      until = Math.min(until, source.expiresAtNanos() - (ttl - 1) * SECOND);
    }
    return new MemoisedHit(question, names, sources, negativeWrites, from, until, resolution);
  }

  /** Whether the chain depends on an absence of negative answers, not only on positive RRsets. */
  boolean readsNegatives() {
    int type = question.type();
    for (AnswerSource source : sources) {
      if (!(source instanceof CachedRRset c) || c.rrset().getType() != type) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this memo's resolution answers {@code asked}: the same name, spelled the same (the
   * resolution repeats the question and, without an alias, its name as the canonical name), and the
   * same type.
   */
  boolean answers(Question asked) {
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
