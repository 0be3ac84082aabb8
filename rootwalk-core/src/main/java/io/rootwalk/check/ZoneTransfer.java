package io.rootwalk.check;

/**
 * What one address did with the check's AXFR request over TCP. The attempt is not a trace step (a
 * zone transfer is not a lookup, so a {@code Question} cannot express it); this is its record.
 */
public enum ZoneTransfer {
  /** Not asked: {@link CheckOptions#zoneTransfer()} was off, or the address answered nothing. */
  NOT_TRIED,
  /**
   * Turned down with an error rcode (REFUSED from NSD and BIND, NOTAUTH from Knot): as it should.
   */
  REFUSED,
  /** No response, or one that did not parse: as good as refused, if less polite. */
  NO_ANSWER,
  /** The zone was handed out: {@link FindingCode#ZONE_TRANSFER_OPEN}. */
  ALLOWED
}
