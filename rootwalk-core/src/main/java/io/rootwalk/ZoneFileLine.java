package io.rootwalk;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One record line of the small zone-format files a user hands the resolver (root hints, trust
 * anchors), read up to its type: owner (or the previous line's), optional TTL and class in either
 * order (RFC 1035 section 5.1), type, and the data tokens. Deliberately less than a zone file: no
 * {@code $} directives, no parentheses or quoted strings, printable ASCII only, so that a hostile
 * file can neither include another nor make dnsjava's tokenizer read across lines. Each parser adds
 * the checks of its own file kind.
 *
 * @param owner the owner name
 * @param ttl the TTL given, or the caller's default
 * @param dclass the class given, IN by default
 * @param type the record type
 * @param data the tokens after the type
 * @param plain whether the line holds no parentheses and no quoted strings
 */
record ZoneFileLine(Name owner, long ttl, int dclass, int type, List<String> data, boolean plain) {

  /** How much of a bad token an error message quotes. */
  static final int QUOTE_LIMIT = 40;

  /**
   * Reads one line; null for a blank or comment line.
   *
   * @param previousOwner the owner of the record on the line before, for a line that omits it
   * @param defaultTtl the TTL of a line that gives none
   * @param fileKind what the file is, for the refusal of directives ("a hints file")
   */
  static @Nullable ZoneFileLine read(
      String line, @Nullable Name previousOwner, long defaultTtl, String fileKind) throws BadLine {
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
      throw new BadLine(quote(tokens[0]) + " directives are not allowed in " + fileKind);
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
    long ttl = defaultTtl;
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
    boolean plain = text.indexOf('(') < 0 && text.indexOf(')') < 0 && text.indexOf('"') < 0;
    return new ZoneFileLine(
        owner, ttl, dclass, type, List.of(tokens).subList(next + 1, tokens.length), plain);
  }

  /** Refuses any class but IN. */
  void requireIn() throws BadLine {
    if (dclass != DClass.IN) {
      throw new BadLine("class " + DClass.string(dclass) + " is not IN");
    }
  }

  /** Refuses a line with parentheses or quoted strings. */
  void requirePlain() throws BadLine {
    if (!plain) {
      throw new BadLine("one plain record a line: no parentheses, no quoted strings");
    }
  }

  /** The record, its data parsed by dnsjava; a parse error names the data. */
  Record toRecord() throws BadLine {
    String rdata = String.join(" ", data);
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

  /** A library's message about our input, which may quote all of it, cut short if long. */
  static String shorten(@Nullable String message) {
    // dnsjava's tokenizer prefixes "<none>:1: ", a position in the one-token string it was given.
    String m = String.valueOf(message).replaceAll("\\s+", " ").replaceFirst("^<none>:\\d+: ", "");
    return m.length() <= 2 * QUOTE_LIMIT ? m : m.substring(0, 2 * QUOTE_LIMIT) + "...";
  }

  /** {@code text} in quotes, cut short if long. */
  static String quote(String text) {
    return "'"
        + (text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...")
        + "'";
  }

  /** What is wrong with one line; the caller adds where. */
  static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message, null, false, false);
    }
  }
}
