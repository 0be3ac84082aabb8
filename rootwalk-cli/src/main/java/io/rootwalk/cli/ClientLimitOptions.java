package io.rootwalk.cli;

import io.rootwalk.server.ClientLimits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s per-client limits: each client's share of TCP connections and lookups in flight
 * (on by default), and UDP response rate limiting per prefix (off by default). The defaults and the
 * reasons for them are {@link ClientLimits}'s; a mixin of its own so that {@link ServeCommand}
 * stays about serving.
 */
final class ClientLimitOptions {

  @Option(
      names = "--rate-limit",
      paramLabel = "QPS",
      converter = RateLimit.class,
      description =
          "UDP queries a second one client prefix (/24 IPv4, /56 IPv6) may send before its"
              + " responses are limited; 0 turns it off (default: 0, off). TCP is never limited.")
  private int rateLimit = ClientLimits.DEFAULT.rateLimit();

  @Option(
      names = "--rate-limit-slip",
      paramLabel = "N",
      converter = Slip.class,
      description =
          "Of the rate-limited responses, send every Nth as an empty truncated (TC) reply so a"
              + " real client retries over TCP, and drop the rest; 0 drops all, 1 truncates all"
              + " (0..10, default: 2).")
  private int slip = ClientLimits.DEFAULT.rateLimitSlip();

  @Option(
      names = "--max-tcp-per-client",
      paramLabel = "N",
      converter = TcpPerClient.class,
      description =
          "TCP connections one client address may hold open, of 256 for all (default: 32). When"
              + " all 256 are taken, the client holding the most gives up its oldest idle one.")
  private int tcpPerClient = ClientLimits.DEFAULT.maxTcpConnectionsPerClient();

  @Option(
      names = "--max-lookups-per-client",
      paramLabel = "N",
      converter = LookupsPerClient.class,
      description =
          "Lookups one client address may have in flight, of 10000 for all (default: 1000);"
              + " beyond it a query gets the cached answer or SERVFAIL at once.")
  private int lookupsPerClient = ClientLimits.DEFAULT.maxLookupsPerClient();

  /** The limits the options ask for. */
  ClientLimits limits() {
    return new ClientLimits(tcpPerClient, lookupsPerClient, rateLimit, slip);
  }

  /** Parses {@code text} as a number in {@code min..max}, or names the option and range. */
  static int parse(String option, String text, int min, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        option + " must be a number in " + min + ".." + max + " but was '" + text + "'");
  }

  /** {@code --rate-limit QPS}: 0 (off) or any positive rate. */
  static final class RateLimit implements ITypeConverter<Integer> {
    /** Parses QPS in 0..10^9; otherwise a {@link UsageException} that names the option. */
    @Override
    public Integer convert(String text) {
      return parse("--rate-limit", text, 0, 1_000_000_000);
    }
  }

  /** {@code --rate-limit-slip N}: 0..10, as BIND's {@code slip}. */
  static final class Slip implements ITypeConverter<Integer> {
    /** Parses N in 0..10; otherwise a {@link UsageException} that names the option. */
    @Override
    public Integer convert(String text) {
      return parse("--rate-limit-slip", text, 0, ClientLimits.MAX_SLIP);
    }
  }

  /** {@code --max-tcp-per-client N}: at least 1. */
  static final class TcpPerClient implements ITypeConverter<Integer> {
    /** Parses N in 1..10^6; otherwise a {@link UsageException} that names the option. */
    @Override
    public Integer convert(String text) {
      return parse("--max-tcp-per-client", text, 1, 1_000_000);
    }
  }

  /** {@code --max-lookups-per-client N}: at least 1. */
  static final class LookupsPerClient implements ITypeConverter<Integer> {
    /** Parses N in 1..10^6; otherwise a {@link UsageException} that names the option. */
    @Override
    public Integer convert(String text) {
      return parse("--max-lookups-per-client", text, 1, 1_000_000);
    }
  }
}
