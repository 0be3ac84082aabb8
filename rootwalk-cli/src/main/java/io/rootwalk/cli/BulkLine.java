package io.rootwalk.cli;

import io.rootwalk.Question;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One line of {@code bulk}'s input, read: a question to resolve, or why the line is not one. An
 * invalid line still gets its output line (status INVALID), so one typo in a 50-million-line file
 * neither stops the run nor silently shortens the output.
 */
sealed interface BulkLine permits BulkLine.Query, BulkLine.Invalid {

  /** Runs of white space between the name and the type; tabs and several spaces are common. */
  Pattern FIELDS = Pattern.compile("\\s+");

  /**
   * A line to resolve.
   *
   * @param question the name and type the line asks for
   */
  record Query(Question question) implements BulkLine {}

  /**
   * A line that asks nothing resolvable.
   *
   * @param name the line's first field, as written
   * @param type its second field as written, or A when there was none
   * @param reason {@code INVALID_NAME}, {@code INVALID_TYPE} or {@code INVALID_LINE}
   * @param detail what is wrong, in words
   */
  record Invalid(String name, String type, String reason, String detail) implements BulkLine {}

  /**
   * Reads one line: {@code name} or {@code name type}, surrounding white space ignored, the type a
   * mnemonic in any case or {@code TYPEnnn} (A when left out).
   *
   * @param text the line, without its line break
   * @return empty for a blank line or a {@code #} comment, which produce no output
   */
  static Optional<BulkLine> parse(String text) {
    String line = text.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return Optional.empty();
    }
    String[] fields = FIELDS.split(line);
    String type = fields.length > 1 ? fields[1] : "A";
    if (fields.length > 2) {
      return Optional.of(
          new Invalid(
              fields[0],
              type,
              "INVALID_LINE",
              "expected 'name' or 'name type' but found " + fields.length + " fields"));
    }
    Name name;
    try {
      name = Question.parseName(fields[0]);
    } catch (IllegalArgumentException e) {
      return Optional.of(new Invalid(fields[0], type, "INVALID_NAME", reason(e)));
    }
    int value;
    try {
      value = Question.parseType(type);
    } catch (IllegalArgumentException e) {
      return Optional.of(new Invalid(fields[0], type, "INVALID_TYPE", reason(e)));
    }
    return Optional.of(new Query(new Question(name, value)));
  }

  /**
   * A line longer than any question, of which only {@code start} was kept: INVALID, never parsed,
   * since what was dropped may have been the type.
   */
  static BulkLine tooLong(String start, int max) {
    String shown = start.strip();
    shown = shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    return new Invalid(shown, "A", "INVALID_LINE", "line longer than " + max + " characters");
  }

  /** The type's mnemonic, as the output lines name it. */
  static String mnemonic(int type) {
    return Type.string(type);
  }

  private static String reason(IllegalArgumentException e) {
    return Objects.requireNonNullElse(e.getMessage(), "malformed");
  }
}
