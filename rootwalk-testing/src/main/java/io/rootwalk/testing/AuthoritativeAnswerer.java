package io.rootwalk.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one query the way an authoritative-only server (NSD, BIND with recursion off) does, from
 * the zones one server serves: referrals at zone cuts with glue, DNAME and CNAME synthesis and
 * chasing inside the zone, RFC 4592 wildcards, NODATA and NXDOMAIN with the SOA, REFUSED for names
 * outside its zones and for zone transfers (AXFR, IXFR: NSD without {@code provide-xfr}), and
 * EDNS(0) negotiation. It knows nothing of sockets or faults, so it can also back a socket-free
 * test transport.
 *
 * <p>Thread-safe: it only reads immutable zone data.
 */
public final class AuthoritativeAnswerer {

  /** The EDNS UDP payload size the lab advertises, the DNS Flag Day 2020 value. */
  public static final int EDNS_PAYLOAD = 1232;

  /** How many CNAME/DNAME links one answer follows inside a zone before giving up. */
  private static final int MAX_CHAIN = 8;

  private final List<ZoneIndex> zones;

  AuthoritativeAnswerer(List<ZoneIndex> zones) {
    this.zones = List.copyOf(zones);
  }

  /**
   * An answerer for the named server of {@code world}: it serves that server's zones.
   *
   * @throws IllegalArgumentException if the world has no such server
   */
  public static AuthoritativeAnswerer forServer(World world, String serverName) {
    ServerSpec server =
        world
            .server(serverName)
            .orElseThrow(
                () -> new IllegalArgumentException("no server " + serverName + " in " + world));
    List<ZoneIndex> served = new ArrayList<>();
    for (Name origin : server.zones()) {
      world.zone(origin).map(ZoneIndex::new).ifPresent(served::add);
    }
    return new AuthoritativeAnswerer(served);
  }

