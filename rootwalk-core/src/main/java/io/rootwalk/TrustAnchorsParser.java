package io.rootwalk;

import io.rootwalk.ZoneFileLine.BadLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads trust anchor text in zone-file form: DS and DNSKEY records for the root, one plain record a
 * line, with an optional TTL and class IN, {@code ;} comments and blank lines (the form of
 * Unbound's {@code root.key} and of {@code dig . DNSKEY} output). Like {@link RootHintsParser} it
 * refuses {@code $} directives, multi-line records, non-ASCII text and anything over 1 MiB: the
 * path is operator input that may point anywhere.
 */
final class TrustAnchorsParser {

  /** The most an anchor file may hold: IANA's root-anchors.xml is about 1 KiB. */
  static final int MAX_BYTES = ConfigFile.MAX_BYTES;

  /** The TTL of a record that gives none; anchor TTLs are not used. */
  private static final long DEFAULT_TTL = 172_800;

  private TrustAnchorsParser() {}

  /** The text of {@code path}, read bounded. */
  static String read(Path path) {
    return ConfigFile.read(
        path,
        "trust anchor file",
        "an anchor file",
        (m, e) ->
            e == null
                ? new TrustAnchorsException(path.toString(), m)
                : new TrustAnchorsException(path.toString(), m, e));
  }

  /** The DS and DNSKEY records of zone-file text, in order. */
  static List<Record> records(String text, String source) {
    List<Record> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    @Nullable Name owner = null;
    for (int i = 0; i < lines.length; i++) {
      try {
        Record r = record(lines[i], owner);
        if (r != null) {
          out.add(r);
          owner = r.getName();
        }
      } catch (BadLine e) {
        throw new TrustAnchorsException(
            source,
            "trust anchors " + source + " do not parse: line " + (i + 1) + ": " + e.getMessage(),
            e);
      }
    }
    return out;
  }

  private static @Nullable Record record(String line, @Nullable Name previousOwner) throws BadLine {
    ZoneFileLine l = ZoneFileLine.read(line, previousOwner, DEFAULT_TTL, "a trust anchor file");
    if (l == null) {
      return null;
    }
    int type = l.type();
    if (type != Type.DS && type != Type.DNSKEY) {
      throw new BadLine(
          Type.string(type) + " records are not allowed: an anchor is a DS or DNSKEY record");
    }
    l.requireIn();
    if (!l.owner().equals(Name.root)) {
      throw new BadLine(
          Type.string(type)
              + " record for "
              + ZoneFileLine.quote(l.owner().toString())
              + ": only root anchors");
    }
    l.requirePlain();
    if (l.data().isEmpty()) {
      throw new BadLine(Type.string(type) + " without its data");
    }
    return l.toRecord();
  }

  static String shorten(@Nullable String message) {
    return ZoneFileLine.shorten(message);
  }

  static String quote(String text) {
    return ZoneFileLine.quote(text);
  }
}
