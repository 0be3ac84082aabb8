package io.rootwalk.iterate;

import java.security.SecureRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * Makes the iterative queries a walk sends: RD clear (we walk ourselves), an unpredictable ID,
 * optionally 0x20 letter case, and EDNS(0) unless the server is known to reject it. Thread-safe.
 *
 * @param use0x20 whether query names get random letter case that answers must echo
 * @param ednsPayloadSize the UDP payload size to advertise (1232 by default, the DNS Flag Day 2020
 *     size that avoids IP fragmentation)
 */
record QueryFactory(boolean use0x20, int ednsPayloadSize) {

  /**
   * RFC 5452 section 9.2: query IDs must be unpredictable to an off-path attacker. One generator
   * for the JVM: SecureRandom is thread-safe, and sharing it leaks nothing between resolvers.
   */
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A query for {@code qname}/{@code qtype}, with EDNS(0) when {@code edns}. */
  Message query(Name qname, int qtype, boolean edns) {
    Name sent = use0x20 ? randomCase(qname) : qname;
    Message query = Message.newQuery(Record.newRecord(sent, qtype, DClass.IN));
    query.getHeader().setID(RANDOM.nextInt(0x10000));
    query.getHeader().unsetFlag(Flags.RD);
    if (edns) {
      query.addRecord(new OPTRecord(ednsPayloadSize, 0, 0), Section.ADDITIONAL);
    }
    return query;
  }

  /**
   * The name with each letter's case chosen at random (draft-vixie-dnsext-dns0x20): the server must
   * echo the question byte for byte, so an off-path spoofer has to guess one more bit per letter on
   * top of the ID and port.
   */
  private Name randomCase(Name name) {
    String text = name.toString();
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) && c < 128) {
        c = RANDOM.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
      }
      b.append(c);
    }
    try {
      return Name.fromString(b.toString());
    } catch (TextParseException e) {
      return name; // cannot happen for a name we printed ourselves; fall back to no 0x20
    }
  }
}
