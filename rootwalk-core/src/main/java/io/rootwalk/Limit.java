package io.rootwalk;

/**
 * The bounds a lookup can reach, as counted by {@link LookupStatistics#limitsReached(Limit)} and
 * named by the JFR event {@code io.rootwalk.LimitReached}. All but two end the lookup in SERVFAIL
 * {@link FailureReason#LIMIT_EXCEEDED}: {@link #MAX_QUEUED_LOOKUPS} ends it in {@link
 * FailureReason#OVERLOADED}, and {@link #MAX_NAME_SERVERS_PER_DELEGATION} only cuts a referral's NS
 * set short, the lookup going on with the rest.
 */
public enum Limit {
  /** {@link Limits#maxUpstreamQueries()}: the queries one client lookup may send. */
  MAX_UPSTREAM_QUERIES("maxUpstreamQueries"),
  /** {@link Limits#maxQueriesPerName()}: the queries spent on one name. */
  MAX_QUERIES_PER_NAME("maxQueriesPerName"),
  /** {@link Limits#maxNameServersPerDelegation()}: NS names read from one referral. */
  MAX_NAME_SERVERS_PER_DELEGATION("maxNameServersPerDelegation"),
  /** {@link Limits#maxGluelessFetchesPerDelegation()}: address chases one zone cut may start. */
  MAX_GLUELESS_FETCHES_PER_DELEGATION("maxGluelessFetchesPerDelegation"),
  /** {@link Limits#maxNameServerNxdomains()}: chased name servers that do not exist. */
  MAX_NAME_SERVER_NXDOMAINS("maxNameServerNxdomains"),
  /** {@link Limits#maxAliasHops()}: CNAME and DNAME links followed. */
  MAX_ALIAS_HOPS("maxAliasHops"),
  /** {@link Limits#maxChaseDepth()}: nesting of name-server chases. */
  MAX_CHASE_DEPTH("maxChaseDepth"),
  /**
   * {@link ResolverBuilder#maxQueuedLookups}: every slot was taken and the admission queue was
   * full.
   */
  MAX_QUEUED_LOOKUPS("maxQueuedLookups"),
  /** The engine's guard against a walk that spins (10,000 state transitions): a bug if seen. */
  WALK_TRANSITIONS("walkTransitions");

  private final String setting;

  Limit(String setting) {
    this.setting = setting;
  }

  /**
   * The limit's name as the builder and {@link Limits} spell it, as metrics tag it and failure
   * details name it.
   *
   * @return such as {@code "maxUpstreamQueries"}
   */
  public String setting() {
    return setting;
  }
}
