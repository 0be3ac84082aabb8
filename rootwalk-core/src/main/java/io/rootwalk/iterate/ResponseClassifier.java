package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.Rejection;
import io.rootwalk.spi.Protocol;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
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
    Header header = response.getHeader();
    if (header.getFlag(Flags.TC)) {
      // Over TCP nothing bigger can come (RFC 7766 section 6.2.1): a server failure, not an answer.
      return protocol == Protocol.UDP
          ? new ResponseKind.Truncated()
          : new ResponseKind.Lame(
              LameReason.TRUNCATED_OVER_TCP, response.getRcode(), "TC set on a TCP response");
    }
    int rcode = response.getRcode();
    if (ednsSent && (rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP || rcode == Rcode.BADVERS)) {
      return new ResponseKind.EdnsRejected(rcode);
    }
    if (s.dnameOverflow() && (rcode == Rcode.NOERROR || rcode == Rcode.YXDOMAIN)) {
      // Our own substitution overflowed (RFC 6672 section 2.2); the server's rcode only agrees.
      return new ResponseKind.YxDomain(s.answer());
    }
    Optional<ResponseKind> badRcode = rcodeLame(rcode, zone);
    if (badRcode.isPresent()) {
      return badRcode.get();
    }
    Authority authority = Authority.of(header.getFlag(Flags.AA), header.getFlag(Flags.RA));
    if (priming) {
      // RFC 8109 expects AA but does not make priming fail without it; Unbound and Knot accept
      // the root NS set whatever the flags, since the hints already vouch for these servers.
      for (RRset set : s.answer()) {
        if (set.getType() == Type.NS && set.getName().equals(Name.root)) {
          return new ResponseKind.PrimingAnswer(set, s.additional());
        }
      }
      return new ResponseKind.Lame(
          LameReason.NOT_AUTHORITATIVE, rcode, "priming response without the root NS set");
    }
    List<RRset> chain = s.answer();
    Name finalName = s.finalName();
    Optional<SOARecord> soa = soa(s);
    if (rcode == Rcode.NXDOMAIN) {
      if (authority != Authority.AUTHORITATIVE && soa.isEmpty()) {
        // Only AA or the zone's own SOA makes a denial believable (Knot counts the SOA too); the
        // alias such a response may carry is no better than its rcode.
        return new ResponseKind.Lame(
            LameReason.NOT_AUTHORITATIVE, rcode, "NXDOMAIN without the AA bit or the zone's SOA");
      }
      if (!chain.isEmpty() && !finalName.subdomain(zone)) {
        // RFC 6604 section 3: the rcode describes the end of the chain, which this server has no
        // authority over; the target must be asked where it lives.
        return new ResponseKind.Alias(chain, finalName, authority);
      }
      return new ResponseKind.NxDomain(chain, finalName, soa, authority);
    }
    if (hasFinal(chain, finalName, qtype)) {
      return new ResponseKind.Answer(chain, authority);
    }
    if (!chain.isEmpty()) {
      // The chain ends inside this zone without the data: NODATA for the target, if the server
      // says so with an SOA, or the target is below a cut; ask again from the top.
      if (finalName.subdomain(zone) && soa.isPresent() && referral(s, zone) == null) {
        return new ResponseKind.NoData(chain, finalName, soa, authority);
      }
      return new ResponseKind.Alias(chain, finalName, authority);
    }
    RRset delegation = referral(s, zone);
    if (delegation != null && qtype == Type.DS && delegation.getName().subdomain(qname)) {
      // DS is parent-side data (RFC 4035 section 3.1.4.1): the parent answers it. A referral into
      // the child would have the child vouch for its own DS, or answer with child-side data.
      return new ResponseKind.Lame(
          LameReason.CHILD_REFERRAL_FOR_DS,
          rcode,
          "referral to " + delegation.getName() + " for its DS, which the parent must answer");
    }
    if (delegation != null && (authority != Authority.AUTHORITATIVE || soa.isEmpty())) {
      return new ResponseKind.Referral(delegation.getName(), delegation, s.additional());
    }
    // Upward and sideways NS come before the NODATA decision: with or without AA, an NS set for
    // the zone itself or above it without the zone's SOA is a lame server, not an empty answer.
    Optional<ResponseKind> wrongWay = wrongWayReferral(s, zone, rcode);
    if (wrongWay.isPresent() && soa.isEmpty()) {
      return wrongWay.get();
    }
    if (authority == Authority.AUTHORITATIVE
        || soa.isPresent()
        || emptyFromAuthoritativeOnly(s, authority)) {
      return new ResponseKind.NoData(chain, finalName, soa, authority);
    }
    return wrongWay.orElseGet(
        () ->
            new ResponseKind.Lame(
                LameReason.NOT_AUTHORITATIVE,
                rcode,
                "no answer, no referral, no SOA, and the AA bit clear"));
  }

  /** SERVFAIL, REFUSED and every rcode but NOERROR and NXDOMAIN: the server failed us. */
  private static Optional<ResponseKind> rcodeLame(int rcode, Name zone) {
    switch (rcode) {
      case Rcode.NOERROR:
      case Rcode.NXDOMAIN:
        return Optional.empty();
      case Rcode.REFUSED:
        return Optional.of(
            new ResponseKind.Lame(
                LameReason.REFUSED, rcode, "REFUSED: the server does not serve " + zone));
      case Rcode.SERVFAIL:
        return Optional.of(new ResponseKind.Lame(LameReason.SERVFAIL, rcode, "SERVFAIL"));
      case Rcode.NOTAUTH:
        return Optional.of(
            new ResponseKind.Lame(LameReason.NOT_AUTHORITATIVE, rcode, "NOTAUTH for " + zone));
      default:
        return Optional.of(
            new ResponseKind.Lame(
                LameReason.BAD_RCODE, rcode, "unexpected rcode " + Rcode.string(rcode)));
    }
  }

  private static boolean hasFinal(List<RRset> chain, Name finalName, int qtype) {
    for (RRset set : chain) {
      if (set.getName().equals(finalName) && (set.getType() == qtype || qtype == Type.ANY)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An entirely empty NOERROR (no answer, no NS, no SOA) from a server that offers no recursion:
   * Unbound takes it as NODATA, and so do we, at the non-authoritative rank (uncached: without an
   * SOA, RFC 2308 section 5 forbids caching it).
   */
  private static boolean emptyFromAuthoritativeOnly(Scrubbed s, Authority authority) {
    return authority == Authority.PROVISIONAL && s.authority().isEmpty() && s.rejected().isEmpty();
  }

  /** An NS set for the zone itself, or one the scrubber rejected as upward or sideways. */
  private static Optional<ResponseKind> wrongWayReferral(Scrubbed s, Name zone, int rcode) {
    for (RRset set : s.authority()) {
      if (set.getType() == Type.NS && set.getName().equals(zone)) {
        return Optional.of(
            new ResponseKind.Lame(
                LameReason.UPWARD_REFERRAL,
                rcode,
                "referral to " + zone + " itself, the zone it was asked as"));
      }
    }
    for (Rejection r : s.rejected()) {
      if (r.section() == Rejection.Section.AUTHORITY && r.type() == Type.NS) {
        LameReason reason =
            r.reason().startsWith("upward")
                ? LameReason.UPWARD_REFERRAL
                : LameReason.SIDEWAYS_REFERRAL;
        return Optional.of(new ResponseKind.Lame(reason, rcode, r.reason()));
      }
    }
    return Optional.empty();
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
