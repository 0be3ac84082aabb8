package io.rootwalk.iterate;

import io.rootwalk.Rejection;
import io.rootwalk.cache.CachePolicy;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * A response after bailiwick scrubbing: only what may be believed is left.
 *
 * @param answer the alias chain from the query name, in order, ending with the answer RRset(s) if
 *     present
 * @param finalName the name the chain ends at (the query name when there is no alias)
 * @param authority NS, SOA and other authority RRsets that passed the checks
 * @param additional addresses of name servers named in the kept NS RRsets
 * @param rejected everything removed, with reasons
 * @param dnameOverflow whether the chain ends at a DNAME whose substitution would exceed 255 octets
 *     (RFC 6672 section 2.2: YXDOMAIN); the chain then ends with that DNAME
 */
record Scrubbed(
    List<RRset> answer,
    Name finalName,
    List<RRset> authority,
    List<RRset> additional,
    List<Rejection> rejected,
    boolean dnameOverflow) {

  Scrubbed {
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
    rejected = List.copyOf(rejected);
  }

  /**
   * This response with every TTL {@linkplain CachePolicy#clampTtl clamped} by {@code policy},
   * before anything in it is classified, cached or answered: the fresh answer then carries the TTLs
   * its cached copy will count down from.
   */
  Scrubbed clamped(CachePolicy policy) {
    return new Scrubbed(
        clamp(answer, policy),
        finalName,
        clamp(authority, policy),
        clamp(additional, policy),
        rejected,
        dnameOverflow);
  }

  private static List<RRset> clamp(List<RRset> sets, CachePolicy policy) {
    List<RRset> out = new ArrayList<>(sets.size());
    for (RRset set : sets) {
      out.add(policy.clamp(set));
    }
    return out;
  }
}
