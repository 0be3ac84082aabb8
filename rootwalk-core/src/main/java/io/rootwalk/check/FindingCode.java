package io.rootwalk.check;

/**
 * What a {@link Finding} found. The names are stable: they are part of the API and of {@code
 * rootwalk check --json}. Each carries the severity it is reported with ({@link #NS_TTL_LONG} is a
 * WARNING for the zone's own NS TTL and a NOTICE for the parent's) and a one-line fix for people.
 */
public enum FindingCode {
  /**
   * The zone cannot be resolved at all: a lookup of its SOA from the root fails. Always reported
   * with the findings that say why.
   */
  DELEGATION_BROKEN(
      Severity.ERROR, "Fix the errors listed with it; until then nobody can resolve the zone."),
  /**
   * A listed server does not serve the zone: it answers REFUSED, SERVFAIL, without AA, or with a
   * referral upwards (lame delegation, RFC 1912 section 2.8).
   */
  LAME_SERVER(
      Severity.ERROR,
      "Load the zone on this server, or remove it from the NS set at the parent and at the apex."),
  /** An address of a listed server never answers, over UDP or TCP. */
  SERVER_UNREACHABLE(
      Severity.ERROR,
      "Bring the server back, open port 53 to it, or remove the address (glue) and the NS."),
  /** The server answers over UDP but not over TCP (RFC 7766 section 5 makes TCP a must). */
  NO_TCP(Severity.WARNING, "Allow DNS over TCP port 53: answers too large for UDP need it."),
  /**
   * The server answers plain queries but not EDNS(0) ones: FORMERR, BADVERS or silence (RFC 6891;
   * DNS Flag Day 2019 stopped working around it).
   */
  EDNS_BROKEN(
      Severity.WARNING, "Upgrade the server or the firewall in front of it to pass EDNS(0)."),
  /**
   * An NS name inside the zone came without glue in the parent's referral: nobody can find its
   * address without already reaching the zone (RFC 9471).
   */
  MISSING_GLUE(
      Severity.ERROR, "Tell the registrar (the parent) the server's address: register the glue."),
  /**
   * The parent's glue for an NS name differs from the address the zone itself gives that name: the
   * glue was not updated when the server moved.
   */
  STALE_GLUE(
      Severity.ERROR, "Update the glue at the registrar to the addresses the zone now publishes."),
  /** The parent's NS set differs from the zone's own apex NS set (RFC 1034 section 4.2.2). */
  NS_PARENT_CHILD_MISMATCH(
      Severity.WARNING, "Make the NS set at the registrar and the apex NS records the same."),
  /** The zone's servers give different apex NS sets. */
  NS_INCONSISTENT(
      Severity.WARNING,
      "Bring every server up to date with the primary (check zone transfers and serials)."),
  /** The zone's servers give different SOA serials: a secondary is out of sync. */
  SOA_SERIAL_MISMATCH(
      Severity.WARNING,
      "Raise the serial on every change, and check that the secondaries transfer (NOTIFY, ACLs)."),
  /**
   * An NS TTL above the threshold (one day by default): a move to another provider takes that long
   * to be seen. A WARNING for the apex NS TTL, a NOTICE for the parent's delegation TTL.
   */
  NS_TTL_LONG(
      Severity.WARNING,
      "Lower the NS TTL (to an hour, say) a TTL's time before moving the zone to other servers."),
  /** An NS name that does not exist (NXDOMAIN) or has no address. */
  NS_UNRESOLVABLE(
      Severity.ERROR, "Give the name an A or AAAA record, or remove it from the NS sets."),
  /** An NS name that is a CNAME: RFC 2181 section 10.3 forbids it. */
  NS_IS_ALIAS(Severity.WARNING, "List the server's canonical name in the NS set, not an alias."),
  /** Fewer than two NS names (RFC 1034 section 4.1, RFC 2182 section 5). */
  TOO_FEW_NS(Severity.WARNING, "Add a second server, on another network."),
  /** Two NS names share one address, so they are one server. */
  SHARED_ADDRESS(Severity.WARNING, "Give each name server its own address, on its own host."),
  /**
   * Every address is in one IPv4 /24 and one IPv6 /48: one outage takes every server (RFC 2182
   * section 3.1).
   */
  SINGLE_NETWORK(Severity.NOTICE, "Put a server on another network or use a secondary service."),
  /**
   * The parent's referral, with the in-domain glue it needs, does not fit in a 512-byte response
   * without EDNS, so plain clients need TCP to follow it (RFC 9471 section 3).
   */
  REFERRAL_TOO_LARGE(
      Severity.WARNING, "Use fewer or shorter NS names, or fewer glue addresses per name."),
  /**
   * A listed server resolves names outside its zones for anyone: an amplifier for reflection
   * attacks and a target for cache poisoning (RFC 5358).
   */
  OPEN_RECURSION(
      Severity.WARNING,
      "Turn recursion off on authoritative servers, or limit it to your own clients."),
  /**
   * A server hands the whole zone to anyone who asks for an AXFR: zone contents leak (RFC 5936
   * section 6 asks for access control).
   */
  ZONE_TRANSFER_OPEN(
      Severity.WARNING, "Allow transfers only to the secondaries' addresses or TSIG keys.");

  private final Severity severity;
  private final String fix;

  FindingCode(Severity severity, String fix) {
    this.severity = severity;
    this.fix = fix;
  }

  /**
   * The severity this code is reported with; {@link #NS_TTL_LONG} is lowered to NOTICE when only
   * the parent's TTL is long.
   *
   * @return the usual severity
   */
  public Severity severity() {
    return severity;
  }

  /**
   * How to fix it, in one sentence for the zone's owner.
   *
   * @return the advice
   */
  public String fix() {
    return fix;
  }
}
