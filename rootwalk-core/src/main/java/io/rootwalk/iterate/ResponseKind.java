package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * What a scrubbed response means for the walk (Unbound's {@code response_type}). The classifier
 * decides; the walk dispatches on it; {@link #outcome()} is how the trace reports it.
 */
sealed interface ResponseKind {

  /** The root NS set, answering a priming query (RFC 8109 section 3). */
  record PrimingAnswer(RRset rootNs, List<RRset> addresses) implements ResponseKind {}

  /** Data for the question, at some level of {@link Authority}. */
  sealed interface Data extends ResponseKind {
    /** How far the data may be believed. */
    Authority authority();
  }

  /** The final data, after any alias chain the server could follow itself. */
  record Answer(List<RRset> rrsets, Authority authority) implements Data {}

  /** An alias chain ending at {@code target}, which this server did not answer for. */
  record Alias(List<RRset> chain, Name target, Authority authority) implements Data {}

  /**
   * A DNAME whose substitution would exceed 255 octets (RFC 6672 section 2.2): the answer is
   * YXDOMAIN, with the chain up to and including that DNAME. Computed here, never taken on the
   * server's word alone.
   */
  record YxDomain(List<RRset> chain) implements ResponseKind {}

  /** A delegation to {@code child}, strictly below the asked zone and containing the name. */
  record Referral(Name child, RRset ns, List<RRset> addresses) implements ResponseKind {}

  /** NXDOMAIN or NODATA for {@code name}, at the end of {@code chain}, with the zone's SOA. */
  sealed interface Denial extends Data {
    List<RRset> chain();

    Name name();

    Optional<SOARecord> soa();

    /** How the lookup ends when this denial is the answer. */
    Status status();
  }

  record NxDomain(List<RRset> chain, Name name, Optional<SOARecord> soa, Authority authority)
      implements Denial {
    @Override
    public Status status() {
      return Status.NXDOMAIN;
    }
  }

  record NoData(List<RRset> chain, Name name, Optional<SOARecord> soa, Authority authority)
      implements Denial {
    @Override
    public Status status() {
      return Status.NODATA;
    }
  }

  record Lame(LameReason reason, int rcode, String detail) implements ResponseKind {}

  record EdnsRejected(int rcode) implements ResponseKind {}

  record Truncated() implements ResponseKind {}

  /**
   * The trace's view of this response. Referrals and priming answers are reported with the
   * delegation read from them, so they have no outcome of their own here.
   */
  default Outcome outcome() {
    if (this instanceof Answer a) {
      return new Outcome.Answer(records(a.rrsets()), a.authority() == Authority.AUTHORITATIVE);
    }
    if (this instanceof YxDomain y) {
      return new Outcome.YxDomain(records(y.chain()));
    }
    if (this instanceof Alias a) {
      return new Outcome.Cname(records(a.chain()), a.target());
    }
    if (this instanceof NxDomain nx) {
      return new Outcome.NxDomain(nx.soa(), records(nx.chain()));
    }
    if (this instanceof NoData nd) {
      return new Outcome.NoData(nd.soa(), records(nd.chain()));
    }
    if (this instanceof Lame l) {
      return new Outcome.Lame(l.reason(), l.rcode(), l.detail());
    }
    if (this instanceof EdnsRejected e) {
      return new Outcome.EdnsRejected(e.rcode());
    }
    if (this instanceof Truncated) {
      return new Outcome.Truncated();
    }
    throw new IllegalStateException(this + " is reported with the delegation read from it");
  }

  /**
   * The records of {@code rrsets}, each RRset's RRSIGs after its data: they travel with the data
   * until {@link AnswerChain} sets them apart for the validator.
   */
  static List<Record> records(List<RRset> rrsets) {
    List<Record> out = new ArrayList<>();
    for (RRset s : rrsets) {
      out.addAll(s.rrs(false));
      out.addAll(s.sigs());
    }
    return out;
  }

  /**
   * What proves a denial or a wildcard answer, from the scrubbed authority section: the NSEC and
   * NSEC3 RRsets with their RRSIGs, and the SOA's RRSIGs (the SOA itself is the answer's
   * authority). Servers send them only to queries with DO=1, so a resolver that does not validate
   * gets none.
   */
  static List<Record> proof(Scrubbed s) {
    List<Record> out = new ArrayList<>();
    for (RRset set : s.authority()) {
      if (set.getType() == Type.NSEC || set.getType() == Type.NSEC3) {
        out.addAll(set.rrs(false));
        out.addAll(set.sigs());
      } else if (set.getType() == Type.SOA) {
        out.addAll(set.sigs());
      }
    }
    return out;
  }
}
