package io.rootwalk.testing;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Fits an encoded response to its transport. A response too big for the client's UDP limit goes out
 * with TC=1, the question, and nothing else but our OPT record, as NSD and BIND do; dnsjava's
 * {@code Message.toWire(int)} would instead keep a partial answer section.
 *
 * <p>Only required data sets TC: an answer whose additional section alone makes it too big goes out
 * without that section and with TC clear (RFC 2181 section 9: no TC merely because extra
 * information did not fit), while a referral's glue is required (RFC 9471), so a referral that does
 * not fit whole is truncated.
 */
final class WireSize {

  private static final int TCP_LIMIT = 65535;
  private static final int CLASSIC_UDP_LIMIT = 512;

  private WireSize() {}

  /** The largest response the client can take over this transport (RFC 1035 / RFC 6891). */
  static int limit(Message query, Wire wire) {
    if (wire == Wire.TCP) {
      return TCP_LIMIT;
    }
    OPTRecord opt = query.getOPT();
    return opt == null ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, opt.getPayloadSize());
  }

  static byte[] encode(Message response, Message query, Wire wire) {
    byte[] full = response.toWire();
    int limit = limit(query, wire);
    if (full.length <= limit) {
      return full;
    }
    if (!isReferral(response)) {
      byte[] withoutExtras = withoutAdditionalData(response).toWire();
      if (withoutExtras.length <= limit) {
        return withoutExtras;
      }
    }
    return truncated(response).toWire();
  }

  /** No answer and NS records in authority: a delegation, whose glue a resolver needs. */
  private static boolean isReferral(Message response) {
    return response.getSection(Section.ANSWER).isEmpty()
        && response.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.NS);
  }

  /** The response with its additional section emptied but for our OPT record. */
  private static Message withoutAdditionalData(Message response) {
    Message copy = response.clone();
    for (Record record : response.getSection(Section.ADDITIONAL)) {
      if (record.getType() != Type.OPT) {
        copy.removeRecord(record, Section.ADDITIONAL);
      }
    }
    return copy;
  }

  /** Header with TC set, the question, and the OPT record if there was one. */
  static Message truncated(Message response) {
    Header original = response.getHeader();
    Message truncated = new Message(original.getID());
    Header header = truncated.getHeader();
    for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      if (original.getFlag(flag)) {
        header.setFlag(flag);
      }
    }
    header.setFlag(Flags.TC);
    header.setOpcode(original.getOpcode());
    header.setRcode(original.getRcode());
    for (Record question : response.getSection(Section.QUESTION)) {
      truncated.addRecord(question, Section.QUESTION);
    }
    OPTRecord opt = response.getOPT();
    if (opt != null) {
      truncated.addRecord(opt, Section.ADDITIONAL);
    }
    return truncated;
  }
}
