package io.rootwalk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
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

  /** The most a hints file may hold: IANA's is about 3 KiB, so this is far beyond any real one. */
  static final int MAX_BYTES = 1 << 20;

  /** The TTL of a record that gives none; hints TTLs are not used, only checked. */
  private static final long DEFAULT_TTL = 3_600_000;

  /** The longest piece of the input a message quotes, so that a message stays one short line. */
  private static final int QUOTE_LIMIT = 40;

  private RootHintsParser() {}

  /**
   * The text of {@code path}, read up to {@link #MAX_BYTES} and one byte more, never further.
   *
   * @throws IllegalArgumentException if the file cannot be read or is larger than the limit
   */
  static String read(Path path) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read root hints file " + path + ": " + why(path, e), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "root hints file " + path + " is larger than 1 MiB: not a hints file");
    }
    // Latin-1 maps each byte to one char, so a stray byte is reported as the byte it is.
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String why(Path path, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return Files.isDirectory(path) ? "is a directory" : String.valueOf(e.getMessage());
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
    String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    int comment = text.indexOf(';');
    if (comment >= 0) {
      text = text.substring(0, comment);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7E)) {
        throw new BadLine(String.format("character 0x%02X is not printable ASCII", (int) c));
      }
    }
    if (text.isBlank()) {
      return null;
    }
    String[] tokens = text.trim().split("[ \t]+");
    if (tokens[0].startsWith("$")) {
      throw new BadLine(
          quote(tokens[0])
              + " directives are not allowed: a hints file holds only NS, A and AAAA records");
    }
    int next = 0;
    Name owner;
    if (Character.isWhitespace(text.charAt(0))) { // no owner: the previous line's, as in a zone
      if (previousOwner == null) {
        throw new BadLine("no owner name, and no record before this line to take it from");
      }
      owner = previousOwner;
    } else {
      owner = name(tokens[next++]);
    }
    long ttl = DEFAULT_TTL;
    int dclass = DClass.IN;
    boolean ttlSeen = false;
    boolean classSeen = false;
    // A TTL and a class, both optional, in either order (RFC 1035 section 5.1).
    while (next < tokens.length && (!ttlSeen || !classSeen)) {
      String t = tokens[next];
      if (!ttlSeen && Character.isDigit(t.charAt(0))) {
        ttl = ttl(t);
        ttlSeen = true;
      } else if (!classSeen && DClass.value(t) >= 0) {
        dclass = DClass.value(t);
        classSeen = true;
      } else {
        break;
      }
      next++;
    }
    if (next >= tokens.length) {
      throw new BadLine("no record type");
    }
    int type = Type.value(tokens[next]);
    if (type < 0) {
      throw new BadLine(quote(tokens[next]) + " is neither a class nor a record type");
    }
    if (type != Type.NS && type != Type.A && type != Type.AAAA) {
      throw new BadLine(
          Type.string(type) + " records are not allowed: a hints file holds only NS, A and AAAA");
    }
    if (dclass != DClass.IN) {
      throw new BadLine("class " + DClass.string(dclass) + " is not IN");
    }
    if (text.indexOf('(') >= 0 || text.indexOf(')') >= 0 || text.indexOf('"') >= 0) {
      throw new BadLine("one plain record a line: no parentheses, no quoted strings");
    }
    if (tokens.length - next != 2) {
      throw new BadLine(
          Type.string(type) + " takes exactly one " + (type == Type.NS ? "name" : "address"));
    }
    if (type == Type.NS && !owner.equals(Name.root)) {
      throw new BadLine(
          "NS record for " + quote(owner.toString()) + ": hints hold only the root's NS records");
    }
    try {
      return Record.fromString(owner, type, dclass, ttl, tokens[next + 1], Name.root);
    } catch (IOException | RuntimeException e) {
      throw new BadLine(
          Type.string(type) + " " + quote(tokens[next + 1]) + ": " + shorten(e.getMessage()));
    }
  }

  private static Name name(String text) throws BadLine {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new BadLine("bad name " + quote(text) + ": " + shorten(e.getMessage()));
    }
  }

  private static long ttl(String text) throws BadLine {
    try {
      return TTL.parseTTL(text);
    } catch (NumberFormatException e) {
      throw new BadLine("bad TTL " + quote(text));
    }
  }

  /** A library's message about our input, which may quote all of it, cut short if long. */
  private static String shorten(@Nullable String message) {
    // dnsjava's tokenizer prefixes "<none>:1: ", a position in the one-token string it was given.
    String m = String.valueOf(message).replaceAll("\\s+", " ").replaceFirst("^<none>:\\d+: ", "");
    return m.length() <= 2 * QUOTE_LIMIT ? m : m.substring(0, 2 * QUOTE_LIMIT) + "...";
  }

  /** {@code text} in quotes, cut short if long. */
  private static String quote(String text) {
    return "'"
        + (text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...")
        + "'";
  }

  /** What is wrong with one line; the caller adds where. */
  private static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message, null, false, false);
    }
  }
}
