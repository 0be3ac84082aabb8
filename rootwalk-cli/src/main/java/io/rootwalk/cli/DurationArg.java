package io.rootwalk.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * A positive duration from the command line: a whole number with a unit, {@code 500ms}, {@code 2s},
 * {@code 5m}, {@code 1h}, {@code 2d}, or a bare number of seconds ({@code 86400}, as TTLs are
 * written). One converter per option, so the reason names it, as {@link PortNumber}'s do.
 */
final class DurationArg {

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  /** What the reasons say a duration looks like. */
  static final String FORMS = "a whole number with ms, s, m, h or d, e.g. 500ms, 2s, 1d";

  private DurationArg() {}

  /**
   * Parses {@code text}.
   *
   * @param what the option, as the reason names it
   * @throws UsageException if it is not a positive duration in one of the forms
   */
  static Duration parse(String what, String text) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException(what + " must be " + FORMS + ", but was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        };
    if (d.isZero()) {
      throw new UsageException(what + " must be positive but was '" + text + "'");
    }
    return d;
  }

  /** {@code --timeout}. */
  static final class Timeout implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      return parse("--timeout", text);
    }
  }

  /** {@code --deadline}. */
  static final class Deadline implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      return parse("--deadline", text);
    }
  }

  /** {@code --ns-ttl-threshold}. */
  static final class NsTtlThreshold implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      return parse("--ns-ttl-threshold", text);
    }
  }
}
