package io.rootwalk;

/**
 * How the resolver learned a name server's address. Kept with the address when it is cached, so the
 * trace can say that a server was reached through glue learned three lookups ago.
 */
public enum Provenance {
  /** From the configured root hints file. */
  ROOT_HINT("root hint"),
  /** From the additional section of a root priming response (RFC 8109). */
  PRIMING("priming"),
  /** Glue for a name server inside the delegated zone (RFC 9471: required). */
  IN_DOMAIN_GLUE("in-domain glue"),
  /**
   * Glue for a name server inside the referring zone but outside the delegated one, e.g. {@code
   * a.gtld-servers.net} in the root's referral for {@code com.}.
   */
  SIBLING_GLUE("sibling glue"),
  /** Resolved by a nested lookup of the name server's own name. */
  CHASED("chased"),
  /**
   * Given by the zone's own servers with its NS RRset in an authoritative answer (the child side,
   * RFC 2181 section 5.4.1): used to reach the zone, never returned as an answer.
   */
  CHILD_SIDE("child-side");

  private final String label;

  Provenance(String label) {
    this.label = label;
  }

  /**
   * A short lower-case label for traces and JSON.
   *
   * @return e.g. {@code "in-domain glue"}
   */
  public String label() {
    return label;
  }
}
