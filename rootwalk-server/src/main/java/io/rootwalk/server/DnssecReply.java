package io.rootwalk.server;

import io.rootwalk.Resolution;
import io.rootwalk.Status;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What DNSSEC changes in a reply to a stub: which clients get the DNSSEC records and where they go,
 * and when the header says AD. A client that did not set DO gets the reply it always got.
 *
 * <ul>
 *   <li>RFC 4035 section 3.2.1: the RRSIGs, NSEC and NSEC3 records go only to a client that set DO;
 *       each RRSIG follows the RRset it covers (section 3.1.1), and the proof of a denial, or of a
 *       wildcard expansion, goes in the authority section with its RRSIGs (sections 3.1.3, 3.1.4).
 *   <li>RFC 6840 section 5.8: AD only to a client that set DO or AD, and only on an answer the
 *       resolver found SECURE (RFC 4035 section 3.2.3: every RRset authentic).
 *   <li>RFC 4035 section 3.2.2: a client that set CD validates for itself and gets the data even
 *       when it is bogus; its reply never says AD, since what this server thinks of the data is not
 *       what that client asked for.
 * </ul>
 */
final class DnssecReply {

  private DnssecReply() {}

  /** Whether the query's OPT has the DO bit (RFC 3225): the client wants DNSSEC records. */
  static boolean dnssecOk(Message query) {
    OPTRecord opt = query.getOPT();
    return opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
  }

  /**
   * Fills the answer and authority sections of {@code response} from {@code r}: its records as they
   * are for a DO=0 client, with the DNSSEC records in their places for a DO=1 one.
   */
  static void addSections(Message response, Message query, Resolution r) {
    List<Record> dnssec = dnssecOk(query) ? r.dnssecRecords() : List.of();
    if (dnssec.isEmpty()) {
      // A DO=0 client, or an unsigned zone: the sections as they always were, nothing to place.
      r.answers().forEach(record -> response.addRecord(record, Section.ANSWER));
      r.authority().forEach(record -> response.addRecord(record, Section.AUTHORITY));
      return;
    }
    boolean[] placed = new boolean[dnssec.size()];
    addSigned(response, r.answers(), dnssec, placed, Section.ANSWER);
    addSigned(response, r.authority(), dnssec, placed, Section.AUTHORITY);
    // What no answer or authority RRset accounts for: the NSEC or NSEC3 proof and its RRSIGs.
    List<Record> proof = new ArrayList<>();
    List<Record> proofSigs = new ArrayList<>();
    for (int i = 0; i < dnssec.size(); i++) {
      if (!placed[i]) {
        (dnssec.get(i) instanceof RRSIGRecord ? proofSigs : proof).add(dnssec.get(i));
      }
    }
    boolean[] sigPlaced = new boolean[proofSigs.size()];
    addSigned(response, proof, proofSigs, sigPlaced, Section.AUTHORITY);
    for (int i = 0; i < proofSigs.size(); i++) {
      if (!sigPlaced[i]) {
        response.addRecord(proofSigs.get(i), Section.AUTHORITY); // an RRSIG of nothing we hold
      }
    }
  }

  /** Sets AD on {@code response} when {@link #authenticated} says so. */
  static void markAuthenticated(Message response, Message query, Resolution r) {
    if (authenticated(query, r)) {
      response.getHeader().setFlag(Flags.AD);
    }
  }

  /**
   * Whether the reply to {@code query} may say AD: the resolver found the answer SECURE, the client
   * asked for AD (by DO, or by AD in the query, RFC 6840 section 5.7) and did not disable checking.
   */
  static boolean authenticated(Message query, Resolution r) {
    boolean asked = dnssecOk(query) || query.getHeader().getFlag(Flags.AD);
    return asked
        && !query.getHeader().getFlag(Flags.CD)
        && r.status() != Status.SERVFAIL
        && r.security().authenticated();
  }

  /**
   * Adds {@code records} to {@code section}, each RRset (a run of one owner and type) followed by
   * the RRSIGs of {@code sigs} that cover it, which are then marked in {@code placed}.
   */
  private static void addSigned(
      Message response, List<Record> records, List<Record> sigs, boolean[] placed, int section) {
    for (int i = 0; i < records.size(); i++) {
      Record record = records.get(i);
      response.addRecord(record, section);
      boolean lastOfRRset = i + 1 == records.size() || !sameRRset(record, records.get(i + 1));
      if (lastOfRRset) {
        for (int s = 0; s < sigs.size(); s++) {
          if (!placed[s] && covers(sigs.get(s), record)) {
            response.addRecord(sigs.get(s), section);
            placed[s] = true;
          }
        }
      }
    }
  }

  private static boolean sameRRset(Record a, Record b) {
    return a.getType() == b.getType() && a.getName().equals(b.getName());
  }

  private static boolean covers(Record sig, Record record) {
    return sig instanceof RRSIGRecord rrsig
        && rrsig.getTypeCovered() == record.getType()
        && rrsig.getName().equals(record.getName());
  }
}
