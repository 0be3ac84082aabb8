package io.rootwalk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * What one upstream exchange came to, after the bailiwick scrubber removed what the server had no
 * authority to say and the classifier decided what the rest means (Unbound's {@code iter_resptype},
 * made a sealed type so every consumer handles every case). Each {@link TraceStep.Exchange} holds
 * one.
 *
 * <p>Records and names are as the server sent them, TTLs included. With QNAME minimisation (RFC
 * 9156) some exchanges are probes for a shorter name than the question's; their outcome is about
 * the probe: an {@link Answer} or {@link NoData} there only shows there is no zone cut at it.
 */
public sealed interface Outcome {

  /**
   * The flat name of this outcome, one per record type, so whole trace shapes can be compared.
   *
   * @return the {@link StepKind} named like the record: {@link StepKind#REFERRAL} for a {@link
   *     Referral}, and so on; what {@link TraceStep#kind()} reports for the exchange
   */
  default StepKind kind() {
    if (this instanceof Priming) {
      return StepKind.PRIMING;
    } else if (this instanceof Referral) {
      return StepKind.REFERRAL;
    } else if (this instanceof Answer) {
      return StepKind.ANSWER;
    } else if (this instanceof Cname) {
      return StepKind.CNAME;
    } else if (this instanceof NxDomain) {
      return StepKind.NXDOMAIN;
    } else if (this instanceof YxDomain) {
      return StepKind.YXDOMAIN;
    } else if (this instanceof NoData) {
      return StepKind.NODATA;
    } else if (this instanceof Lame) {
      return StepKind.LAME;
    } else if (this instanceof EdnsRejected) {
      return StepKind.EDNS_REJECTED;
    } else if (this instanceof Truncated) {
      return StepKind.TRUNCATED;
    } else if (this instanceof Timeout) {
      return StepKind.TIMEOUT;
    } else if (this instanceof Malformed) {
      return StepKind.MALFORMED;
    } else if (this instanceof Unreachable) {
      return StepKind.UNREACHABLE;
    }
    throw new AssertionError("no step kind for " + this);
  }

  /**
   * The root name servers learned from a priming query (RFC 8109): the walk then trusts the root's
   * own NS set, not the possibly dated hints.
   *
   * @param rootServers the root NS names the root returned
   * @param addresses how many addresses are known for them: from the response's additional section,
   *     plus hint addresses for names it gave none (RFC 8109 section 3.3)
   */
  record Priming(List<Name> rootServers, int addresses) implements Outcome {
    /**
     * Copies the list.
     *
     * @param rootServers the root NS names
     * @param addresses how many addresses are known for them
     */
    public Priming {
      rootServers = List.copyOf(rootServers);
    }
  }

  /**
   * A delegation to {@code child}: its name servers, the glue accepted for them, and the in-domain
   * name servers that came without glue (and so cannot be reached through this referral).
   *
   * @param child the delegated zone, strictly below the zone asked and containing the query name
   *     (anything else is {@link LameReason#UPWARD_REFERRAL} or {@link
   *     LameReason#SIDEWAYS_REFERRAL})
   * @param nameServers the child's NS names, without repeats, at most {@link
   *     Limits#maxNameServersPerDelegation()}
   * @param glue the addresses used for them: in-domain glue always, sibling glue as {@link
   *     SiblingGluePolicy} says
   * @param glueMissing name servers inside {@code child} that came without glue: resolving them
   *     would need this very delegation (RFC 9471), so only other servers can be used
   */
  record Referral(
      Name child, List<Name> nameServers, List<ServerAddress> glue, List<Name> glueMissing)
      implements Outcome {
    /**
     * Copies the lists.
     *
     * @param child the delegated zone
     * @param nameServers its NS names
     * @param glue the glue used
     * @param glueMissing in-domain name servers without glue
     * @throws NullPointerException if {@code child} is null
     */
    public Referral {
      Objects.requireNonNull(child, "child");
      nameServers = List.copyOf(nameServers);
      glue = List.copyOf(glue);
      glueMissing = List.copyOf(glueMissing);
    }
  }

  /**
   * The data asked for, with any CNAME/DNAME records the server followed in the same response.
   *
   * @param records the alias chain, if any, then the final RRset
   * @param authoritative whether the response had the AA bit; an answer without it from a server
   *     that offers no recursion is used but cached below authoritative data (RFC 2181 section
   *     5.4.1), and one from a recursive server is only a last resort
   */
  record Answer(List<Record> records, boolean authoritative) implements Outcome {
    /**
     * Copies the list.
     *
     * @param records the chain and the final RRset
     * @param authoritative whether the AA bit was set
     */
    public Answer {
      records = List.copyOf(records);
    }
  }

