package io.rootwalk.iterate;

import io.rootwalk.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Removes from a response everything the answering server has no authority to tell us, before any
 * of it is used or cached (Unbound's {@code iter_scrub}). A server is only believed about names
 * inside the zone it was asked as: that is what stops a compromised or malicious server for {@code
 * evil.com.} from planting records for {@code bank.com.} (the Kashpureff-style cache poisoning of
 * 1997, and Kaminsky's 2008 variant through the additional and authority sections).
 *
 * <p>Rules, per section:
 *
 * <ul>
 *   <li>Answer: only the alias chain that starts at the query name (RFC 1034 section 4.3.2) and
 *       stays in the zone; DNAMEs whose owner is an ancestor of the current name (RFC 6672), with
 *       the synthesized CNAME checked against the DNAME.
 *   <li>Authority: NS and SOA only for zones at or below the asked zone that contain the name the
 *       chain ended at; other types only inside the zone.
 *   <li>Additional: only A/AAAA for names that a kept NS RRset names, inside the zone.
 * </ul>
 */
final class BailiwickScrubber {

  Scrubbed scrub(Message response, Name qname, int qtype, Name zone) {
    List<Rejection> rejected = new ArrayList<>();
    List<RRset> answerIn = new ArrayList<>();
    for (RRset s : response.getSectionRRsets(Section.ANSWER)) {
      if (s.getDClass() == DClass.IN) {
        answerIn.add(s);
      } else {
        rejected.add(
            new Rejection(Rejection.Section.ANSWER, s.getName(), s.getType(), "class is not IN"));
      }
    }

    List<RRset> chain = new ArrayList<>();
    Set<RRset> used = new HashSet<>();
    Name current = qname;
    Set<Name> visited = new HashSet<>();
    boolean leftZone = false;
    boolean dnameOverflow = false;
    while (visited.add(current)) {
      if (!current.subdomain(zone)) {
        leftZone = true;
        break;
      }
      @Nullable RRset next = null;
      @Nullable Name target = null;
      for (RRset s : answerIn) {
        if (used.contains(s)) {
          continue;
        }
        Name owner = s.getName();
        if (s.getType() == Type.DNAME
            && qtype != Type.DNAME
            && current.subdomain(owner)
            && !current.equals(owner)
            && owner.subdomain(zone)) {
          next = s;
          target = synthesize(current, (DNAMERecord) s.first());
          break;
        }
        if (owner.equals(current)
            && s.getType() == Type.CNAME
            && qtype != Type.CNAME
            && qtype != Type.ANY) {
          next = s;
          target = ((CNAMERecord) s.first()).getTarget();
          break;
        }
      }
      if (next == null) {
        break;
      }
      used.add(next);
      chain.add(next);
      if (target == null) { // only a DNAME substitution can fail
        dnameOverflow = true;
        rejected.add(
            new Rejection(
                Rejection.Section.ANSWER,
                next.getName(),
                Type.DNAME,
                "DNAME substitution would exceed 255 octets (RFC 6672 YXDOMAIN)"));
        break;
      }
      if (next.getType() == Type.DNAME) {
        RRset cname = takeSynthesizedCname(answerIn, used, current, target, next, rejected);
        chain.add(cname);
        if (qtype == Type.CNAME) {
          break; // the synthesized CNAME is the answer (RFC 6672 section 3): stay at its owner
        }
      }
      current = target;
    }

    Name finalName = current;
    if (!leftZone) {
      for (RRset s : answerIn) {
        if (!used.contains(s)
            && s.getName().equals(finalName)
            && (qtype == Type.ANY || s.getType() == qtype)) {
          used.add(s);
          chain.add(s);
        }
      }
    }
    for (RRset s : answerIn) {
      if (!used.contains(s)) {
        String why =
            leftZone && s.getName().subdomain(finalName)
                ? "out of bailiwick: the server was asked as "
                    + zone
                    + ", not as a zone holding "
                    + s.getName()
                : "not on the alias chain of " + qname;
        rejected.add(new Rejection(Rejection.Section.ANSWER, s.getName(), s.getType(), why));
      }
    }

    List<RRset> authority = new ArrayList<>();
    Set<Name> nsTargets = new LinkedHashSet<>();
    for (RRset s : chain) {
      if (s.getType() == Type.NS) {
        nsTargets.addAll(targets(s));
      }
    }
    for (RRset s : response.getSectionRRsets(Section.AUTHORITY)) {
      String why = authorityProblem(s, finalName, zone);
      if (why == null) {
        authority.add(s);
        if (s.getType() == Type.NS) {
          nsTargets.addAll(targets(s));
        }
      } else {
        rejected.add(new Rejection(Rejection.Section.AUTHORITY, s.getName(), s.getType(), why));
      }
    }

    List<RRset> additional = new ArrayList<>();
    for (RRset s : response.getSectionRRsets(Section.ADDITIONAL)) {
      int type = s.getType();
      if (type == Type.OPT || type == Type.TSIG || type == Type.SIG) {
        continue;
      }
      String why;
      if (type != Type.A && type != Type.AAAA) {
        why = "not a name-server address";
      } else if (!nsTargets.contains(s.getName())) {
        why = "address for a name no kept NS record names";
      } else if (!s.getName().subdomain(zone)) {
        why = "out of bailiwick of " + zone;
      } else if (s.getDClass() != DClass.IN) {
        why = "class is not IN";
      } else {
        additional.add(s);
        continue;
      }
      rejected.add(new Rejection(Rejection.Section.ADDITIONAL, s.getName(), type, why));
    }
    return new Scrubbed(chain, finalName, authority, additional, rejected, dnameOverflow);
  }

  private static @Nullable String authorityProblem(RRset s, Name finalName, Name zone) {
    Name owner = s.getName();
    if (s.getDClass() != DClass.IN) {
      return "class is not IN";
    }
    if (!owner.subdomain(zone)) {
      if (s.getType() == Type.NS && zone.subdomain(owner)) {
        return "upward referral: NS for " + owner + ", above " + zone;
      }
      return "out of bailiwick of " + zone;
    }
    if (s.getType() == Type.NS || s.getType() == Type.SOA) {
      if (!finalName.subdomain(owner)) {
        return (s.getType() == Type.NS ? "sideways referral: " : "")
            + Type.string(s.getType())
            + " for "
            + owner
            + ", which does not contain "
            + finalName;
      }
    }
    return null;
  }

  private static @Nullable Name synthesize(Name current, DNAMERecord dname) {
    try {
      return current.fromDNAME(dname);
    } catch (NameTooLongException e) {
      return null;
    }
  }

  /**
   * The CNAME that RFC 6672 section 2.3 has servers synthesize next to a DNAME. When the server
   * sent one that matches the substitution we keep it; a missing one is synthesized here; a
   * mismatching one is a forgery and is rejected in favour of the DNAME's own substitution.
   */
  private static RRset takeSynthesizedCname(
      List<RRset> answer,
      Set<RRset> used,
      Name owner,
      Name target,
      RRset dname,
      List<Rejection> rejected) {
    for (RRset s : answer) {
      if (!used.contains(s) && s.getType() == Type.CNAME && s.getName().equals(owner)) {
        used.add(s);
        if (((CNAMERecord) s.first()).getTarget().equals(target)) {
          return s;
        }
        rejected.add(
            new Rejection(
                Rejection.Section.ANSWER,
                owner,
                Type.CNAME,
                "CNAME does not match the DNAME substitution " + target));
      }
    }
    return new RRset(new CNAMERecord(owner, DClass.IN, dname.getTTL(), target));
  }

  private static List<Name> targets(RRset ns) {
    List<Name> out = new ArrayList<>();
    for (Record r : ns.rrs(false)) {
      out.add(((NSRecord) r).getTarget());
    }
    return out;
  }
}
