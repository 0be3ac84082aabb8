package io.rootwalk;

/**
 * What to do with sibling glue: addresses for name servers inside the referring zone but outside
 * the delegated one ({@code a.gtld-servers.net} in the root's referral for {@code com.}).
 */
public enum SiblingGluePolicy {
  /**
   * Use it, marked as sibling glue in the trace. BIND, Unbound and Knot's default: the referring
   * zone is authoritative for the name's parent, so the data is within its bailiwick.
   */
  ACCEPT,
  /** Ignore it and resolve those names separately, as for out-of-bailiwick name servers. */
  RESOLVE
}
