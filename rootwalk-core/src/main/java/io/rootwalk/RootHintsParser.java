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
 * Reads a root hints file: bounded, and only the plain records a {@code named.root} holds, one a
 * line: {@code . NS name} and {@code name A|AAAA address}, with an optional TTL and class IN.
 *
 * <p>dnsjava's {@code Master} is not used: it is a zone-file reader, and a hints path is operator
 * input that may point anywhere. {@code $INCLUDE} would open another file (an error message then
 * quotes {@code /etc/passwd}), {@code $GENERATE 1-2147483647} expands into two billion records, and
 * an unbounded read of {@code /dev/zero} ends in an {@code OutOfMemoryError}. So every {@code $}
 * directive, even the harmless {@code $ORIGIN} and {@code $TTL}, every other type and class,
 * multi-line records and non-ASCII text are refused, each with one line naming the source, the line
 * number and what is wrong.
 */
final class RootHintsParser {

  /** The most a hints file may hold. */
  static final int MAX_BYTES = ConfigFile.MAX_BYTES;

  /** The TTL of a record that gives none; hints TTLs are not used, only checked. */
  private static final long DEFAULT_TTL = 3_600_000;

  private RootHintsParser() {}

  /**
   * The text of {@code path}, read bounded.
   *
   * @throws IllegalArgumentException if the file cannot be read or is larger than the limit
   */
  static String read(Path path) {
    return ConfigFile.read(
        path, "root hints file", "a hints file", (m, e) -> new IllegalArgumentException(m, e));
  }

  /**
   * The records of hints text, in order: root NS records, and A/AAAA records.
   *
   * @throws IllegalArgumentException naming {@code source} and the line, for anything else
   */
  static List<Record> records(String text, String source) {
    if (text.length() > MAX_BYTES) {
      throw new IllegalArgumentException(
          "root hints " + source + " are larger than 1 MiB: not a hints file");
    }
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
        throw new IllegalArgumentException(
            "root hints " + source + " do not parse: line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** One line's record, or null for a blank or comment line. */
  private static @Nullable Record record(String line, @Nullable Name previousOwner) throws BadLine {
    ZoneFileLine l = ZoneFileLine.read(line, previousOwner, DEFAULT_TTL, "a hints file");
    if (l == null) {
      return null;
    }
    int type = l.type();
    if (type != Type.NS && type != Type.A && type != Type.AAAA) {
      throw new BadLine(
          Type.string(type) + " records are not allowed: a hints file holds only NS, A and AAAA");
    }
    l.requireIn();
    l.requirePlain();
    if (l.data().size() != 1) {
      throw new BadLine(
          Type.string(type) + " takes exactly one " + (type == Type.NS ? "name" : "address"));
    }
    if (type == Type.NS && !l.owner().equals(Name.root)) {
      throw new BadLine(
          "NS record for "
              + ZoneFileLine.quote(l.owner().toString())
              + ": hints hold only the root's NS records");
    }
    return l.toRecord();
  }
}
