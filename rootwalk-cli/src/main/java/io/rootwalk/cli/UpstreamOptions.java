package io.rootwalk.cli;

import io.rootwalk.QnameMinimisation;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.TrustAnchors;
import io.rootwalk.TrustAnchorsException;
import io.rootwalk.redis.RedisSecondLevelCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --root-hints FILE}, {@code --trust-anchor FILE}, {@code --upstream-port N}, {@code
 * --qname-minimisation MODE} and {@code --redis URI}: where {@code lookup}, {@code trace}, {@code
 * bulk}, {@code check} and {@code serve} start their walks and their chains of trust, and the one
 * place the CLI builds a resolver, so all of them walk and validate the same way.
 */
final class UpstreamOptions {

  /**
   * What {@code lookup} and {@code trace} print, and {@code serve} says on stderr, when the
   * resolver does not validate: the resolver validates with IANA's hints (and IANA's anchors) by
   * default, but no anchor of IANA's signs a lab's root.
   */
  static final String VALIDATION_OFF =
      ";; DNSSEC validation off: no trust anchor for these root hints";

  // A String, not a Path or RootHints: the file is read when the command runs (newResolver), so
  // a bad name becomes a reason in words rather than picocli's InvalidPathException, and parsing
  // it (dnsjava records, which create loggers) waits until Main has set the log level.
  @Option(
      names = "--root-hints",
      paramLabel = "FILE",
      description =
          "Root hints to start from, in named.root format (default: IANA's root servers).")
  private Optional<String> rootHintsFile = Optional.empty();

