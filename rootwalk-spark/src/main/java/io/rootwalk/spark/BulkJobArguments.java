package io.rootwalk.spark;

import io.rootwalk.QnameMinimisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The command line of {@link BulkResolveJob}, parsed on the driver: where the names are, where the
 * results go, and the {@link BulkJobConfig} the executors build their resolvers from. The hints and
 * anchors files are read here, on the driver, and travel to the executors as text.
 *
 * <pre>
 * --in PATH                   names, one a line, optionally with a type (required)
 * --out PATH                  where the Parquet results go; must not exist yet (required)
 * --root-hints FILE           a named.root file to walk from (default: IANA's, built in)
 * --upstream-port N           the port servers are asked on (default 53)
 * --concurrency N             lookups in flight per partition (default 64)
 * --trust-anchors FILE        DS/DNSKEY lines or root-anchors.xml; turns validation on
 * --qname-minimisation MODE   off, relaxed (default) or strict
 * --partitions N              repartition the names first (default: as read)
 * --redis URI                 share a second-level cache in Redis or Valkey (default: none)
 * --redis-prefix PREFIX       what every Redis key starts with (default: rootwalk:)
 * </pre>
 *
 * @param in the names' path
 * @param out the results' path
 * @param config the executors' configuration
 * @param partitions how many partitions to resolve in, or 0 to keep the input's
 */
public record BulkJobArguments(String in, String out, BulkJobConfig config, int partitions) {

  /**
   * Checks the parts.
   *
   * @param in the names' path
   * @param out the results' path
   * @param config the executors' configuration
   * @param partitions at least 0
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if {@code partitions} is negative
   */
  public BulkJobArguments {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(config, "config");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be 0 or more, was " + partitions);
    }
  }

  /**
   * Parses {@code args}.
   *
   * @param args the options above, each followed by its value
   * @return the arguments
   * @throws IllegalArgumentException if an option is unknown, lacks its value or has a bad one, or
   *     {@code --in} or {@code --out} is missing, or a file does not parse
   * @throws UncheckedIOException if a file cannot be read
   */
  public static BulkJobArguments parse(String... args) {
    String in = null;
    String out = null;
    String hints = null;
    String anchors = null;
    Integer port = null;
    Integer concurrency = null;
    QnameMinimisation minimisation = null;
    int partitions = 0;
    String redis = null;
    String redisPrefix = BulkJobConfig.PREFIX;
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[i + 1];
      switch (option) {
        case "--in" -> in = value;
        case "--out" -> out = value;
        case "--root-hints" -> hints = value;
        case "--trust-anchors" -> anchors = value;
        case "--upstream-port" -> port = number(option, value);
        case "--concurrency" -> concurrency = number(option, value);
        case "--partitions" -> partitions = number(option, value);
        case "--qname-minimisation" -> minimisation = minimisation(value);
        case "--redis" -> redis = value;
        case "--redis-prefix" -> redisPrefix = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (in == null || out == null) {
      throw new IllegalArgumentException("--in and --out are required");
    }
    BulkJobConfig config =
        hints == null ? BulkJobConfig.iana() : BulkJobConfig.of(read(hints), hints);
    if (port != null) {
      config = config.withUpstreamPort(port);
    }
    if (concurrency != null) {
      config = config.withConcurrency(concurrency);
    }
    if (anchors != null) {
      config = config.withTrustAnchors(read(anchors), anchors);
    }
    if (minimisation != null) {
      config = config.withQnameMinimisation(minimisation);
    }
    if (redis != null) {
      config = config.withRedis(redis, redisPrefix);
    }
    return new BulkJobArguments(in, out, config, partitions);
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, was " + value, e);
    }
  }

  private static QnameMinimisation minimisation(String value) {
    try {
      return QnameMinimisation.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--qname-minimisation is off, relaxed or strict, was " + value, e);
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
