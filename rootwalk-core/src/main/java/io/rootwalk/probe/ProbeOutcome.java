package io.rootwalk.probe;

import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Provenance;
import io.rootwalk.ServerAddress;
import io.rootwalk.spi.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Names what a direct query got, in the trace's vocabulary. Unlike the walk's classifier this one
 * decides nothing (a check uses every response, whatever it is): it only labels the response so the
 * trace reads like a lookup's. The judging is the rules' job.
 */
final class ProbeOutcome {

  private ProbeOutcome() {}

  static Outcome of(Message response, Name zone, Name qname, Protocol protocol, boolean edns) {
    int rcode = response.getRcode();
    boolean aa = response.getHeader().getFlag(Flags.AA);
    if (response.getHeader().getFlag(Flags.TC)) {
      return protocol == Protocol.UDP
          ? new Outcome.Truncated()
          : new Outcome.Lame(LameReason.TRUNCATED_OVER_TCP, rcode, "TC set over TCP");
    }
    if (edns && (rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP || rcode == Rcode.BADVERS)) {
      return new Outcome.EdnsRejected(rcode);
    }
    List<Record> answer = response.getSection(Section.ANSWER);
    List<Record> aliases =
        answer.stream().filter(r -> r instanceof CNAMERecord || r instanceof DNAMERecord).toList();
    Optional<SOARecord> soa =
        response.getSection(Section.AUTHORITY).stream()
            .filter(SOARecord.class::isInstance)
            .map(SOARecord.class::cast)
            .findFirst();
    switch (rcode) {
      case Rcode.NOERROR -> {}
      case Rcode.NXDOMAIN -> {
        return new Outcome.NxDomain(soa, aliases);
      }
      case Rcode.REFUSED -> {
        // The open-recursion probe asks for a name outside the zone: REFUSED is the right answer
        // there, and the trace should not read as if the server were lame.
        String detail =
            qname.subdomain(zone)
                ? "REFUSED"
                : "REFUSED for " + qname + ", outside " + zone + ": no recursion, as it should be";
        return new Outcome.Lame(LameReason.REFUSED, rcode, detail);
      }
      case Rcode.SERVFAIL -> {
        return new Outcome.Lame(LameReason.SERVFAIL, rcode, "SERVFAIL");
      }
      case Rcode.NOTAUTH -> {
        return new Outcome.Lame(LameReason.NOT_AUTHORITATIVE, rcode, "NOTAUTH");
      }
      default -> {
        return new Outcome.Lame(LameReason.BAD_RCODE, rcode, Rcode.string(rcode));
      }
    }
    if (!answer.isEmpty()) {
      if (!aa && response.getHeader().getFlag(Flags.RA)) {
        return new Outcome.Lame(
            LameReason.RECURSION_LAME, rcode, "an answer with RA set and AA clear");
      }
      return new Outcome.Answer(answer, aa);
    }
    List<NSRecord> ns =
        response.getSection(Section.AUTHORITY).stream()
            .filter(NSRecord.class::isInstance)
            .map(NSRecord.class::cast)
            .toList();
    if (!aa && !ns.isEmpty()) {
      Name child = ns.get(0).getName();
      if (!child.subdomain(zone) || child.equals(zone) && !qname.equals(zone)) {
        return new Outcome.Lame(
            LameReason.UPWARD_REFERRAL, rcode, "a referral to " + child + ", not below " + zone);
      }
      return referral(child, ns, response);
    }
    return new Outcome.NoData(soa, aliases);
  }

  /** A referral as the trace shows one: NS names, the glue sent, and in-domain names without. */
  static Outcome.Referral referral(Name child, List<NSRecord> ns, Message response) {
    Set<Name> names = new LinkedHashSet<>();
    ns.forEach(r -> names.add(r.getTarget()));
    List<ServerAddress> glue = new ArrayList<>();
    List<Name> glueMissing = new ArrayList<>();
    for (Name name : names) {
      boolean found = false;
      for (Record r : response.getSection(Section.ADDITIONAL)) {
        if (r.getName().equals(name) && (r instanceof ARecord || r instanceof AAAARecord)) {
          Provenance p =
              name.subdomain(child) ? Provenance.IN_DOMAIN_GLUE : Provenance.SIBLING_GLUE;
          glue.add(new ServerAddress(name, Glue.address(r), p, false));
          found = true;
        }
      }
      if (!found && name.subdomain(child)) {
        glueMissing.add(name);
      }
    }
    return new Outcome.Referral(child, List.copyOf(names), glue, glueMissing);
  }
}
