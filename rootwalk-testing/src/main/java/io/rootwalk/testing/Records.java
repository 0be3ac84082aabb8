package io.rootwalk.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Records from one line of zone-file text, as tests and scenario files write them: {@code
 * www.example.com. 300 IN A 192.0.2.1}. Names are relative to the root, the TTL defaults to 3600
 * and the class to IN (Deckard's defaults).
 */
public final class Records {

  /** The TTL of a record that gives none, as in Deckard's scenarios. */
  public static final long DEFAULT_TTL = 3600;

  private Records() {}

  /**
   * Parses one resource record in master-file syntax; parentheses may span what were several lines.
   *
   * @param text owner, optional TTL and class, type and rdata; the owner is required (leading
   *     blanks are ignored rather than meaning "the previous owner")
   * @return the record
   * @throws IllegalArgumentException naming the text and what dnsjava found wrong with it
   */
  public static Record parse(String text) {
    String line = text.strip();
    if (line.isEmpty()) {
      throw new IllegalArgumentException("empty record");
    }
    // $INCLUDE and friends have no place in one record, and an include would read local files.
    if (line.startsWith("$")) {
      throw new IllegalArgumentException("'" + line + "' is a directive, not a record");
    }
    try (Master master =
        new Master(
            new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
            Name.root,
            DEFAULT_TTL)) {
      master.disableIncludes();
      Record record = master.nextRecord();
      if (record == null) {
        throw new IllegalArgumentException("no record in '" + line + "'");
      }
      if (master.nextRecord() != null) {
        throw new IllegalArgumentException("more than one record in '" + line + "'");
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae
          && iae.getMessage() != null
          && iae.getMessage().contains(line)) {
        throw iae;
      }
      throw new IllegalArgumentException(
          "cannot parse record '"
              + line
              + "': "
              + withoutLinePrefix(String.valueOf(e.getMessage())),
          e);
    }
  }

  /**
   * Parses a question: {@code name [class] type}, such as {@code www.example.com. IN A}.
   *
   * @param text the question line
   * @return a question record (no TTL, no rdata)
   * @throws IllegalArgumentException if the name, class or type is not valid
   */
  public static Record question(String text) {
    String[] tokens = text.strip().split("\\s+");
    if (tokens.length < 2 || tokens.length > 3) {
      throw new IllegalArgumentException(
          "a question is 'name [class] type', not '" + text.strip() + "'");
    }
    Name name;
    try {
      name = Name.fromString(tokens[0], Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          "'" + tokens[0] + "' is not a domain name: " + e.getMessage(), e);
    }
    int dclass = DClass.IN;
    if (tokens.length == 3) {
      dclass = DClass.value(tokens[1]);
      if (dclass < 0) {
        throw new IllegalArgumentException("'" + tokens[1] + "' is not a DNS class");
      }
    }
    String typeText = tokens[tokens.length - 1];
    int type = Type.value(typeText);
    if (type < 0) {
      throw new IllegalArgumentException("'" + typeText + "' is not a record type");
    }
    return Record.newRecord(name, type, dclass);
  }

  /** dnsjava prefixes "&lt;stream&gt;:1: " or "line 1:", which means nothing to the reader. */
  private static String withoutLinePrefix(String message) {
    if (message == null) {
      return "malformed";
    }
    return message.replaceFirst("^.*?:\\s*\\d+:\\s*", "").replaceFirst("^line \\d+:\\s*", "");
  }
}
