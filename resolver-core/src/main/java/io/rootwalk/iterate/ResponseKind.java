package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * What a scrubbed response means for the walk (Unbound's {@code response_type}). The classifier
 * decides; the walk dispatches on it.
 */
sealed interface ResponseKind {

  /** The root NS set, answering a priming query (RFC 8109 section 3). */
  record PrimingAnswer(RRset rootNs, List<RRset> addresses) implements ResponseKind {}

  /** The final data, after any alias chain the server could follow itself. */
  record Answer(List<RRset> rrsets) implements ResponseKind {}

  /** An alias chain ending at {@code target}, which this server did not answer for. */
  record Alias(List<RRset> chain, Name target) implements ResponseKind {}

  /** A delegation to {@code child}, strictly below the asked zone and containing the name. */
  record Referral(Name child, RRset ns, List<RRset> addresses) implements ResponseKind {}

  record NxDomain(List<RRset> chain, Name name, Optional<SOARecord> soa) implements ResponseKind {}

  record NoData(List<RRset> chain, Name name, Optional<SOARecord> soa) implements ResponseKind {}

  record Lame(LameReason reason, int rcode, String detail) implements ResponseKind {}

  record EdnsRejected(int rcode) implements ResponseKind {}

  record Truncated() implements ResponseKind {}

  static List<Record> records(List<RRset> rrsets) {
    List<Record> out = new ArrayList<>();
    for (RRset s : rrsets) {
      out.addAll(s.rrs(false));
    }
    return out;
  }
}
