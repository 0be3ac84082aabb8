package io.rootwalk.iterate;

import io.rootwalk.cache.Rank;

/**
 * How far a server's data may be believed, read from more evidence than the AA bit: the RA bit and
 * an SOA of the zone asked (RFC 2181 section 5.4.1 ranks; Unbound's {@code iter_resptype.c} and
 * Knot Resolver's {@code lib/layer/iterate.c} decide alike). Servers on the internet omit AA more
 * often than the RFCs allow; refusing all such data makes names unresolvable, believing it as much
 * as authoritative data opens a poisoning path. The rank in between is the answer.
 */
enum Authority {
  /** AA set: the zone's own server speaks for it. */
  AUTHORITATIVE,
  /**
   * AA clear from a server that offers no recursion (RA clear): data a server of the zone serves
   * without claiming authority, or a denial backed by the zone's SOA. Used, and cached at the
   * non-authoritative answer rank, so authoritative data always displaces it and it never displaces
   * authoritative data.
   */
  PROVISIONAL,
  /**
   * AA clear and RA set: a recursive resolver listed as an authoritative server ("recursion lame").
   * What it says is kept as a last resort, used only after every other server failed.
   */
  RECURSIVE;

  /** The RFC 2181 rank of answer data from this source that describes the asked name itself. */
  Rank answerRank() {
    return this == AUTHORITATIVE ? Rank.AUTHORITATIVE_ANSWER : Rank.ANSWER;
  }

  /** Judges a response by its flags; an SOA of the zone makes an AA-clear denial believable. */
  static Authority of(boolean aa, boolean ra) {
    return aa ? AUTHORITATIVE : ra ? RECURSIVE : PROVISIONAL;
  }
}
