package io.rootwalk.server;

import static io.rootwalk.server.WireQuery.HEADER;
import static io.rootwalk.server.WireQuery.u16;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Rcode;

/**
 * Answers decided by a packet's header alone, written straight to the wire: no dnsjava parse, no
 * allocation but the reply. A flood of junk, or of queries from clients the {@link AllowList}
 * refuses, then costs the server a few byte comparisons per packet, never a {@code Message}.
 *
 * <p>Each method returns the reply, or {@link #DROP} for a packet that deserves none.
 */
final class EarlyReply {

  /** No reply at all: a packet too short for an ID, or a response (QR=1). */
  static final byte[] DROP = new byte[0];

  private static final int QR = 0x80;
  private static final int OPCODE = 0x78;
  private static final int RD = 0x01;
  private static final int RA = 0x80;
  private static final int CD = 0x10;
  private static final int OPT = 41;
  private static final int DO_FLAG = 0x80; // in the high byte of the OPT TTL's flags
  private static final int EDE = 15; // RFC 8914 option code

  private EarlyReply() {}

  /**
   * What the header says of a query from an allowed client, before the rest is read: {@link #DROP}
   * for one with no ID to answer to or a response (answering a response could start a loop between
   * two servers); NOTIMP for an opcode other than QUERY (RFC 1035 section 4.1.1; its body need not
   * even follow QUERY's layout, RFC 8490's DSO has no question); FORMERR for a question count other
   * than one (RFC 9619), any answer or authority record, or more additional records than an OPT and
   * a TSIG (RFC 8945), as Unbound's request check does. Null when the header is a plain query's and
   * the full path must read on.
   *
   * @param packet the query, its first {@code length} bytes read
   * @param length the datagram's or frame's length
   * @return the header-only reply, {@link #DROP}, or null
   */
  static byte @Nullable [] forHeader(byte[] packet, int length) {
    if (length < HEADER || length > packet.length) {
      return DROP;
    }
    if ((packet[2] & QR) != 0) {
      return DROP;
    }
    if ((packet[2] & OPCODE) != 0) {
      return headerOnly(packet, Rcode.NOTIMP);
    }
    if (u16(packet, 4) != 1 || u16(packet, 6) != 0 || u16(packet, 8) != 0 || u16(packet, 10) > 2) {
      return headerOnly(packet, Rcode.FORMERR);
    }
    return null;
  }

  /**
   * A response carrying the query's ID, opcode, RD and CD, RA set, {@code rcode} and no records:
   * the client learns the ID it sent was read, and nothing of a body the server did not read.
   */
  static byte[] headerOnly(byte[] query, int rcode) {
    byte[] reply = new byte[HEADER];
    reply[0] = query[0];
    reply[1] = query[1];
    reply[2] = (byte) (QR | (query[2] & (OPCODE | RD)));
    reply[3] = (byte) (RA | (query[3] & CD) | (rcode & 0xF));
    return reply;
  }

  /**
   * REFUSED for a client the {@link AllowList} does not allow, as small as the query or smaller:
   * the ID, opcode, RD and CD, RA clear (recursion is not available to this client), the question
   * echoed when it is a single uncompressed one, and for an EDNS query an OPT (our 1232-byte
   * payload, the DO bit echoed, RFC 3225) carrying extended error 18, Prohibited (RFC 8914 section
   * 4.19). The OPT is looked for only where a plain query has it, right after the question: an OPT
   * that only a full parse would find gets a reply without one. {@link #DROP} for a packet too
   * short for an ID, or a response.
   *
   * @param packet the query, its first {@code length} bytes read
   * @param length the datagram's or frame's length
   * @return the refusal or {@link #DROP}
   */
  static byte[] refused(byte[] packet, int length) {
    if (length < HEADER || length > packet.length || (packet[2] & QR) != 0) {
      return DROP;
    }
    int questionEnd = -1;
    if (u16(packet, 4) == 1) {
      int nameLength = WireQuery.nameLength(packet, length);
      if (nameLength > 0 && HEADER + nameLength + 4 <= length) {
        questionEnd = HEADER + nameLength + 4;
      }
    }
    boolean edns =
        questionEnd > 0
            && u16(packet, 6) == 0
            && u16(packet, 8) == 0
            && u16(packet, 10) >= 1
            && questionEnd + 11 <= length
            && packet[questionEnd] == 0
            && u16(packet, questionEnd + 1) == OPT;
    int end = Math.max(HEADER, questionEnd);
    byte[] reply = Arrays.copyOf(packet, end + (edns ? 17 : 0));
    reply[2] = (byte) (QR | (packet[2] & (OPCODE | RD)));
    reply[3] = (byte) ((packet[3] & CD) | Rcode.REFUSED);
    put16(reply, 4, questionEnd > 0 ? 1 : 0);
    put16(reply, 6, 0);
    put16(reply, 8, 0);
    put16(reply, 10, edns ? 1 : 0);
    if (edns) {
      int p = end;
      reply[p] = 0; // owner: the root
      put16(reply, p + 1, OPT);
      put16(reply, p + 3, Responses.EDNS_PAYLOAD);
      reply[p + 5] = 0; // extended rcode: REFUSED fits in the header's four bits
      reply[p + 6] = 0; // EDNS version 0
      reply[p + 7] = (byte) (packet[questionEnd + 7] & DO_FLAG);
      reply[p + 8] = 0;
      put16(reply, p + 9, 6); // RDLENGTH: one option of 2 + 2 + 2 bytes
      put16(reply, p + 11, EDE);
      put16(reply, p + 13, 2); // INFO-CODE only; EXTRA-TEXT would make the reply larger
      put16(reply, p + 15, ExtendedErrorCodeOption.PROHIBITED);
    }
    return reply;
  }

  private static void put16(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 8);
    b[at + 1] = (byte) value;
  }
}
