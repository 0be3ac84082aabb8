package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Names as a hostile client writes them into a query, for {@link HostileQueries}: demo-world names
 * in random letter case mostly; else labels of arbitrary octets, the root, 100 to 140 labels (about
 * the 255-octet limit), extended label types, compression pointers that loop or point anywhere, and
 * names cut before their end. One combine of plain values, so a name costs microseconds to make and
 * a failure shrinks toward www.example.com.
 */
final class HostileNames {

  private HostileNames() {}

  /** Names of the demo world (and near it), so that some queries resolve or hit the cache. */
  private static final List<String> KNOWN =
      List.of(
          "www.example.com",
          "example.com",
          "blog.example.com",
          "mail.example.com",
          "v2.api.example.com",
          "www.shop.com",
          "nope.example.com",
          "x.wild.example.net",
          "www.org.example.net",
          "loop1.example.net",
          "big.example.net",
          "huge.example.net",
          "com",
          "www.lame.com");

  private enum NameKind {
    KNOWN,
    BINARY_LABELS,
    ROOT,
    MANY_LABELS,
    OVERSIZED_LABEL,
    POINTER,
    TRUNCATED
  }

  /**
   * An owner name in wire form: usually a demo-world name in random letter case (0x20 clients,
   * draft-vixie-dnsext-dns0x20), sometimes broken in one of the ways names break.
   */
  static Arbitrary<byte[]> names() {
    return Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(16, NameKind.KNOWN),
                Tuple.of(4, NameKind.BINARY_LABELS),
                Tuple.of(2, NameKind.ROOT),
                Tuple.of(2, NameKind.MANY_LABELS),
                Tuple.of(2, NameKind.OVERSIZED_LABEL),
                Tuple.of(3, NameKind.POINTER),
                Tuple.of(2, NameKind.TRUNCATED)),
            Arbitraries.of(KNOWN),
            Arbitraries.longs(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(80))
        .as(HostileNames::name);
  }

  private static byte[] name(NameKind kind, String known, long bits, byte[] bytes) {
    switch (kind) {
      case BINARY_LABELS:
        { // labels of arbitrary octets: dots, zeros and high bytes inside a label
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          int at = 0;
          for (int i = 0; i < 6; i++) {
            int length = 1 + (int) (bits >>> (6 * i) & 0x3F) % 63;
            out.write(length);
            for (int j = 0; j < length; j++) {
              out.write(bytes.length == 0 ? 'a' : bytes[(at + j) % bytes.length]);
            }
            at += length;
            if (at >= bytes.length) {
              break;
            }
          }
          out.write(0);
          return out.toByteArray();
        }
      case ROOT:
        return new byte[] {0};
      case MANY_LABELS:
        { // one-letter labels around the limit: 127 is the most that fits in 255 octets
          int count = 100 + (int) ((bits & 0xFFFF) % 41);
          byte[] name = new byte[count * 2 + 1];
          for (int i = 0; i < count; i++) {
            name[2 * i] = 1;
            name[2 * i + 1] = 'a';
          }
          return name;
        }
      case OVERSIZED_LABEL: // a length octet of 64..255: RFC 6891 section 5's extended labels
        return concat(new byte[] {(byte) (64 + (bits & 0xFF) % 192)}, bytes, new byte[] {0});
      case POINTER:
        { // to the name itself (a loop at offset 12), behind a label, into the header, past the end
          int to = (int) (bits >>> 2 & 0x3FFF);
          switch ((int) (bits & 3)) {
            case 0:
              return new byte[] {(byte) 0xC0, 12};
            case 1:
              return new byte[] {1, 'x', (byte) 0xC0, 12};
            case 2:
              return new byte[] {(byte) 0xC0, 14, (byte) 0xC0, 12};
            default:
              return new byte[] {3, 'w', 'w', 'w', (byte) (0xC0 | to >>> 8), (byte) to};
          }
        }
      case TRUNCATED:
        { // cut before the terminating zero
          byte[] whole = RawDns.name(known);
          return Arrays.copyOf(whole, (int) ((bits & 0xFFFF) % (whole.length - 1)));
        }
      default:
        {
          char[] c = known.toCharArray();
          for (int i = 0; i < c.length && i < 64; i++) {
            if ((bits >>> i & 1) != 0) {
              c[i] = Character.toUpperCase(c[i]);
            }
          }
          return RawDns.name(new String(c));
        }
    }
  }
}
