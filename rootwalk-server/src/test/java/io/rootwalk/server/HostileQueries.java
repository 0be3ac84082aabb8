package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.u16;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.xbill.DNS.Type;

/**
 * What a hostile or broken client sends a recursive server, as jqwik generators: a query whose
 * every part may be wrong in the ways the wire allows. Header flags and opcodes at random, zero to
 * three questions, names that are truncated, loop through compression pointers, exceed 255 octets
 * or carry extended label types, meta types and odd classes, records where a query has none, EDNS
 * with odd versions, sizes and options, counts that lie, trailing bytes, then a few flipped bits or
 * a cut. Most of it stays close to a real query, so that the parser's deeper paths are reached and
 * not only its first length check. Everything shrinks toward a plain query for www.example.com.
 *
 * <p>Choices are made as {@code combine(choice, a, b).as(pick)}, never with {@code
 * Arbitraries.frequencyOf} or {@code oneOf}: those flat-map, and jqwik then hashes the whole
 * generator tree for every value, which made a try cost milliseconds instead of microseconds.
 */
final class HostileQueries {

  private HostileQueries() {}

  private enum OptPlace {
    ADDITIONAL,
    ANSWER,
    AUTHORITY,
    TWICE
  }

  /** Any bytes at all, empty and header-less included. */
  static Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(700);
  }

  /** A plausible header (any counts) followed by random bytes: the sections parser's input. */
  static Arbitrary<byte[]> headerThenGarbage() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 0xFFFF),
            flags(),
            Arbitraries.integers().between(0, 3).array(int[].class).ofSize(4),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
        .as((id, flags, counts, body) -> concat(header(id, flags, counts), body));
  }

  /** A query, every part of which may be mutated. */
  static Arbitrary<byte[]> mutatedQueries() {
    Arbitrary<Head> head =
        Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), flags(), counts())
            .as(Head::new);
    Arbitrary<Body> body =
        Combinators.combine(
                questions(),
                records().list().ofMaxSize(2),
                Arbitraries.frequency(Tuple.of(6, false), Tuple.of(4, true)),
                opt(),
                Arbitraries.frequency(
                    Tuple.of(8, OptPlace.ADDITIONAL),
                    Tuple.of(1, OptPlace.ANSWER),
                    Tuple.of(1, OptPlace.AUTHORITY),
                    Tuple.of(1, OptPlace.TWICE)))
            .as(Body::new);
    Arbitrary<Damage> damage =
        Combinators.combine(
                sometimes(1, 9, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16)),
                sometimes(
                    1,
                    6,
                    Arbitraries.integers()
                        .between(0, 0xFFFF)
                        .array(int[].class)
                        .ofMinSize(2)
                        .ofMaxSize(6)),
                sometimes(1, 8, Arbitraries.integers().between(0, 999)))
            .as(Damage::new);
    return Combinators.combine(head, body, damage).as(HostileQueries::wire);
  }

  /**
   * {@code value} in {@code odds} of {@code odds + evens} cases, else null (then the caller's
   * default).
   */
  private static <T> Arbitrary<T> sometimes(int odds, int evens, Arbitrary<T> value) {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(evens, false), Tuple.of(odds, true)), value)
        .as((yes, v) -> yes ? v : null);
  }

  /** {@code usual} mostly, {@code rare} in one of {@code 1 + weight} cases. */
  private static Arbitrary<Integer> mostly(
      Arbitrary<Integer> usual, int weight, Arbitrary<Integer> rare) {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(weight, false), Tuple.of(1, true)), usual, rare)
        .as((odd, u, r) -> odd ? r : u);
  }

  /** QR, opcode, RD, and (on some queries) AA, TC, RA, Z, AD, CD and an rcode. */
  private static Arbitrary<Integer> flags() {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)),
            mostly(Arbitraries.just(0), 6, Arbitraries.integers().between(1, 15)),
            Arbitraries.of(true, false),
            mostly(Arbitraries.just(0), 1, Arbitraries.integers().between(0, 0x06FF)))
        .as(
            (qr, opcode, rd, rest) ->
                (qr ? 0x8000 : 0) | (opcode << 11) | (rd ? 0x0100 : 0) | rest);
  }

  /** Section counts as written (null: the true ones), lying about what follows. */
  private static Arbitrary<int[]> counts() {
    return sometimes(
        1,
        4,
        Arbitraries.frequency(
                Tuple.of(6, 0),
                Tuple.of(6, 1),
                Tuple.of(6, 2),
                Tuple.of(6, 3),
                Tuple.of(1, 0xFFFF),
                Tuple.of(1, 0x100),
                Tuple.of(1, 0x7FFF))
            .array(int[].class)
            .ofSize(4));
  }

  /** One question mostly; zero to three sometimes. */
  private static Arbitrary<List<byte[]>> questions() {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(8, false), Tuple.of(2, true)),
            question(),
            question().list().ofMaxSize(3))
        .as((several, one, list) -> several ? list : List.of(one));
  }

  private static Arbitrary<byte[]> question() {
    return Combinators.combine(
            HostileNames.names(),
            types(),
            classes(),
            Arbitraries.frequency(Tuple.of(12, 4), Tuple.of(1, 0), Tuple.of(1, 2)))
        .as(
            (name, type, dclass, keep) ->
                concat(name, Arrays.copyOf(typeClass(type, dclass), keep)));
  }

  /** Common types mostly; meta types (OPT, TSIG, IXFR, AXFR, MAILB, MAILA, ANY) and any number. */
  private static Arbitrary<Integer> types() {
    return mostly(
        Arbitraries.frequency(
            Tuple.of(9, Type.A),
            Tuple.of(3, Type.AAAA),
            Tuple.of(2, Type.MX),
            Tuple.of(2, Type.TXT),
            Tuple.of(2, Type.NS),
            Tuple.of(1, Type.SOA),
            Tuple.of(1, Type.CNAME),
            Tuple.of(1, Type.PTR),
            Tuple.of(1, Type.SRV),
            Tuple.of(1, Type.CAA),
            Tuple.of(1, Type.DS),
            Tuple.of(1, Type.DNSKEY),
            Tuple.of(1, Type.HTTPS),
            Tuple.of(1, Type.DNAME),
            Tuple.of(1, 0),
            Tuple.of(1, Type.OPT),
            Tuple.of(1, Type.TSIG),
            Tuple.of(1, Type.IXFR),
            Tuple.of(1, Type.AXFR),
            Tuple.of(1, Type.MAILB),
            Tuple.of(1, Type.MAILA),
            Tuple.of(1, Type.ANY)),
        4,
        Arbitraries.integers().between(0, 0xFFFF));
  }

  /** IN mostly; CH, HS, NONE, ANY, 0 and anything else sometimes. */
  private static Arbitrary<Integer> classes() {
    return mostly(
        Arbitraries.frequency(
            Tuple.of(40, 1),
            Tuple.of(1, 0),
            Tuple.of(1, 3),
            Tuple.of(1, 4),
            Tuple.of(1, 254),
            Tuple.of(1, 255)),
        9,
        Arbitraries.integers().between(0, 0xFFFF));
  }

  /**
   * A resource record where a query carries none, for a random section: rdata at random, its length
   * true or not.
   */
  private static Arbitrary<Extra> records() {
    return Combinators.combine(
            HostileNames.names(),
            types(),
            classes(),
            Arbitraries.integers(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
            sometimes(1, 6, Arbitraries.integers().between(0, 0xFFFF)),
            Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(2, 3)))
        .as(
            (name, type, dclass, ttl, rdata, rdlength, section) ->
                new Extra(
                    section,
                    concat(
                        name,
                        typeClass(type, dclass),
                        u16(ttl >>> 16),
                        u16(ttl),
                        u16(rdlength == null ? rdata.length : rdlength),
                        rdata)));
  }

  /**
   * An OPT record (RFC 6891): owner, UDP size, extended rcode, version, flags (DO or anything),
   * then zero to three options (cookie, padding, client subnet, extended error, keepalive, NSID or
   * any code), each with its true length or a lie.
   */
  private static Arbitrary<byte[]> opt() {
    Arbitrary<byte[]> option =
        Combinators.combine(
                mostly(
                    Arbitraries.frequency(
                        Tuple.of(3, 10),
                        Tuple.of(2, 12),
                        Tuple.of(1, 8),
                        Tuple.of(1, 15),
                        Tuple.of(1, 11),
                        Tuple.of(1, 3)),
                    3,
                    Arbitraries.integers().between(0, 0xFFFF)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(48),
                sometimes(1, 8, Arbitraries.integers().between(0, 0xFFFF)))
            .as(
                (code, data, length) ->
                    concat(u16(code), u16(length == null ? data.length : length), data));
    return Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(27, new byte[] {0}),
                Tuple.of(1, new byte[] {3, 'c', 'o', 'm', 0}),
                Tuple.of(1, new byte[] {(byte) 0xC0, 12}),
                Tuple.of(1, new byte[] {1})),
            mostly(
                Arbitraries.frequency(
                    Tuple.of(1, 0),
                    Tuple.of(1, 1),
                    Tuple.of(1, 511),
                    Tuple.of(1, 512),
                    Tuple.of(1, 513),
                    Tuple.of(3, 1232),
                    Tuple.of(1, 1233),
                    Tuple.of(2, 4096),
                    Tuple.of(1, 65535)),
                3,
                Arbitraries.integers().between(0, 0xFFFF)),
            Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 255)),
            Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 255)),
            mostly(
                Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(1, 0x8000)),
                3,
                Arbitraries.integers().between(0, 0xFFFF)),
            option.list().ofMaxSize(3))
        .as(
            (owner, payload, extendedRcode, version, flags, options) -> {
              byte[] rdata = concat(options.toArray(new byte[0][]));
              return concat(
                  owner,
                  u16(Type.OPT),
                  u16(payload),
                  new byte[] {(byte) (int) extendedRcode, (byte) (int) version},
                  u16(flags),
                  u16(rdata.length),
                  rdata);
            });
  }

  private record Head(int id, int flags, int[] counts) {}

  /** An extra record and its section: 1 answer, 2 authority, 3 additional (0: left out). */
  private record Extra(int section, byte[] wire) {}

  private record Body(
      List<byte[]> questions, List<Extra> extras, boolean edns, byte[] opt, OptPlace optPlace) {}

  /** Bytes appended, bit flips as (position, mask) pairs, and where to cut (per mille). */
  private record Damage(byte[] trailing, int[] flips, Integer cut) {}

  private static byte[] wire(Head head, Body body, Damage damage) {
    List<List<byte[]>> sections = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Extra extra : body.extras()) {
      if (extra.section() > 0) {
        sections.get(extra.section() - 1).add(extra.wire());
      }
    }
    if (body.edns()) {
      switch (body.optPlace()) {
        case ANSWER -> sections.get(0).add(body.opt());
        case AUTHORITY -> sections.get(1).add(body.opt());
        case TWICE -> {
          sections.get(2).add(body.opt());
          sections.get(2).add(body.opt());
        }
        default -> sections.get(2).add(body.opt());
      }
    }
    int[] counts =
        head.counts() != null
            ? head.counts()
            : new int[] {
              body.questions().size(),
              sections.get(0).size(),
              sections.get(1).size(),
              sections.get(2).size()
            };
    byte[] packet =
        concat(
            header(head.id(), head.flags(), counts),
            concat(body.questions().toArray(new byte[0][])),
            concat(sections.get(0).toArray(new byte[0][])),
            concat(sections.get(1).toArray(new byte[0][])),
            concat(sections.get(2).toArray(new byte[0][])),
            damage.trailing() == null ? new byte[0] : damage.trailing());
    if (damage.flips() != null) {
      for (int i = 0; i + 1 < damage.flips().length; i += 2) {
        packet[damage.flips()[i] % packet.length] ^= (byte) (1 + damage.flips()[i + 1] % 255);
      }
    }
    return damage.cut() == null
        ? packet
        : Arrays.copyOf(packet, (int) ((long) damage.cut() * packet.length / 1000));
  }

  private static byte[] header(int id, int flags, int[] counts) {
    return RawDns.header(id, flags, counts[0], counts[1], counts[2], counts[3]);
  }

  private static byte[] typeClass(int type, int dclass) {
    return concat(u16(type), u16(dclass));
  }

  /** For reports: a packet as hex. */
  static String hex(byte[] packet) {
    return HexFormat.of().formatHex(packet);
  }
}
