package io.rootwalk.dnssec;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Puts a resolution's records back into RRsets with their signatures, the unit every DNSSEC check
 * works on (RFC 4034 section 3: an RRSIG covers one RRset, named by owner, class and type).
 */
final class SignedRRsets {

  private SignedRRsets() {}

  /**
   * Groups {@code data} by owner and type, in the order each RRset first appears, and adds to each
   * the RRSIGs of {@code signatures} that cover it. RRSIGs covering nothing in {@code data} are
   * left out, and so are non-RRSIG records of {@code signatures}.
   *
   * @param data records of one or more RRsets
   * @param signatures RRSIG records, in any order
   * @return the RRsets, each with its signatures
   */
  static List<RRset> group(List<Record> data, List<Record> signatures) {
    List<RRset> out = new ArrayList<>();
    for (Record r : data) {
      if (r.getType() == Type.RRSIG) {
        continue;
      }
      RRset into = null;
      for (RRset s : out) {
        if (s.getType() == r.getType() && s.getName().equals(r.getName())) {
          into = s;
          break;
        }
      }
      if (into == null) {
        into = new RRset();
        out.add(into);
      }
      into.addRR(r);
    }
    for (Record r : signatures) {
      if (!(r instanceof RRSIGRecord)) {
        continue;
      }
      RRSIGRecord sig = (RRSIGRecord) r;
      for (RRset s : out) {
        if (s.getType() == sig.getTypeCovered() && s.getName().equals(sig.getName())) {
          s.addRR(sig);
          break;
        }
      }
    }
    return out;
  }

  /**
   * The NSEC and NSEC3 RRsets of a resolution's DNSSEC records, each with its signatures: the
   * proofs of a denial (or of a wildcard's next closer name).
   *
   * @param dnssec the resolution's DNSSEC records
   * @return the NSEC and NSEC3 RRsets
   */
  static List<RRset> denials(List<Record> dnssec) {
    List<Record> data = new ArrayList<>();
    for (Record r : dnssec) {
      if (r.getType() == Type.NSEC || r.getType() == Type.NSEC3) {
        data.add(r);
      }
    }
    return group(data, dnssec);
  }
}
