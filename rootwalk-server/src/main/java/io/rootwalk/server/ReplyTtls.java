package io.rootwalk.server;

import java.util.Arrays;

/**
 * Where the TTL fields of a rendered reply are, and the smallest of them: what a reply-cache hit
 * counts down. The OPT pseudo-record is skipped, its TTL field holding the extended rcode, version
 * and flags (RFC 6891 section 6.1.3).
 *
 * @param offsets the position of each record's 32-bit TTL, in wire order
 * @param smallest the smallest TTL in seconds, or {@link Long#MAX_VALUE} when there is none
 */
record ReplyTtls(int[] offsets, long smallest) {

  private static final int OPT = 41;

  /**
   * Walks the sections of {@code wire}.
   *
   * @throws IllegalArgumentException if the message ends inside a record
   */
  static ReplyTtls of(byte[] wire) {
    int p = WireQuery.HEADER;
    check(wire, p);
    int questions = WireQuery.u16(wire, 4);
    int records = WireQuery.u16(wire, 6) + WireQuery.u16(wire, 8) + WireQuery.u16(wire, 10);
    for (int i = 0; i < questions; i++) {
      p = skipName(wire, p) + 4;
    }
    int[] offsets = new int[records];
    int count = 0;
    long smallest = Long.MAX_VALUE;
    for (int i = 0; i < records; i++) {
      p = skipName(wire, p);
      check(wire, p + 10);
      int type = WireQuery.u16(wire, p);
      if (type != OPT) {
        offsets[count++] = p + 4;
        smallest = Math.min(smallest, ttl(wire, p + 4));
      }
      p += 10 + WireQuery.u16(wire, p + 8);
    }
    check(wire, p);
    return new ReplyTtls(Arrays.copyOf(offsets, count), smallest);
  }

  /** RFC 2181 section 8: a TTL with the top bit set is read as zero. */
  static long ttl(byte[] wire, int at) {
    long v =
        ((wire[at] & 0xffL) << 24)
            | ((wire[at + 1] & 0xffL) << 16)
            | ((wire[at + 2] & 0xffL) << 8)
            | (wire[at + 3] & 0xffL);
    return v > Integer.MAX_VALUE ? 0 : v;
  }

  private static int skipName(byte[] wire, int p) {
    while (true) {
      check(wire, p + 1);
      int label = wire[p] & 0xff;
      if (label == 0) {
        return p + 1;
      }
      if ((label & 0xC0) == 0xC0) {
        return p + 2; // a compression pointer ends the name
      }
      p += 1 + label;
    }
  }

  private static void check(byte[] wire, int end) {
    if (end > wire.length) {
      throw new IllegalArgumentException("reply ends inside a record at " + end);
    }
  }
}
