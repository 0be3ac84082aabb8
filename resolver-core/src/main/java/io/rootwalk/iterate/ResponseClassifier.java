package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.Rejection;
import io.rootwalk.spi.Protocol;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Decides what a scrubbed response is: answer, alias, referral, negative answer, or a sign that the
 * server is lame. Decisions, in order: truncation; rcodes; an answer at the end of the alias chain;
 * an alias to follow; a referral downward; NODATA; and otherwise lameness.
 */
final class ResponseClassifier {

  ResponseKind classify(
      Message response,
      Scrubbed s,
      Name qname,
      int qtype,
      Name zone,
      Protocol protocol,
      boolean ednsSent,
      boolean priming) {
    boolean aa = response.getHeader().getFlag(Flags.AA);
    if (response.getHeader().getFlag(Flags.TC) && protocol == Protocol.UDP) {
      return new ResponseKind.Truncated();
    }
    int rcode = response.getRcode();
    if (ednsSent && (rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP || rcode == Rcode.BADVERS)) {
      return new ResponseKind.EdnsRejected(rcode);
    }
    switch (rcode) {
      case Rcode.NOERROR:
      case Rcode.NXDOMAIN:
        break;
      case Rcode.REFUSED:
        return new ResponseKind.Lame(
            LameReason.REFUSED, rcode, "REFUSED: the server does not serve " + zone);
      case Rcode.SERVFAIL:
        return new ResponseKind.Lame(LameReason.SERVFAIL, rcode, "SERVFAIL");
      case Rcode.NOTAUTH:
        return new ResponseKind.Lame(LameReason.NOT_AUTHORITATIVE, rcode, "NOTAUTH for " + zone);
      default:
        return new ResponseKind.Lame(
            LameReason.BAD_RCODE, rcode, "unexpected rcode " + Rcode.string(rcode));
    }

    if (priming) {
      for (RRset set : s.answer()) {
        if (aa && set.getType() == Type.NS && set.getName().equals(Name.root)) {
          return new ResponseKind.PrimingAnswer(set, s.additional());
        }
      }
      return new ResponseKind.Lame(
          LameReason.NOT_AUTHORITATIVE,
          rcode,
          "priming response without an authoritative root NS set (RFC 8109 section 3.3)");
    }

    List<RRset> chain = s.answer();
    Name finalName = s.finalName();
    boolean hasFinal = false;
    for (RRset set : chain) {
      if (set.getName().equals(finalName) && (set.getType() == qtype || qtype == Type.ANY)) {
        hasFinal = true;
        break;
      }
    }
    boolean chainLeftZone = !finalName.subdomain(zone);

    if (rcode == Rcode.NXDOMAIN) {
      if (!aa) {
        return new ResponseKind.Lame(
            LameReason.NOT_AUTHORITATIVE, rcode, "NXDOMAIN without the AA bit");
      }
      if (!chain.isEmpty() && chainLeftZone) {
        // RFC 6604 section 3: the rcode describes the end of the chain, which this server has no
        // authority over; the target must be asked where it lives.
        return new ResponseKind.Alias(chain, finalName);
      }
      return new ResponseKind.NxDomain(chain, finalName, soa(s));
    }

    if (hasFinal) {
      if (!aa) {
        return new ResponseKind.Lame(
            LameReason.NOT_AUTHORITATIVE, rcode, "answer without the AA bit");
      }
      return new ResponseKind.Answer(chain);
    }
    if (!chain.isEmpty()) {
      if (!aa) {
        return new ResponseKind.Lame(
            LameReason.NOT_AUTHORITATIVE, rcode, "alias without the AA bit");
      }
      if (chainLeftZone) {
        return new ResponseKind.Alias(chain, finalName);
      }
      // The chain ends inside this zone: either the server knows nothing more (NODATA for the
      // target, if it says so with an SOA) or the target is below a cut; ask again from the top.
      Optional<SOARecord> soa = soa(s);
      if (soa.isPresent() && referral(s, zone) == null) {
        return new ResponseKind.NoData(chain, finalName, soa);
      }
      return new ResponseKind.Alias(chain, finalName);
    }

    RRset delegation = referral(s, zone);
    if (delegation != null && (!aa || soa(s).isEmpty())) {
      return new ResponseKind.Referral(delegation.getName(), delegation, s.additional());
    }
    if (aa) {
      return new ResponseKind.NoData(chain, finalName, soa(s));
    }
    for (RRset set : s.authority()) {
      if (set.getType() == Type.NS && set.getName().equals(zone)) {
        return new ResponseKind.Lame(
            LameReason.UPWARD_REFERRAL,
            rcode,
            "referral to " + zone + " itself, the zone it was asked as");
      }
    }
    for (Rejection r : s.rejected()) {
      if (r.section() == Rejection.Section.AUTHORITY && r.type() == Type.NS) {
        LameReason reason =
            r.reason().startsWith("upward")
                ? LameReason.UPWARD_REFERRAL
                : LameReason.SIDEWAYS_REFERRAL;
        return new ResponseKind.Lame(reason, rcode, r.reason());
      }
    }
    return new ResponseKind.Lame(
        LameReason.NOT_AUTHORITATIVE, rcode, "no answer, no referral, and the AA bit clear");
  }

  /** The NS RRset of a downward delegation, if the authority section holds one. */
  private static @Nullable RRset referral(Scrubbed s, Name zone) {
    for (RRset set : s.authority()) {
      if (set.getType() == Type.NS
          && !set.getName().equals(zone)
          && set.getName().subdomain(zone)) {
        return set;
      }
    }
    return null;
  }

  private static Optional<SOARecord> soa(Scrubbed s) {
    for (RRset set : s.authority()) {
      if (set.getType() == Type.SOA) {
        return Optional.of((SOARecord) set.first());
      }
    }
    return Optional.empty();
  }
}
