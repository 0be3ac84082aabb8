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
 * What one upstream exchange came to, after scrubbing and classification (Unbound's {@code
 * iter_resptype}, made a sealed type so every consumer handles every case).
 */
public sealed interface Outcome {

  /** The fine-grained kind of this outcome, as used in {@link TraceStep#kind()}. */
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

  /** The root name servers learned from a priming query (RFC 8109). */
  record Priming(List<Name> rootServers, int addresses) implements Outcome {
    public Priming {
      rootServers = List.copyOf(rootServers);
    }
  }

  /**
   * A delegation to {@code child}: its name servers, the glue accepted for them, and the
   * in-domain name servers that came without glue (and so cannot be reached through this
   * referral).
   */
  record Referral(Name child, List<Name> nameServers, List<Glue> glue, List<Name> glueMissing)
      implements Outcome {
    public Referral {
      Objects.requireNonNull(child, "child");
      nameServers = List.copyOf(nameServers);
      glue = List.copyOf(glue);
      glueMissing = List.copyOf(glueMissing);
    }
  }

  /** The data asked for, with any CNAME/DNAME records the server followed in the same response. */
  record Answer(List<Record> records, boolean authoritative) implements Outcome {
    public Answer {
      records = List.copyOf(records);
    }
  }

  /**
   * An alias (CNAME, or DNAME with its synthesized CNAME, RFC 6672) whose target this server did
   * not answer for: resolution continues at {@code target}.
   */
  record Cname(List<Record> chain, Name target) implements Outcome {
    public Cname {
      chain = List.copyOf(chain);
      Objects.requireNonNull(target, "target");
    }
  }

  /** The name does not exist; {@code chain} holds aliases followed on the way. */
  record NxDomain(Optional<SOARecord> soa, List<Record> chain) implements Outcome {
    public NxDomain {
      Objects.requireNonNull(soa, "soa");
      chain = List.copyOf(chain);
    }
  }

  /** The name exists without data of the asked type. */
  record NoData(Optional<SOARecord> soa, List<Record> chain) implements Outcome {
    public NoData {
      Objects.requireNonNull(soa, "soa");
      chain = List.copyOf(chain);
    }
  }

  /** The server is lame for this zone; the next server is tried. */
  record Lame(LameReason reason, int rcode, String detail) implements Outcome {
    public Lame {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }


    public String rcodeName() {
      return Rcode.string(rcode);
    }
  }

  /**
   * The server rejected the EDNS(0) query (FORMERR, NOTIMP or BADVERS, RFC 6891 section 7); it
   * is asked again without EDNS.
   */
  record EdnsRejected(int rcode) implements Outcome {}

  /** The UDP response had TC set (RFC 7766, RFC 9471): the same query is retried over TCP. */
  record Truncated() implements Outcome {}

  /** No matching response within the timeout. */
  record Timeout(Duration after) implements Outcome {
    public Timeout {
      Objects.requireNonNull(after, "after");
    }
  }

  /** The server's reply did not parse as DNS. */
  record Malformed(String detail) implements Outcome {
    public Malformed {
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The server could not be reached (port unreachable, connection refused). */
  record Unreachable(String detail) implements Outcome {
    public Unreachable {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
