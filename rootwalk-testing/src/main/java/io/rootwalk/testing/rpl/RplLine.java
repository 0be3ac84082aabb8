package io.rootwalk.testing.rpl;

import java.util.List;
import java.util.Locale;

/**
 * One line of a scenario file with its comment removed.
 *
 * @param number the 1-based line number, for messages
 * @param text the line without its comment, trimmed
 * @param tokens {@code text} split at blanks
 */
record RplLine(int number, String text, List<String> tokens) {

  RplLine {
    tokens = List.copyOf(tokens);
  }

  static RplLine of(int number, String raw) {
    String text = stripComment(raw).strip();
    return new RplLine(number, text, text.isEmpty() ? List.of() : List.of(text.split("\\s+")));
  }

  /** The first token in upper case, as keywords are compared: {@code "ENTRY_BEGIN"}. */
  String keyword() {
    return tokens.isEmpty() ? "" : tokens.get(0).toUpperCase(Locale.ROOT);
  }

  /** The first token as written. */
  String first() {
    return tokens.isEmpty() ? "" : tokens.get(0);
  }

  /** The tokens after the keyword. */
  List<String> arguments() {
    return tokens.isEmpty() ? List.of() : tokens.subList(1, tokens.size());
  }

  /** The text after the keyword, as written. */
  String rest() {
    return tokens.isEmpty() ? "" : text.substring(tokens.get(0).length()).strip();
  }

  /** A ';' starts a comment unless it is inside a quoted string, e.g. TXT rdata. */
  private static String stripComment(String raw) {
    boolean quoted = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        i++; // an escaped character, perhaps a quote or a ';', is data
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return raw.substring(0, i);
      }
    }
    return raw;
  }
}
