package io.rootwalk.server;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The question of a plain query, read straight from the datagram so that a reply-cache hit costs no
 * dnsjava parse. Only the common shape is accepted: one question, nothing in the answer and
 * authority sections, at most a plain EDNS(0) OPT. Anything else (a response, another opcode, a
 * compression pointer, an unknown EDNS version or option, trailing bytes) is not read here and goes
 * down the full path, which owns every FORMERR, NOTIMP, BADVERS and REFUSED decision that the
 * header alone does not make ({@link EarlyReply} makes those first).
 */
final class WireQuery {

  static final int HEADER = 12;

  private static final int MAX_NAME = 255; // RFC 1035 section 2.3.4
  private static final int OPT = 41;
  private static final int CLASS_IN = 1;
  private static final int DO_FLAG = 0x8000;
  private static final int COOKIE = 10; // RFC 7873
  private static final int PADDING = 12; // RFC 7830

  /** Key bits: what of the query, besides the question, shapes the reply's bytes. */
  static final int KEY_RD = 1;

  static final int KEY_CD = 2;
  static final int KEY_EDNS = 4;
  static final int KEY_DO = 8;

  /**
   * The client asked for the AD bit, by AD or DO (RFC 6840 section 5.8): a secure reply says AD to
   * it and to no one else. DO alone already keys on DO, so with DO set the AD bit changes nothing.
   */
  static final int KEY_AD = 16;

  private final int nameLength;
  private final int udpLimit;
  private final ReplyKey key;

  private WireQuery(int nameLength, int udpLimit, ReplyKey key) {
    this.nameLength = nameLength;
    this.udpLimit = udpLimit;
    this.key = key;
  }

  /** The question name's length on the wire; the name starts right after the header. */
  int nameLength() {
    return nameLength;
  }

  /** The largest UDP reply this client takes: 512 without EDNS, else its size capped at ours. */
  int udpLimit() {
    return udpLimit;
  }

  /** The lower-cased question and the bits that change the reply: the reply cache's key. */
  ReplyKey key() {
    return key;
  }

  /**
   * Reads the first {@code length} bytes of {@code packet}, or returns null when the packet is not
   * a plain query (the full path answers it then).
   */
  static @Nullable WireQuery read(byte[] packet, int length) {
    if (length < HEADER + 5 || length > packet.length) {
      return null;
    }
    // QR=0, opcode QUERY, AA and TC clear; RD either way.
    if ((packet[2] & 0xFE) != 0) {
      return null;
    }
    // RA, Z and rcode clear; AD (RFC 6840 section 5.7, dig sets it) and CD either way, both keyed.
    if ((packet[3] & ~0x30) != 0) {
      return null;
    }
    int arcount = u16(packet, 10);
    if (u16(packet, 4) != 1 || u16(packet, 6) != 0 || u16(packet, 8) != 0 || arcount > 1) {
      return null;
    }
    int nameLength = nameLength(packet, length);
    if (nameLength < 0) {
      return null;
    }
    int p = HEADER + nameLength;
    if (p + 4 > length) {
      return null;
    }
    int qtype = u16(packet, p);
    int qclass = u16(packet, p + 2);
    // Meta types (OPT, AXFR, IXFR, ANY ...) and other classes get the full path's answer.
    if (qtype == 0 || qtype == OPT || (qtype >= 128 && qtype <= 255) || qclass != CLASS_IN) {
      return null;
    }
    p += 4;
    int bits = (packet[2] & 0x01) != 0 ? KEY_RD : 0;
    bits |= (packet[3] & 0x10) != 0 ? KEY_CD : 0;
    bits |= (packet[3] & 0x20) != 0 ? KEY_AD : 0;
    int udpLimit = Reply.MIN_UDP;
    if (arcount == 1) {
      int payload = plainOpt(packet, p, length);
      if (payload < 0) {
        return null;
      }
      bits |= KEY_EDNS;
      bits |= (u16(packet, p + 7) & DO_FLAG) != 0 ? KEY_DO | KEY_AD : 0;
      udpLimit = Math.max(Reply.MIN_UDP, Math.min(payload, Responses.EDNS_PAYLOAD));
    } else if (p != length) {
      return null;
    }
    byte[] key = Arrays.copyOfRange(packet, HEADER, p + 1);
    for (int i = 0; i < nameLength; i++) {
      byte b = key[i];
      if (b >= 'A' && b <= 'Z') {
        key[i] = (byte) (b + ('a' - 'A')); // label length bytes are < 64, never letters
      }
    }
    key[key.length - 1] = (byte) bits;
    return new WireQuery(nameLength, udpLimit, new ReplyKey(key));
  }

  /** The length of an uncompressed name at the header's end, or -1 when it is not one. */
  static int nameLength(byte[] packet, int length) {
    int p = HEADER;
    while (true) {
      if (p >= length) {
        return -1;
      }
      int label = packet[p] & 0xff;
      if (label == 0) {
        int total = p + 1 - HEADER;
        return total <= MAX_NAME ? total : -1;
      }
      if (label > 63) {
        return -1; // a compression pointer or an extended label type: nothing a query needs
      }
      p += 1 + label;
      if (p - HEADER >= MAX_NAME) {
        return -1;
      }
    }
  }

  /**
   * The payload size of a plain EDNS(0) OPT at {@code p} that ends the packet, or -1: owned by the
   * root, extended rcode and version 0, no flag but DO, and options only a cookie or padding (which
   * the reply does not echo).
   */
  private static int plainOpt(byte[] packet, int p, int length) {
    if (p + 11 > length
        || packet[p] != 0
        || u16(packet, p + 1) != OPT
        || packet[p + 5] != 0
        || packet[p + 6] != 0
        || (u16(packet, p + 7) & ~DO_FLAG) != 0) {
      return -1;
    }
    int rdlength = u16(packet, p + 9);
    int o = p + 11;
    if (o + rdlength != length) {
      return -1;
    }
    while (o < length) {
      if (o + 4 > length) {
        return -1;
      }
      int code = u16(packet, o);
      int len = u16(packet, o + 2);
      o += 4 + len;
      if (o > length) {
        return -1;
      }
      boolean cookie = code == COOKIE && (len == 8 || (len >= 16 && len <= 40));
      if (!cookie && code != PADDING) {
        return -1;
      }
    }
    return u16(packet, p + 3);
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
