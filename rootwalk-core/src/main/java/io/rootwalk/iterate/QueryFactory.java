package io.rootwalk.iterate;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
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
 * @param dnssecOk whether EDNS queries set DO (RFC 3225): a validating resolver needs the RRSIG,
 *     DS, NSEC and NSEC3 records that servers send only then (RFC 4035 section 4.1)
 */
record QueryFactory(boolean use0x20, int ednsPayloadSize, boolean dnssecOk) {

  /**
   * RFC 5452 section 9.2: query IDs must be unpredictable to an off-path attacker, so they come
   * from a cryptographic generator. One per thread: the default {@code NativePRNG} instances all
   * share one lock, which several event loops and callers sending at once contended on. Each
   * thread's DRBG (NIST SP 800-90A) is seeded from the operating system's entropy on first use.
   */
  private static final ThreadLocal<RandomBits> RANDOM = ThreadLocal.withInitial(RandomBits::new);

  /**
   * A thread's generator, drawn 256 bytes at a time: the DRBG hashes once per request, so asking
   * for two bytes per query cost a SHA-256 computation each.
   */
  private static final class RandomBits {
    private final SecureRandom generator = newGenerator();
    private final byte[] buffer = new byte[256];
    private int next = buffer.length;

    int nextShort() {
      return (nextByte() << 8) | nextByte();
    }

    long nextLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | nextByte();
      }
      return v;
    }

    private int nextByte() {
      if (next == buffer.length) {
        generator.nextBytes(buffer);
        next = 0;
      }
      return buffer[next++] & 0xff;
    }

    private static SecureRandom newGenerator() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        return new SecureRandom(); // a JDK without DRBG: the platform default is unpredictable too
      }
    }
  }

  /** A query for {@code qname}/{@code qtype}, with EDNS(0) when {@code edns}. */
  Message query(Name qname, int qtype, boolean edns) {
    Name sent = use0x20 ? randomCase(qname) : qname;
    Message query = Message.newQuery(Record.newRecord(sent, qtype, DClass.IN));
    query.getHeader().setID(RANDOM.get().nextShort());
    query.getHeader().unsetFlag(Flags.RD);
    if (edns) {
      query.addRecord(
          new OPTRecord(ednsPayloadSize, 0, 0, dnssecOk ? ExtendedFlags.DO : 0),
          Section.ADDITIONAL);
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
    RandomBits random = RANDOM.get();
    long bits = 0;
    int left = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) && c < 128) {
        if (left == 0) {
          bits = random.nextLong(); // one draw for 64 letters
          left = 64;
        }
        boolean upper = (bits & 1) != 0;
        bits >>>= 1;
        left--;
        c = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
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
