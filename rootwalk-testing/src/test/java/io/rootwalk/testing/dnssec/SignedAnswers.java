package io.rootwalk.testing.dnssec;

import io.rootwalk.testing.AuthoritativeAnswerer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DO=1 questions to the servers of a signed world, and the check a validator starts with: does
 * every RRSIG of a response verify, with dnsjava's {@link DNSSEC#verify}, against a key of the
 * DNSKEY set its signer's zone publishes.
 */
final class SignedAnswers {

  private SignedAnswers() {}

  /** {@code server}'s answer to a DO=1 query for {@code qname}/{@code qtype}. */
  static Message ask(SignedWorld signed, String server, String qname, int qtype) {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString(qname), qtype, DClass.IN));
    query.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    return AuthoritativeAnswerer.forServer(signed.world(), server).answer(query);
  }

  /** The RRsets of one section, each with the RRSIGs of the section that cover it. */
  static List<RRset> rrsets(Message m, int section) {
    Map<String, RRset> sets = new LinkedHashMap<>();
    for (Record r : m.getSection(section)) {
      String key = r.getName() + "/" + Type.string(r.getRRsetType());
      sets.computeIfAbsent(key, k -> new RRset()).addRR(r);
    }
    return new ArrayList<>(sets.values());
  }

  /** The RRSIGs of every section of {@code m}. */
  static List<RRSIGRecord> signatures(Message m) {
    List<RRSIGRecord> sigs = new ArrayList<>();
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      rrsets(m, section).forEach(s -> sigs.addAll(s.sigs()));
    }
    return sigs;
  }

  /**
   * Verifies every RRSIG of {@code m} at the signed world's time.
   *
   * @return how many signatures verified
   * @throws AssertionError naming the first signature that does not
   */
  static int verifyAll(SignedWorld signed, Message m) {
    int verified = 0;
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (RRset rrset : rrsets(m, section)) {
        for (RRSIGRecord sig : rrset.sigs()) {
          verify(signed, rrset, sig);
          verified++;
        }
      }
    }
    return verified;
  }

  /** Verifies one signature with the key its signer's zone publishes under its key tag. */
  static void verify(SignedWorld signed, RRset rrset, RRSIGRecord sig) {
    DNSKEYRecord key = key(signed, sig);
    try {
      DNSSEC.verify(rrset, sig, key, signed.now());
    } catch (DNSSEC.DNSSECException e) {
      throw new AssertionError("RRSIG does not verify: " + sig + ": " + e.getMessage(), e);
    }
  }

  /** The published DNSKEY with the signature's tag and algorithm; the first if several. */
  static DNSKEYRecord key(SignedWorld signed, RRSIGRecord sig) {
    RRset keys = signed.rrset(sig.getSigner().toString(), Type.DNSKEY);
    for (Record r : keys.rrs(false)) {
      DNSKEYRecord k = (DNSKEYRecord) r;
      if (k.getFootprint() == sig.getFootprint() && k.getAlgorithm() == sig.getAlgorithm()) {
        return k;
      }
    }
    throw new AssertionError("zone " + sig.getSigner() + " publishes no key for " + sig);
  }

  /** "owner TYPE" (or "owner RRSIG TYPE") per record of a section but OPT, for assertions. */
  static List<String> types(Message m, int section) {
    return m.getSection(section).stream()
        .filter(r -> r.getType() != Type.OPT)
        .map(
            r ->
                r.getName()
                    + " "
                    + Type.string(r.getType())
                    + (r instanceof RRSIGRecord sig ? " " + Type.string(sig.getTypeCovered()) : ""))
        .toList();
  }
}
