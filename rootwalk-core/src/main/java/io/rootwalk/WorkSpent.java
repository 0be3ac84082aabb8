package io.rootwalk;

/**
 * What one lookup spent from each of its {@link Limits}, chases included: how close it came to each
 * limit. A nested chase's trace carries the lookup's running totals at the end of that chase.
 *
 * @param upstreamQueries every exchange sent: priming, retries and nested chases included
 * @param aliasHops CNAME and DNAME links followed
 * @param nameServerChases nested lookups of name-server addresses started
 * @param maxChaseDepth the deepest nesting of chases reached
 * @param nameServerNxdomains chased name-server names that turned out not to exist
 */
public record WorkSpent(
    int upstreamQueries,
    int aliasHops,
    int nameServerChases,
    int maxChaseDepth,
    int nameServerNxdomains) {

  /** Nothing spent: the counters of a lookup that sent no query and chased nothing. */
  public static final WorkSpent NONE = new WorkSpent(0, 0, 0, 0, 0);
}
