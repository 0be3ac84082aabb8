package io.rootwalk.check;

/** Where a {@link NameServerReport} address came from; one address may come from several. */
public enum AddressSource {
  /** The parent's referral carried it as glue (RFC 9471). */
  GLUE,
  /** The resolver looked the NS name up (A or AAAA) from the root down. */
  RESOLVED,
  /**
   * One of the zone's own servers gave it, authoritatively, for an NS name inside the zone: the
   * address glue has to match.
   */
  CHILD
}
