package io.rootwalk;

/**
 * Per-lookup work limits. A lookup that reaches one ends in SERVFAIL with {@link
 * FailureReason#LIMIT_EXCEEDED} and a detail naming the limit. The defaults are no looser than
 * Unbound's and BIND's; what each one stops is said at its accessor.
 *
 * @param maxUpstreamQueries all queries one client lookup may send, chases included (Unbound
 *     {@code max-global-quota}, BIND {@code max-query-count}: 200). Caps the amplification a
 *     hostile zone can buy with one query (NXNSAttack).
 * @param maxQueriesPerName queries spent on one name before giving up on it; reset by a CNAME hop
 *     (Unbound {@code max-sent-count}: 32)
 * @param maxNameServersPerDelegation NS names considered per delegation (13, as many as fit a
 *     512-byte referral)
 * @param maxGluelessFetchesPerDelegation glueless NS names chased per delegation (Unbound's target
 *     fetch policy, NXNSAttack mitigation: 5)
 * @param maxNameServerNxdomains chased NS names that may come back NXDOMAIN per lookup (Unbound
 *     {@code MAX_TARGET_NX}, Knot {@code KR_COUNT_NO_NSADDR_LIMIT}: 5)
 * @param maxAliasHops CNAME/DNAME links followed (11, as Unbound's {@code MAX_RESTART_COUNT})
 * @param maxChaseDepth nesting of name-server chases (6); a glueless chain of depth 3 resolves
 */
public record Limits(
    int maxUpstreamQueries,
    int maxQueriesPerName,
    int maxNameServersPerDelegation,
    int maxGluelessFetchesPerDelegation,
    int maxNameServerNxdomains,
    int maxAliasHops,
    int maxChaseDepth) {

  /** The defaults described above. */
  public static final Limits DEFAULT = new Limits(200, 32, 13, 5, 5, 11, 6);

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

  public Limits withMaxUpstreamQueries(int value) {
    return with(0, value);
  }

  public Limits withMaxQueriesPerName(int value) {
    return with(1, value);
  }

  public Limits withMaxNameServersPerDelegation(int value) {
    return with(2, value);
  }

  public Limits withMaxGluelessFetchesPerDelegation(int value) {
    return with(3, value);
  }

  public Limits withMaxNameServerNxdomains(int value) {
    return with(4, value);
  }

  public Limits withMaxAliasHops(int value) {
    return with(5, value);
  }

  public Limits withMaxChaseDepth(int value) {
    return with(6, value);
  }

  /**
   * The one copy path of the withers: these limits with the component at {@code index} (in
   * declaration order) replaced, validated by the canonical constructor like any other.
   */
  private Limits with(int index, int value) {
    int[] v = {maxUpstreamQueries, maxQueriesPerName, maxNameServersPerDelegation,
        maxGluelessFetchesPerDelegation, maxNameServerNxdomains, maxAliasHops, maxChaseDepth};
    v[index] = value;
    return new Limits(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }
}
