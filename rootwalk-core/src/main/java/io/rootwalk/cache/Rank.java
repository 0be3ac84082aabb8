package io.rootwalk.cache;

/**
 * How far cached data is to be believed, lowest first (RFC 2181 section 5.4.1). Data of a lower
 * rank never replaces live data of a higher rank, which is what stops glue or an additional section
 * from overwriting an authoritative answer.
 */
public enum Rank {
  /** Additional-section data and glue: used to reach servers, never returned as an answer. */
  ADDITIONAL,
  /** Authority-section data of a non-authoritative response (the NS RRset of a referral). */
  AUTHORITY,
  /** Answer-section data of a non-authoritative response. */
  ANSWER,
  /** Authority-section data of an authoritative response (the SOA of a negative answer). */
  AUTHORITATIVE_AUTHORITY,
  /** Answer-section data of an authoritative response: the best there is. */
  AUTHORITATIVE_ANSWER;

  /**
   * Whether data of this rank may be returned to a client as an answer. Additional-section data and
   * a referral's authority section never are (RFC 2181 section 5.4.1): a forged record slipped into
   * glue must not become an answer.
   *
   * @return whether the rank is {@link #ANSWER} or {@link #AUTHORITATIVE_ANSWER}
   */
  public boolean answerable() {
    return this == ANSWER || this == AUTHORITATIVE_ANSWER;
  }
}
