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
 * @param signatureChecks DNSSEC signature verifications the validation made, key-set links
 *     included: the work KeyTrap (CVE-2023-50387) inflates, capped per lookup
 * @param nsec3Hashes NSEC3 owner-name hashes the validation computed (CVE-2023-50868), capped per
 *     lookup
 */
public record WorkSpent(
    int upstreamQueries,
    int aliasHops,
    int nameServerChases,
    int maxChaseDepth,
    int nameServerNxdomains,
    int signatureChecks,
    int nsec3Hashes) {

  /** Nothing spent: the counters of a lookup that sent no query and chased nothing. */
  public static final WorkSpent NONE = new WorkSpent(0, 0, 0, 0, 0, 0, 0);

  /**
   * What a walk spent, before any validation.
   *
   * @param upstreamQueries every exchange sent
   * @param aliasHops alias links followed
   * @param nameServerChases chases started
   * @param maxChaseDepth the deepest chase
   * @param nameServerNxdomains chased names that did not exist
   */
  public WorkSpent(
      int upstreamQueries,
      int aliasHops,
      int nameServerChases,
      int maxChaseDepth,
      int nameServerNxdomains) {
    this(upstreamQueries, aliasHops, nameServerChases, maxChaseDepth, nameServerNxdomains, 0, 0);
  }

  /**
   * These counters with the validation's work added.
   *
   * @param checks signature verifications made
   * @param hashes NSEC3 hashes computed
   * @return the sum
   */
  public WorkSpent withValidation(int checks, int hashes) {
    return new WorkSpent(
        upstreamQueries,
        aliasHops,
        nameServerChases,
        maxChaseDepth,
        nameServerNxdomains,
        signatureChecks + checks,
        nsec3Hashes + hashes);
  }
}
