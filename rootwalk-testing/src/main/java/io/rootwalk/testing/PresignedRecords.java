package io.rootwalk.testing;

import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The DNSSEC records one response of a pre-signed zone carries, as an authoritative server such as
 * NSD adds them to a DO=1 query: the RRSIGs of every RRset it returns, the DS set of a delegation
 * or the NSEC/NSEC3 proof that it has none, and the proofs of non-existence of RFC 4035 section
 * 3.1.3 and RFC 5155 section 7.2. The zone must already hold them (signed by a signer or by {@code
 * dnssec-signzone}); nothing is signed here. For a DO=0 query, or an unsigned zone, every method
 * adds nothing.
 */
final class PresignedRecords {

  private final ZoneIndex zone;
  private final Message response;
  private final boolean dnssec;

  PresignedRecords(ZoneIndex zone, Message response, boolean dnssec) {
    this.zone = zone;
    this.response = response;
    this.dnssec = dnssec;
  }

  /**
   * The RRSIGs of the RRset of {@code type} at {@code node}, given {@code owner} as theirs (a
   * wildcard's signatures take the query name, their labels field telling a validator so: RFC 4035
   * section 5.3.2).
   */
  void signaturesOf(Name node, int type, Name owner, int section) {
    if (!dnssec) {
      return;
    }
    for (Record sig : zone.signatures(node, type)) {
      add(node.equals(owner) ? sig : sig.withName(owner), section);
    }
  }

  /** The negative answer's SOA, with its signatures (RFC 4035 section 3.1.3.2). */
  void signedSoa(SOARecord soa) {
    response.addRecord(soa, Section.AUTHORITY);
    signaturesOf(soa.getName(), Type.SOA, soa.getName(), Section.AUTHORITY);
  }

  /**
   * Below a cut: the DS set and its signatures, else the proof that there is no DS (the NSEC or
   * NSEC3 at the cut, RFC 4035 section 3.1.4.1), else, in an NSEC3 opt-out zone, the closest
   * encloser proof whose next-closer span has the opt-out flag (RFC 5155 section 7.2.7).
   */
  void delegationSecurity(Name cut) {
    if (!dnssec) {
      return;
    }
    List<Record> ds = zone.rrset(cut, Type.DS);
    if (!ds.isEmpty()) {
      ds.forEach(r -> add(r, Section.AUTHORITY));
      signaturesOf(cut, Type.DS, cut, Section.AUTHORITY);
      return;
    }
    if (!matching(cut)) {
      closestEncloserProof(cut);
    }
  }

  /**
   * NODATA: the NSEC or NSEC3 at {@code node}, whose bitmap lacks the type (RFC 4035 3.1.3.1). An
   * empty non-terminal of an NSEC zone has no NSEC (RFC 4035 section 2.3): the one covering it,
   * whose next name lies below it, shows it exists and owns nothing, as NSD and BIND send.
   */
  void noSuchType(Name node) {
    if (!dnssec || matching(node)) {
      return;
    }
    Optional<Record> nsec = zone.nsecCovering(node);
    if (nsec.isPresent()) {
      addWithSignatures(nsec.get());
      return;
    }
    closestEncloserProof(node); // an opt-out span for a DS query at an unsigned delegation
  }

  /** A wildcard answered {@code qname}: proof that no closer name exists (RFC 4035 3.1.3.3). */
  void noCloserName(Name qname) {
    if (!dnssec) {
      return;
    }
    Optional<Record> nsec = zone.nsecCovering(qname);
    if (nsec.isPresent()) {
      addWithSignatures(nsec.get());
      return;
    }
    Name encloser = closestEncloser(qname);
    nextCloser(qname, encloser).flatMap(zone::nsec3Covering).ifPresent(this::addWithSignatures);
  }

  /**
   * NXDOMAIN: the NSEC covering {@code qname} and the one covering the wildcard that could have
   * matched (RFC 4035 section 3.1.3.2), or the NSEC3 closest encloser proof and the NSEC3 covering
   * the wildcard at the closest encloser (RFC 5155 section 7.2.2).
   */
  void nameError(Name qname, Name wildcard) {
    if (!dnssec) {
      return;
    }
    Optional<Record> nsec = zone.nsecCovering(qname);
    if (nsec.isPresent()) {
      addWithSignatures(nsec.get());
      zone.nsecCovering(wildcard).ifPresent(this::addWithSignatures);
      return;
    }
    Name encloser = closestEncloserProof(qname);
    wildcardOf(encloser).flatMap(zone::nsec3Covering).ifPresent(this::addWithSignatures);
  }

  /** The NSEC at {@code node}, or the NSEC3 matching it, with signatures; false if neither. */
  private boolean matching(Name node) {
    List<Record> nsec = zone.rrset(node, Type.NSEC);
    if (!nsec.isEmpty()) {
      nsec.forEach(this::addWithSignatures);
      return true;
    }
    Optional<NSEC3Record> nsec3 = zone.nsec3Matching(node);
    nsec3.ifPresent(this::addWithSignatures);
    return nsec3.isPresent();
  }

  /**
   * RFC 5155 section 7.2.1: the NSEC3 matching the closest encloser of {@code name} and the one
   * covering the next closer name; returns the closest encloser.
   */
  private Name closestEncloserProof(Name name) {
    Name encloser = closestEncloser(name);
    zone.nsec3Matching(encloser).ifPresent(this::addWithSignatures);
    nextCloser(name, encloser).flatMap(zone::nsec3Covering).ifPresent(this::addWithSignatures);
    return encloser;
  }

  /** The nearest ancestor of {@code name} (itself excluded) that has an NSEC3, or the apex. */
  private Name closestEncloser(Name name) {
    Name candidate = name;
    while (candidate.labels() > zone.origin().labels()) {
      candidate = ZoneIndex.parent(candidate);
      if (zone.nsec3Matching(candidate).isPresent()) {
        return candidate;
      }
    }
    return zone.origin();
  }

  /** The ancestor of {@code name} one label longer than {@code encloser}. */
  private static Optional<Name> nextCloser(Name name, Name encloser) {
    if (name.labels() <= encloser.labels()) {
      return Optional.empty();
    }
    return Optional.of(new Name(name, name.labels() - encloser.labels() - 1));
  }

  private static Optional<Name> wildcardOf(Name encloser) {
    try {
      return Optional.of(Name.concatenate(Name.fromConstantString("*"), encloser));
    } catch (NameTooLongException e) {
      return Optional.empty();
    }
  }

  private void addWithSignatures(Record record) {
    add(record, Section.AUTHORITY);
    signaturesOf(record.getName(), record.getType(), record.getName(), Section.AUTHORITY);
  }

  private void add(Record record, int section) {
    if (!response.findRecord(record, section)) {
      response.addRecord(record, section);
    }
  }
}
