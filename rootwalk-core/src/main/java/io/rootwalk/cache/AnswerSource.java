package io.rootwalk.cache;

/**
 * The cached entry a {@link CacheAnswer} was read from: an RRset, or a negative answer. Its
 * identity is what a memoised cache hit is checked against: an entry replaced, flushed or evicted
 * is another object, or none.
 */
public sealed interface AnswerSource permits CachedRRset, NegativeAnswer {

  /**
   * When the entry stops being live.
   *
   * @return the ticker time of its expiry
   */
  long expiresAtNanos();
}