  // A String for the same reasons as --root-hints.
  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description =
          "Validate DNSSEC from these root trust anchors: DS or DNSKEY lines of the root zone, or"
              + " IANA's root-anchors.xml (default: IANA's root KSKs, built in, when walking"
              + " IANA's root; none, so no validation, with --root-hints).")
  private Optional<String> trustAnchorFile = Optional.empty();

  @Option(
      names = "--upstream-port",
      paramLabel = "N",
      converter = PortNumber.Upstream.class,
      description = "Port every upstream server is asked on (default: 53).")
  private int port = 53;

  @Option(
      names = "--qname-minimisation",
      paramLabel = "MODE",
      description =
          "How much of each name upstream servers are sent (RFC 9156): relaxed (default; falls"
              + " back to the full name where a server mishandles minimised names), strict"
              + " (never falls back) or off.")
  private QnameMinimisation minimisation = QnameMinimisation.RELAXED;

  // A String: checked when the command runs, so a bad URI is a usage error in words.
  @Option(
      names = "--redis",
      paramLabel = "URI",
      description =
          "Share a second-level cache with other resolvers in Redis or Valkey at"
              + " redis://[user:password@]HOST[:PORT][/DB] (rediss:// for TLS): read before"
              + " walking, written behind each lookup (default: none).")
  private Optional<String> redis = Optional.empty();

  @Option(
      names = "--udp-socket-reuse",
      paramLabel = "N",
      description =
          "Let one UDP socket carry up to N exchanges with its server, for at most 1.5 s (the"
              + " query timeout), instead of a new socket on a new random port per exchange"
              + " (default: 1, no reuse). Saves about a fifth of a cold lookup's CPU; gives up"
              + " part of RFC 5452's port entropy (see the README).")
  private int udpSocketReuse = 1;

  @Option(
      names = "--redis-prefix",
      paramLabel = "PREFIX",
      description = "What every Redis key of Rootwalk's starts with (default: rootwalk:).")
  private String redisPrefix = "rootwalk:";

  /** How long a kept UDP socket may live: the default query timeout, as long as a slow exchange. */
  private static final Duration SOCKET_MAX_AGE = Duration.ofMillis(1500);

  /**
   * A resolver that starts from the hints and asks every server on the port.
   *
   * @throws UsageException if the hints file cannot be read or parsed: a usage error (exit 64), not
   *     a resolution failure
   */
  Resolver newResolver() {
    return builder().build();
  }

  /**
   * The builder {@link #newResolver} builds, for a command that sets more on it ({@code check}'s
   * query timeout).
   *
   * @throws UsageException as {@link #newResolver} does
   */
  ResolverBuilder builder() {
    // Without --root-hints, the real internet: the right default for users; tests always pass one.
    // The builder's own default, not rootHints(RootHints.iana()): it validates from IANA's
    // built-in anchors only when no hints were given to it.
    ResolverBuilder builder = Resolver.builder().upstreamPort(port).qnameMinimisation(minimisation);
    try {
      builder.udpSocketReuse(udpSocketReuse, SOCKET_MAX_AGE);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--udp-socket-reuse: " + e.getMessage());
    }
    rootHintsFile.map(UpstreamOptions::readHints).ifPresent(builder::rootHints);
    // With anchors the resolver validates whatever the hints; without, a lab's resolver does not.
    trustAnchorFile.map(UpstreamOptions::readAnchors).ifPresent(builder::trustAnchors);
    redis.map(this::secondLevel).ifPresent(builder::secondLevelCache);
    return builder;
  }

  /** The Redis second-level cache, or a usage error naming what is wrong with the URI. */
  private RedisSecondLevelCache secondLevel(String uri) {
    String shown = UsageErrors.printable(uri);
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      throw new UsageException("--redis needs a redis:// or rediss:// URI, not " + shown);
    }
    try {
      return RedisSecondLevelCache.builder(uri).keyPrefix(redisPrefix).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--redis " + shown + " is not a Redis URI: " + oneLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * The one line saying that {@code resolver} does not validate, or empty when it does: the CLI's
   * user should not take a lab's INDETERMINATE answers for a verdict.
   */
  static Optional<String> validationOff(Resolver resolver) {
    return resolver.trustAnchors().isPresent() ? Optional.empty() : Optional.of(VALIDATION_OFF);
  }

  /**
   * Reads an anchor file, with the reason in words: {@link TrustAnchors#fromFile} already says in
   * one line what is wrong (unreadable, too large, a bad line, no usable anchor).
   */
  private static TrustAnchors readAnchors(String file) {
    if (file.isEmpty()) {
      throw new UsageException("--trust-anchor needs a file name");
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UsageException(
          "trust anchor file name is not a valid path: " + UsageErrors.printable(file));
    }
    if (Files.isDirectory(path)) {
      throw new UsageException(
          "trust anchor file " + UsageErrors.printable(file) + " is a directory");
    }
    try {
      return TrustAnchors.fromFile(path);
    } catch (TrustAnchorsException e) {
      throw new UsageException(oneLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * Reads and parses a hints file, with the reason in words: the CLI reads the file itself (as
   * {@link RootHints#fromFile} would, US-ASCII) so that no exception class name reaches the user.
   */
  private static RootHints readHints(String file) {
    if (file.isEmpty()) {
      throw new UsageException("--root-hints needs a file name");
    }
    String shown = UsageErrors.printable(file);
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UsageException("root hints file name is not a valid path: " + shown);
    }
    if (Files.isDirectory(path)) {
      throw new UsageException("root hints file " + shown + " is a directory");
    }
    String text;
    try {
      text = readAtMost(path, MAX_HINTS_BYTES, shown);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read root hints file " + shown + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot read root hints file " + shown + ": permission denied");
    } catch (CharacterCodingException e) {
      throw new UsageException("cannot read root hints file " + shown + ": not ASCII text");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UsageException("cannot read root hints file " + shown + ": " + oneLine(reason));
    }
    try {
      return RootHints.parse(text, shown);
    } catch (IllegalArgumentException e) {
      throw new UsageException(oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** As {@code RootHints} caps them: a real root hints file is about 3 KB. */
  private static final int MAX_HINTS_BYTES = 1 << 20;

  /**
   * The file as strict US-ASCII, reading one byte past the cap at most: {@code /dev/zero} or a huge
   * file is refused at once instead of filling the heap.
   */
  private static String readAtMost(Path path, int max, String shown) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(max + 1);
    }
    if (bytes.length > max) {
      throw new UsageException("root hints file " + shown + " is larger than 1 MiB");
    }
    return StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static String oneLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
