package io.rootwalk.testing.rpl;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The non-blank lines of a scenario, read front to back, and errors that point at them. */
final class RplReader {

  private final String source;
  private final List<RplLine> lines = new ArrayList<>();
  private final int lastLine;
  private int next;

  RplReader(String text, String source) {
    this.source = source;
    String[] raw = text.split("\\R", -1);
    for (int i = 0; i < raw.length; i++) {
      RplLine line = RplLine.of(i + 1, raw[i]);
      if (!line.text().isEmpty()) {
        lines.add(line);
      }
    }
    // A final line break ends the last line rather than starting one.
    boolean endsWithBreak = raw.length > 1 && raw[raw.length - 1].isEmpty();
    this.lastLine = endsWithBreak ? raw.length - 1 : raw.length;
  }

  String source() {
    return source;
  }

  boolean hasNext() {
    return next < lines.size();
  }

  /** The next line without consuming it, or null at the end. */
  @Nullable RplLine peek() {
    return hasNext() ? lines.get(next) : null;
  }

  /**
   * The next line.
   *
   * @param what what was expected, for the message when the file ends here
   */
  RplLine next(String what) {
    if (!hasNext()) {
      throw error(lastLine, "the file ends where " + what + " was expected");
    }
    return lines.get(next++);
  }

  ScenarioFormatException error(RplLine line, String problem) {
    return error(line.number(), problem);
  }

  ScenarioFormatException error(int line, String problem) {
    return new ScenarioFormatException(source, line, problem);
  }
}