  /**
   * An alias (CNAME, or DNAME with its synthesized CNAME, RFC 6672) whose target this server did
   * not answer for: resolution continues at {@code target}, from the closest zone cut known for it.
   * A minimised probe that meets an alias records one with an empty chain and the full query name
   * as target: minimisation stops there and the full name is asked (RFC 9156 section 3).
   *
   * @param chain the alias records, in chain order
   * @param target the name resolution continues at
   */
  record Cname(List<Record> chain, Name target) implements Outcome {
    /**
     * Copies the list.
     *
     * @param chain the alias records
     * @param target where resolution continues
     * @throws NullPointerException if {@code target} is null
     */
    public Cname {
      chain = List.copyOf(chain);
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * A DNAME substitution that would exceed 255 octets (RFC 6672 section 2.2), computed by the
   * resolver from the DNAME itself: the lookup ends YXDOMAIN.
   *
   * @param chain the alias chain up to and including the overflowing DNAME
   */
  record YxDomain(List<Record> chain) implements Outcome {
    /**
     * Copies the list.
     *
     * @param chain the chain
     */
    public YxDomain {
      chain = List.copyOf(chain);
    }
  }

  /**
   * The name does not exist (RFC 1035 NXDOMAIN); after an alias chain, the rcode is about the
   * chain's last name (RFC 6604).
   *
   * @param soa the zone's SOA from the authority section: min(its TTL, its MINIMUM) is how long the
   *     answer is cached (RFC 2308 section 5); without one it is not cached at all
   * @param chain aliases followed on the way, in the same response
   */
  record NxDomain(Optional<SOARecord> soa, List<Record> chain) implements Outcome {
    /**
     * Copies the list.
     *
     * @param soa the SOA, if the server sent one
     * @param chain the aliases followed
     * @throws NullPointerException if {@code soa} is null
     */
    public NxDomain {
      Objects.requireNonNull(soa, "soa");
      chain = List.copyOf(chain);
    }
  }

  /**
   * The name exists without data of the asked type (NODATA, RFC 2308 section 2.2: NOERROR and no
   * answer for the name and type).
   *
   * @param soa the zone's SOA from the authority section: min(its TTL, its MINIMUM) is how long the
   *     answer is cached (RFC 2308 section 5); without one it is not cached at all
   * @param chain aliases followed on the way, in the same response
   */
  record NoData(Optional<SOARecord> soa, List<Record> chain) implements Outcome {
    /**
     * Copies the list.
     *
     * @param soa the SOA, if the server sent one
     * @param chain the aliases followed
     * @throws NullPointerException if {@code soa} is null
     */
    public NoData {
      Objects.requireNonNull(soa, "soa");
      chain = List.copyOf(chain);
    }
  }

  /**
   * The server is lame for this zone; the next server is tried.
   *
   * @param reason what the response showed
   * @param rcode the response's rcode; NOERROR or NXDOMAIN when the content was the problem (no AA
   *     bit, a referral upward or sideways)
   * @param detail for people: what exactly was wrong
   */
  record Lame(LameReason reason, int rcode, String detail) implements Outcome {
    /**
     * Checks that the reason and detail are present.
     *
     * @param reason what the response showed
     * @param rcode the response's rcode
     * @param detail what exactly was wrong
     * @throws NullPointerException if {@code reason} or {@code detail} is null
     */
    public Lame {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * The rcode as a mnemonic, for messages.
     *
     * @return e.g. {@code "REFUSED"}; {@code "RESERVED4000"} for an unassigned value
     */
    public String rcodeName() {
      return Rcode.string(rcode);
    }
  }

  /**
   * The server rejected the EDNS(0) query (FORMERR, NOTIMP or BADVERS, RFC 6891 section 7); it is
   * asked again without EDNS, and remembered as not speaking EDNS.
   *
   * @param rcode the rejecting rcode
   */
  record EdnsRejected(int rcode) implements Outcome {}

  /** The UDP response had TC set (RFC 7766, RFC 9471): the same query is retried over TCP. */
  record Truncated() implements Outcome {}

  /**
   * No matching response within the timeout. Datagrams that did not match the query's ID, question
   * and source (RFC 5452 section 9.1) were ignored, not taken as the answer.
   *
   * @param after how long the resolver waited: the server's RTT-derived timeout (RFC 6298), the
   *     full query timeout for a server not yet measured, or less when the lookup's deadline came
   *     first
   */
  record Timeout(Duration after) implements Outcome {
    /**
     * Checks that the wait is present.
     *
     * @param after how long the resolver waited
     * @throws NullPointerException if {@code after} is null
     */
    public Timeout {
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The server's reply had the query's ID but did not parse as DNS.
   *
   * @param detail what failed to parse
   */
  record Malformed(String detail) implements Outcome {
    /**
     * Checks that the detail is present.
     *
     * @param detail what failed to parse
     * @throws NullPointerException if {@code detail} is null
     */
    public Malformed {
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * The server could not be reached (port unreachable, connection refused, no route).
   *
   * @param detail the transport's account of the failure
   */
  record Unreachable(String detail) implements Outcome {
    /**
     * Checks that the detail is present.
     *
     * @param detail the transport's account of the failure
     * @throws NullPointerException if {@code detail} is null
     */
    public Unreachable {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
