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
    positive("maxUpstreamQueries", maxUpstreamQueries);
    positive("maxQueriesPerName", maxQueriesPerName);
    positive("maxNameServersPerDelegation", maxNameServersPerDelegation);
    positive("maxGluelessFetchesPerDelegation", maxGluelessFetchesPerDelegation);
    if (maxNameServerNxdomains < 0) {
      throw new IllegalArgumentException("maxNameServerNxdomains must be >= 0 but was " + maxNameServerNxdomains);
    }
    if (maxAliasHops < 0) {
      throw new IllegalArgumentException("maxAliasHops must be >= 0 but was " + maxAliasHops);
    }
    if (maxChaseDepth < 0) {
      throw new IllegalArgumentException("maxChaseDepth must be >= 0 but was " + maxChaseDepth);
    }
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1 but was " + value);
    }
  }

  public Limits withMaxUpstreamQueries(int value) {
    return new Limits(value, maxQueriesPerName, maxNameServersPerDelegation,
        maxGluelessFetchesPerDelegation, maxNameServerNxdomains, maxAliasHops, maxChaseDepth);
  }

  public Limits withMaxQueriesPerName(int value) {
    return new Limits(maxUpstreamQueries, value, maxNameServersPerDelegation,
        maxGluelessFetchesPerDelegation, maxNameServerNxdomains, maxAliasHops, maxChaseDepth);
  }

  public Limits withMaxNameServersPerDelegation(int value) {
    return new Limits(maxUpstreamQueries, maxQueriesPerName, value,
        maxGluelessFetchesPerDelegation, maxNameServerNxdomains, maxAliasHops, maxChaseDepth);
  }

  public Limits withMaxGluelessFetchesPerDelegation(int value) {
    return new Limits(maxUpstreamQueries, maxQueriesPerName, maxNameServersPerDelegation,
        value, maxNameServerNxdomains, maxAliasHops, maxChaseDepth);
  }

  public Limits withMaxNameServerNxdomains(int value) {
    return new Limits(maxUpstreamQueries, maxQueriesPerName, maxNameServersPerDelegation,
        maxGluelessFetchesPerDelegation, value, maxAliasHops, maxChaseDepth);
  }

  public Limits withMaxAliasHops(int value) {
    return new Limits(maxUpstreamQueries, maxQueriesPerName, maxNameServersPerDelegation,
        maxGluelessFetchesPerDelegation, maxNameServerNxdomains, value, maxChaseDepth);
  }

  public Limits withMaxChaseDepth(int value) {
    return new Limits(maxUpstreamQueries, maxQueriesPerName, maxNameServersPerDelegation,
        maxGluelessFetchesPerDelegation, maxNameServerNxdomains, maxAliasHops, value);
  }
}
