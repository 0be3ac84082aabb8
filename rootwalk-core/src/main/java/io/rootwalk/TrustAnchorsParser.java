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
 * Reads trust anchor text in zone-file form: DS and DNSKEY records for the root, one plain record a
 * line, with an optional TTL and class IN, {@code ;} comments and blank lines (the form of
 * Unbound's {@code root.key} and of {@code dig . DNSKEY} output). Like {@link RootHintsParser} it
 * refuses {@code $} directives, multi-line records, non-ASCII text and anything over 1 MiB: the
 * path is operator input that may point anywhere.
 */
final class TrustAnchorsParser {

  /** The most an anchor file may hold: IANA's root-anchors.xml is about 1 KiB. */
  static final int MAX_BYTES = 1 << 20;

  /** The TTL of a record that gives none; anchor TTLs are not used. */
  private static final long DEFAULT_TTL = 172_800;

  private static final int QUOTE_LIMIT = 40;

  private TrustAnchorsParser() {}

  /** The text of {@code path}, read up to {@link #MAX_BYTES} and one byte more, never further. */
  static String read(Path path) {
    String source = path.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new TrustAnchorsException(
          source, "cannot read trust anchor file " + path + ": " + why(path, e), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new TrustAnchorsException(
          source, "trust anchor file " + path + " is larger than 1 MiB: not an anchor file");
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
      throw new BadLine(quote(tokens[0]) + " directives are not allowed in a trust anchor file");
    }
    int next = 0;
    Name owner;
    if (Character.isWhitespace(text.charAt(0))) {
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
    if (type != Type.DS && type != Type.DNSKEY) {
      throw new BadLine(
          Type.string(type) + " records are not allowed: an anchor is a DS or DNSKEY record");
    }
    if (dclass != DClass.IN) {
      throw new BadLine("class " + DClass.string(dclass) + " is not IN");
    }
    if (!owner.equals(Name.root)) {
      throw new BadLine(
          Type.string(type) + " record for " + quote(owner.toString()) + ": only root anchors");
    }
    if (text.indexOf('(') >= 0 || text.indexOf(')') >= 0 || text.indexOf('"') >= 0) {
      throw new BadLine("one plain record a line: no parentheses, no quoted strings");
    }
    if (next + 1 >= tokens.length) {
      throw new BadLine(Type.string(type) + " without its data");
    }
    String rdata = String.join(" ", List.of(tokens).subList(next + 1, tokens.length));
    try {
      return Record.fromString(owner, type, dclass, ttl, rdata, Name.root);
    } catch (IOException | RuntimeException e) {
      throw new BadLine(Type.string(type) + " " + quote(rdata) + ": " + shorten(e.getMessage()));
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

  static String shorten(@Nullable String message) {
    String m = String.valueOf(message).replaceAll("\\s+", " ").replaceFirst("^<none>:\\d+: ", "");
    return m.length() <= 2 * QUOTE_LIMIT ? m : m.substring(0, 2 * QUOTE_LIMIT) + "...";
  }

  static String quote(String text) {
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
