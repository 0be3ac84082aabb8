package io.rootwalk.testing.rpl;

/**
 * A scenario file that cannot be replayed: malformed, or asking for something the replay does not
 * support. The message says where and what, as {@code walk.rpl:12: RANGE_BEGIN needs two step
 * numbers, found 'RANGE_BEGIN 0'}, so a test report needs no stack trace.
 */
public final class ScenarioFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  ScenarioFormatException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
    this.source = source;
    this.line = line;
  }

  /** The file (or other source) the scenario came from. */
  public String source() {
    return source;
  }

  /** The 1-based line the problem is on. */
  public int line() {
    return line;
  }
}