  /**
   * The response to {@code query}: ID and question echoed, QR set, RD copied, RA never set. The
   * caller fits it to the transport (truncation is a wire concern, not an answering one).
   */
  public Message answer(Message query) {
    Message response = Responses.skeleton(query);
    OPTRecord queryOpt = query.getOPT();
    boolean edns = queryOpt != null;
    if (edns && queryOpt.getVersion() > 0) {
      return Responses.finish(response, Rcode.BADVERS, true);
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return Responses.finish(response, Rcode.NOTIMP, edns);
    }
    Record question = query.getQuestion();
    if (question == null || query.getSection(Section.QUESTION).size() != 1) {
      return Responses.finish(response, Rcode.FORMERR, edns);
    }
    if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
      return Responses.finish(response, Rcode.REFUSED, edns);
    }
    if (question.getType() == Type.AXFR || question.getType() == Type.IXFR) {
      return Responses.finish(response, Rcode.REFUSED, edns);
    }
    Optional<ZoneIndex> zone = zoneFor(question.getName(), question.getType());
    if (zone.isEmpty()) {
      return Responses.finish(response, Rcode.REFUSED, edns);
    }
    // RFC 4035 section 3.1: DNSSEC records only for a query that sets DO.
    boolean dnssec = edns && (queryOpt.getFlags() & ExtendedFlags.DO) != 0;
    Lookup lookup = new Lookup(zone.get(), response, dnssec);
    int rcode = lookup.resolve(question.getName(), question.getType(), 0);
    if (lookup.authoritative) {
      response.getHeader().setFlag(Flags.AA);
    }
    return Responses.finish(response, rcode, edns);
  }

  /**
   * A full zone transfer for {@code query} (AXFR, or IXFR answered with the whole zone as RFC 1995
   * section 4 allows), in one message: AA set, the answer section the SOA, every other record of
   * the zone in file order, the SOA again (RFC 5936 section 2.2). NOTAUTH when the question does
   * not name the apex of a served zone (RFC 5936 section 2.2.1). Whether transfers are allowed is
   * the caller's business ({@link Fault#openZoneTransfer()}); {@link #answer} refuses them.
   */
  Message transfer(Message query) {
    Message response = Responses.skeleton(query);
    boolean edns = query.getOPT() != null;
    Record question = query.getQuestion();
    if (query.getHeader().getOpcode() != Opcode.QUERY
        || question == null
        || query.getSection(Section.QUESTION).size() != 1
        || (question.getType() != Type.AXFR && question.getType() != Type.IXFR)) {
      return Responses.finish(response, Rcode.FORMERR, edns);
    }
    Optional<ZoneIndex> zone =
        zones.stream().filter(z -> z.origin().equals(question.getName())).findFirst();
    if (zone.isEmpty() || question.getDClass() != DClass.IN) {
      return Responses.finish(response, Rcode.NOTAUTH, edns);
    }
    Record soa = zone.get().soa();
    response.addRecord(soa, Section.ANSWER);
    for (Record record : zone.get().records()) {
      if (!record.equals(soa)) {
        response.addRecord(record, Section.ANSWER);
      }
    }
    response.addRecord(soa, Section.ANSWER);
    response.getHeader().setFlag(Flags.AA);
    return Responses.finish(response, Rcode.NOERROR, edns);
  }

  /** Whether {@code qname} is at or below the apex of a zone this answerer serves. */
  boolean covers(Name qname) {
    return zones.stream().anyMatch(z -> z.contains(qname));
  }

  /**
   * The most specific served zone containing {@code qname}. A DS query for a zone apex belongs to
   * the parent side of the cut (RFC 4035 section 3.1.4.1), so it goes to the parent zone when this
   * server also serves that.
   */
  private Optional<ZoneIndex> zoneFor(Name qname, int qtype) {
    Comparator<ZoneIndex> depth = Comparator.comparingInt(z -> z.origin().labels());
    Optional<ZoneIndex> best = zones.stream().filter(z -> z.contains(qname)).max(depth);
    if (qtype == Type.DS && best.isPresent() && best.get().origin().equals(qname)) {
      Optional<ZoneIndex> parent =
          zones.stream()
              .filter(z -> z.contains(qname) && z.origin().labels() < qname.labels())
              .max(depth);
      if (parent.isPresent()) {
        return parent;
      }
    }
    return best;
  }

  /** One query's walk through one zone, writing into the response as it goes. */
  private static final class Lookup {
    private final ZoneIndex zone;
    private final Message response;
    private final PresignedRecords dnssecRecords;
    private boolean authoritative;

    Lookup(ZoneIndex zone, Message response, boolean dnssec) {
      this.zone = zone;
      this.response = response;
      this.dnssecRecords = new PresignedRecords(zone, response, dnssec);
    }

    /** RFC 1034 section 4.3.2 step 3 for one name; {@code depth} counts followed aliases. */
    int resolve(Name qname, int qtype, int depth) {
      for (int labels = zone.origin().labels(); labels <= qname.labels(); labels++) {
        Name node = labels == qname.labels() ? qname : new Name(qname, qname.labels() - labels);
        boolean apex = node.equals(zone.origin());
        List<Record> ns = zone.rrset(node, Type.NS);
        if (!apex && !ns.isEmpty() && !(node.equals(qname) && qtype == Type.DS)) {
          if (depth == 0) {
            referral(node, ns);
          }
          // An alias pointing below a cut: the answer so far stands, the resolver goes on.
          return Rcode.NOERROR;
        }
        List<Record> dname = zone.rrset(node, Type.DNAME);
        if (!node.equals(qname) && !dname.isEmpty()) {
          return synthesizeFromDname(qname, qtype, (DNAMERecord) dname.get(0), depth);
        }
      }
      authoritative = true;
      Map<Integer, List<Record>> node = zone.node(qname);
      if (!node.isEmpty()) {
        return fromNode(qname, qtype, node, depth);
      }
      if (zone.exists(qname)) {
        return noData(qname);
      }
      Name encloser = ZoneIndex.parent(qname);
      while (!zone.exists(encloser)) {
        encloser = ZoneIndex.parent(encloser);
      }
      Name wildcard = wildcardOf(encloser);
      Map<Integer, List<Record>> source = zone.node(wildcard);
      if (!source.isEmpty()) {
        // RFC 4035 section 3.1.3.3: a wildcard answer comes with the proof that qname itself
        // does not exist.
        dnssecRecords.noCloserName(qname);
        return fromNode(qname, qtype, source, depth);
      }
      if (zone.exists(wildcard)) {
        dnssecRecords.noCloserName(qname);
        return noData(wildcard);
      }
      dnssecRecords.signedSoa(zone.negativeSoa());
      dnssecRecords.nameError(qname, wildcard);
      return Rcode.NXDOMAIN;
    }

    private int fromNode(Name qname, int qtype, Map<Integer, List<Record>> node, int depth) {
      if (qtype == Type.ANY) {
        node.values().forEach(rrset -> addAnswers(qname, rrset));
        return Rcode.NOERROR;
      }
      List<Record> rrset = node.get(qtype);
      if (rrset != null) {
        addAnswers(qname, rrset);
        addTargetAddresses(rrset);
        return Rcode.NOERROR;
      }
      List<Record> cname = node.get(Type.CNAME);
      if (cname != null && qtype != Type.CNAME) {
        addAnswers(qname, cname);
        return follow(((CNAMERecord) cname.get(0)).getTarget(), qtype, depth);
      }
      return noData(qname);
    }

    private int synthesizeFromDname(Name qname, int qtype, DNAMERecord dname, int depth) {
      authoritative = true;
      addAnswer(dname);
      dnssecRecords.signaturesOf(dname.getName(), Type.DNAME, dname.getName(), Section.ANSWER);
      Name target;
      try {
        target = qname.fromDNAME(dname);
      } catch (NameTooLongException e) {
        return Rcode.YXDOMAIN;
      }
      addAnswer(new CNAMERecord(qname, dname.getDClass(), dname.getTTL(), target));
      return follow(target, qtype, depth);
    }

    /** Follows an alias while its target stays in this zone, as authoritative servers do. */
    private int follow(Name target, int qtype, int depth) {
      if (depth + 1 >= MAX_CHAIN || !zone.contains(target) || aliasAlreadyAnswered(target)) {
        return Rcode.NOERROR;
      }
      return resolve(target, qtype, depth + 1);
    }

    private boolean aliasAlreadyAnswered(Name owner) {
      return response.getSection(Section.ANSWER).stream()
          .anyMatch(r -> r.getName().equals(owner) && r.getType() == Type.CNAME);
    }

    /** NODATA for a name the zone holds ({@code node}: the wildcard when one was matched). */
    private int noData(Name node) {
      dnssecRecords.signedSoa(zone.negativeSoa());
      dnssecRecords.noSuchType(node);
      return Rcode.NOERROR;
    }

    /** The NS set of a cut, its glue, and with DNSSEC the DS set or the proof there is none. */
    private void referral(Name cut, List<Record> ns) {
      ns.forEach(r -> response.addRecord(r, Section.AUTHORITY));
      dnssecRecords.delegationSecurity(cut);
      addTargetAddresses(ns);
    }

    /** Glue for referrals, and addresses of NS/MX/SRV targets the zone holds for answers. */
    private void addTargetAddresses(List<Record> rrset) {
      for (Record record : rrset) {
        Name target = record.getAdditionalName();
        if (target == null) {
          continue;
        }
        for (Record address : zone.addresses(target)) {
          if (!response.findRecord(address, Section.ADDITIONAL)) {
            response.addRecord(address, Section.ADDITIONAL);
          }
        }
      }
    }

    private void addAnswers(Name owner, List<Record> rrset) {
      for (Record record : rrset) {
        // Records synthesized from a wildcard take the query name as owner (RFC 4592 3.3.1).
        addAnswer(record.getName().equals(owner) ? record : record.withName(owner));
      }
      if (!rrset.isEmpty()) {
        Record first = rrset.get(0);
        dnssecRecords.signaturesOf(first.getName(), first.getType(), owner, Section.ANSWER);
      }
    }

    private void addAnswer(Record record) {
      if (!response.findRecord(record, Section.ANSWER)) {
        response.addRecord(record, Section.ANSWER);
      }
    }

    private static Name wildcardOf(Name encloser) {
      try {
        return Name.concatenate(Name.fromConstantString("*"), encloser);
      } catch (NameTooLongException e) {
        return encloser;
      }
    }
  }
}
