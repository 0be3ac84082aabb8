package io.rootwalk.testing;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Deckard's ADJUST, applied to a copy of a scripted reply just before it is sent. */
final class ReplyAdjuster {

  /** The payload size of a mirrored OPT record whose template had none, as Deckard uses. */
  static final int MIRRORED_PAYLOAD = 4096;

  private ReplyAdjuster() {}

  static Message adjust(
      Message template, Message query, boolean copyId, boolean copyQuery, boolean mirrorEdns) {
    Message reply = template.clone();
    Record asked = query.getQuestion();
    if (copyId) {
      reply.getHeader().setID(query.getHeader().getID());
      // Deckard copies the query's name into the first question too, so that a resolver using
      // 0x20 letter case finds its own spelling echoed; type and class stay the template's.
      Record first = reply.getQuestion();
      if (first != null && asked != null) {
        List<Record> rest = new ArrayList<>(reply.getSection(Section.QUESTION));
        reply.removeAllRecords(Section.QUESTION);
        reply.addRecord(
            Record.newRecord(asked.getName(), first.getType(), first.getDClass()),
            Section.QUESTION);
        rest.stream().skip(1).forEach(r -> reply.addRecord(r, Section.QUESTION));
      }
    }
    if (copyQuery) {
      reply.removeAllRecords(Section.QUESTION);
      new ArrayList<>(query.getSection(Section.QUESTION))
          .forEach(r -> reply.addRecord(r, Section.QUESTION));
    }
    if (mirrorEdns) {
      mirrorEdns(reply, query);
    }
    return reply;
  }

  /** An OPT exactly when the query had one, with the query's version and flags (DO included). */
  private static void mirrorEdns(Message reply, Message query) {
    int rcode = reply.getRcode();
    OPTRecord own = reply.getOPT();
    if (own != null) {
      reply.removeRecord(own, Section.ADDITIONAL);
    }
    OPTRecord asked = query.getOPT();
    if (asked != null) {
      reply.addRecord(
          new OPTRecord(
              own != null ? own.getPayloadSize() : MIRRORED_PAYLOAD,
              rcode >>> 4,
              asked.getVersion(),
              asked.getFlags(),
              own != null ? own.getOptions() : List.of()),
          Section.ADDITIONAL);
    }
    reply.getHeader().setRcode(rcode & 0xF);
  }
}
