package io.rootwalk;

/**
 * Per-lookup work limits: what one client lookup may spend, nested name-server chases included, so
 * that a hostile or broken zone cannot turn one query into unbounded upstream traffic. A lookup
 * that reaches one ends in SERVFAIL with {@link FailureReason#LIMIT_EXCEEDED} and a detail naming
 * the limit. The defaults are no looser than Unbound's and BIND's; what each one stops is said at
 * its component. Immutable: the {@code with} methods return modified copies.
 *
 * <pre>{@code
 * Limits limits = Limits.DEFAULT.withMaxUpstreamQueries(50).withMaxAliasHops(4);
 * }</pre>
 *
 * @param maxUpstreamQueries all queries one client lookup may send, chases and retries included
 *     (Unbound {@code max-global-quota}, BIND {@code max-query-count}: 200). Caps the amplification
 *     a hostile zone can buy with one query (NXNSAttack); at least 1
 * @param maxQueriesPerName queries spent on one name before giving up on it; starts over at each
 *     CNAME hop and in each chase (Unbound {@code max-sent-count}: 32); at least 1
 * @param maxNameServersPerDelegation NS names read from one referral, the rest ignored (13, as many
 *     as fit a 512-byte referral); bounds the servers a referral can make the resolver try; at
 *     least 1
 * @param maxGluelessFetchesPerDelegation address lookups (each A or AAAA chase counts) one zone cut
 *     may start for its name servers without glue (Unbound's target fetch policy, NXNSAttack
 *     mitigation: 5); at least 1
 * @param maxNameServerNxdomains chased name-server names that may come back NXDOMAIN per lookup
 *     before it fails (Unbound {@code MAX_TARGET_NX}, Knot {@code KR_COUNT_NO_NSADDR_LIMIT}: 5):
 *     the NXNSAttack signature is a referral to many nonexistent names; 0 or more
 * @param maxAliasHops CNAME/DNAME links followed (11, as Unbound's {@code MAX_RESTART_COUNT});
 *     stops long alias chains, loops are caught separately as {@link FailureReason#CNAME_LOOP}; 0
 *     follows none
 * @param maxChaseDepth nesting of name-server chases (6): a chase for a name server whose own zone
 *     is glueless needs another, and so on; a glueless chain of depth 3 resolves; 0 allows no chase
 *     at all
 */
public record Limits(
    int maxUpstreamQueries,
    int maxQueriesPerName,
    int maxNameServersPerDelegation,
    int maxGluelessFetchesPerDelegation,
    int maxNameServerNxdomains,
    int maxAliasHops,
    int maxChaseDepth) {

  /** The defaults given at each component above: 200, 32, 13, 5, 5, 11, 6. */
  public static final Limits DEFAULT = new Limits(200, 32, 13, 5, 5, 11, 6);

  /**
   * Checks every limit against its least value.
   *
   * @param maxUpstreamQueries queries per lookup, at least 1
   * @param maxQueriesPerName queries per name, at least 1
   * @param maxNameServersPerDelegation NS names per referral, at least 1
   * @param maxGluelessFetchesPerDelegation chases per zone cut, at least 1
   * @param maxNameServerNxdomains nonexistent chased name servers per lookup, 0 or more
   * @param maxAliasHops alias links per lookup, 0 or more
   * @param maxChaseDepth chase nesting, 0 or more
   * @throws IllegalArgumentException naming the first limit below its least value
   */
  public Limits {
    atLeast(1, "maxUpstreamQueries", maxUpstreamQueries);
    atLeast(1, "maxQueriesPerName", maxQueriesPerName);
    atLeast(1, "maxNameServersPerDelegation", maxNameServersPerDelegation);
    atLeast(1, "maxGluelessFetchesPerDelegation", maxGluelessFetchesPerDelegation);
    atLeast(0, "maxNameServerNxdomains", maxNameServerNxdomains);
    atLeast(0, "maxAliasHops", maxAliasHops);
    atLeast(0, "maxChaseDepth", maxChaseDepth);
  }

  private static void atLeast(int least, String component, int value) {
    if (value < least) {
      throw new IllegalArgumentException(component + " must be >= " + least + " but was " + value);
    }
  }

  /**
   * A copy with {@link #maxUpstreamQueries()} set to {@code value}.
   *
   * @param value the new limit, at least 1
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is below 1
   */
  public Limits withMaxUpstreamQueries(int value) {
    return with(0, value);
  }

  /**
   * A copy with {@link #maxQueriesPerName()} set to {@code value}.
   *
   * @param value the new limit, at least 1
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is below 1
   */
  public Limits withMaxQueriesPerName(int value) {
    return with(1, value);
  }

  /**
   * A copy with {@link #maxNameServersPerDelegation()} set to {@code value}.
   *
   * @param value the new limit, at least 1
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is below 1
   */
  public Limits withMaxNameServersPerDelegation(int value) {
    return with(2, value);
  }

  /**
   * A copy with {@link #maxGluelessFetchesPerDelegation()} set to {@code value}.
   *
   * @param value the new limit, at least 1
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is below 1
   */
  public Limits withMaxGluelessFetchesPerDelegation(int value) {
    return with(3, value);
  }

  /**
   * A copy with {@link #maxNameServerNxdomains()} set to {@code value}.
   *
   * @param value the new limit, 0 or more
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Limits withMaxNameServerNxdomains(int value) {
    return with(4, value);
  }

  /**
   * A copy with {@link #maxAliasHops()} set to {@code value}.
   *
   * @param value the new limit, 0 or more
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Limits withMaxAliasHops(int value) {
    return with(5, value);
  }

  /**
   * A copy with {@link #maxChaseDepth()} set to {@code value}.
   *
   * @param value the new limit, 0 or more
   * @return these limits with only that one changed
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Limits withMaxChaseDepth(int value) {
    return with(6, value);
  }

  /**
   * The one copy path of the withers: these limits with the component at {@code index} (in
   * declaration order) replaced, validated by the canonical constructor like any other.
   */
  private Limits with(int index, int value) {
    int[] v = {
      maxUpstreamQueries,
      maxQueriesPerName,
      maxNameServersPerDelegation,
      maxGluelessFetchesPerDelegation,
      maxNameServerNxdomains,
      maxAliasHops,
      maxChaseDepth
    };
    v[index] = value;
    return new Limits(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }
}
