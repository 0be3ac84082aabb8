package io.rootwalk.server;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Resolution;
import io.rootwalk.SecurityStatus;
import java.util.OptionalInt;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Builds the server's response messages: the header rules of RFC 1035 section 4.1.1 in one place.
 */
final class Responses {

  /** The UDP payload size we advertise and send at most (DNS Flag Day 2020). */
  static final int EDNS_PAYLOAD = 1232;

  private Responses() {}

  /** A response to {@code query} with {@code rcode}, its question echoed and OPT if it had one. */
  static Message answer(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.RA); // we are a recursive server, whatever this query asked
    if (query.getHeader().getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (query.getHeader().getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    h.setOpcode(query.getHeader().getOpcode());
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    if (query.getOPT() != null) {
      // Extended rcodes (BADVERS = 16) keep their upper 8 bits in the OPT TTL field (RFC 6891
      // 6.1.3).
      response.addRecord(
          new OPTRecord(EDNS_PAYLOAD, rcode >>> 4, 0, doBit(query)), Section.ADDITIONAL);
    }
    h.setRcode(rcode & 0xF);
    return response;
  }

  /**
   * An error response built from the header alone, for a query whose body does not parse: the
   * client learns the ID it sent was understood and the message was not (FORMERR).
   */
  static Message headerOnly(Header queryHeader, int rcode) {
    Message response = new Message(queryHeader.getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.RA);
    if (queryHeader.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    h.setOpcode(queryHeader.getOpcode() == Opcode.QUERY ? Opcode.QUERY : queryHeader.getOpcode());
    h.setRcode(rcode);
    return response;
  }

  /**
   * The resolver's result as a stub sees it: the rcode, the CNAME chain and final RRset in the
   * answer section with TTLs as the cache returns them (counting down), and the SOA in the
   * authority section of a negative answer (RFC 2308 section 3); for a client that set DO, the
   * RRSIGs and denial proofs too, and AD when the answer is secure ({@link DnssecReply}).
   */
  static Message fromResolution(Message query, Resolution r) {
    Message response = answer(query, r.rcode());
    DnssecReply.addSections(response, query, r);
    DnssecReply.markAuthenticated(response, query, r);
    r.failure().ifPresent(f -> explain(response, query, r, f));
    if (r.failure().isEmpty()
        && r.security().status() == SecurityStatus.INSECURE
        && r.security().extendedError().isPresent()) {
      // RFC 9276 section 3.2: an answer left insecure by its NSEC3 iterations says so with EDE 27.
      withExtendedError(
          response, query, r.security().extendedError().getAsInt(), r.security().detail());
    }
    return response;
  }

  /**
   * RFC 8914 Extended DNS Error on SERVFAIL, for clients that sent EDNS: why, in words. A bogus
   * answer carries the code the validator chose (6 DNSSEC Bogus, 7 Signature Expired, 9 DNSKEY
   * Missing…) and what failed as its EXTRA-TEXT.
   */
  private static void explain(Message response, Message query, Resolution r, Failure failure) {
    if (query.getOPT() == null) {
      return;
    }
    OptionalInt bogus =
        failure.reason() == FailureReason.DNSSEC_BOGUS
            ? r.security().extendedError()
            : OptionalInt.empty();
    int code;
    String text;
    if (bogus.isPresent()) {
      code = bogus.getAsInt();
      text = r.security().detail();
    } else {
      code =
          unreachable(failure.reason())
              ? ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY
              : ExtendedErrorCodeOption.OTHER;
      text = failure.reason() + ": " + failure.detail();
    }
    if (text.length() > 200) {
      text = text.substring(0, 200);
    }
    withExtendedError(response, query, code, text);
  }

  /** Replaces the response's OPT by one carrying an RFC 8914 extended error (EDNS clients only). */
  private static void withExtendedError(Message response, Message query, int code, String text) {
    if (query.getOPT() == null) {
      return;
    }
    OPTRecord old = response.getOPT();
    int extendedRcode = old == null ? 0 : old.getExtendedRcode();
    response.removeAllRecords(Section.ADDITIONAL);
    response.addRecord(
        new OPTRecord(
            EDNS_PAYLOAD, extendedRcode, 0, doBit(query), new ExtendedErrorCodeOption(code, text)),
        Section.ADDITIONAL);
  }

  /** SERVFAIL for a query turned away because {@code limit} lookups are already in flight. */
  static Message busy(Message query, int limit) {
    Message response = answer(query, Rcode.SERVFAIL);
    withExtendedError(
        response,
        query,
        ExtendedErrorCodeOption.OTHER,
        "server busy: " + limit + " lookups in flight");
    return response;
  }

  /** RFC 3225 section 3: the DO bit of the query is copied into the response. */
  private static int doBit(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? 0 : opt.getFlags() & ExtendedFlags.DO;
  }

  private static boolean unreachable(FailureReason reason) {
    switch (reason) {
      case TIMEOUT:
      case ALL_SERVERS_LAME:
      case NO_REACHABLE_SERVER:
      case MISSING_GLUE:
      case NS_ADDRESS_UNRESOLVABLE:
      case CACHED_FAILURE:
        return true;
      default:
        return false;
    }
  }

  /** The rcode mnemonic, for logs. */
  static String rcodeName(Message m) {
    return Rcode.string(m.getRcode());
  }
}
