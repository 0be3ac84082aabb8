package io.rootwalk.cli;

import picocli.CommandLine.ITypeConverter;

/** A port number from the command line, checked against the range the option allows. */
final class PortNumber {

  private PortNumber() {}

  /**
   * Parses {@code text} as a port in {@code min..65535}.
   *
   * @param what the option, as the reason names it ({@code --listen port})
   * @throws UsageException if it is not a number in range
   */
  static int parse(String what, String text, int min) {
    try {
      int port = Integer.parseInt(text);
      if (port >= min && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        what + " must be a number in " + min + "..65535 but was '" + text + "'");
  }

  /** {@code --upstream-port N}: 0 is not a port a server can be asked on. */
  static final class Upstream implements ITypeConverter<Integer> {
    /** Parses N in 1..65535; otherwise a {@link UsageException} that names the option. */
    @Override
    public Integer convert(String text) {
      return parse("--upstream-port", text, 1);
    }
  }
}
