package io.rootwalk.testing;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builders for response messages shared by the answerer and the faults. */
final class Responses {

  private Responses() {}

  /**
   * A response header for {@code query}: same ID and opcode, QR set, RD copied, question echoed.
   */
  static Message skeleton(Message query) {
    Message response = new Message(query.getHeader().getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    if (query.getHeader().getFlag(Flags.CD)) {
      header.setFlag(Flags.CD);
    }
    header.setOpcode(query.getHeader().getOpcode());
    for (Record question : query.getSection(Section.QUESTION)) {
      response.addRecord(question, Section.QUESTION);
    }
    return response;
  }

  /**
   * Sets the rcode and, for an EDNS query, adds our OPT record. Rcodes above 15 (BADVERS) keep
   * their upper bits in the OPT record, which is why the OPT is added last, here.
   */
  static Message finish(Message response, int rcode, boolean edns) {
    response.getHeader().setRcode(rcode & 0xF);
    if (edns) {
      response.addRecord(
          new OPTRecord(AuthoritativeAnswerer.EDNS_PAYLOAD, rcode >>> 4, 0, 0), Section.ADDITIONAL);
    }
    return response;
  }

  /** A response carrying only an rcode: empty sections, question echoed. */
  static Message rcodeOnly(Message query, int rcode, boolean edns) {
    return finish(skeleton(query), rcode, edns);
  }
}
