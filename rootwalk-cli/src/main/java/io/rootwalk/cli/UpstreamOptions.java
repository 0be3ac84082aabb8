package io.rootwalk.cli;

import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
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
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --root-hints FILE} and {@code --upstream-port N}: where {@code lookup}, {@code trace} and
 * {@code serve} start their walks, and the one place the CLI builds a resolver, so all three walk
 * the same way.
 */
final class UpstreamOptions {

  // A String, not a Path or RootHints: the file is read when the command runs (newResolver), so
  // a bad name becomes a reason in words rather than picocli's InvalidPathException, and parsing
  // it (dnsjava records, which create loggers) waits until Main has set the log level.
  @Option(
      names = "--root-hints",
      paramLabel = "FILE",
      description =
          "Root hints to start from, in named.root format (default: IANA's root servers).")
  private Optional<String> rootHintsFile = Optional.empty();

  @Option(
      names = "--upstream-port",
      paramLabel = "N",
      converter = PortNumber.Upstream.class,
      description = "Port every upstream server is asked on (default: 53).")
  private int port = 53;

  /**
   * A resolver that starts from the hints and asks every server on the port.
   *
   * @throws UsageException if the hints file cannot be read or parsed: a usage error (exit 64), not
   *     a resolution failure
   */
  Resolver newResolver() {
    // Without --root-hints, the real internet: the right default for users; tests always pass one.
    RootHints hints = rootHintsFile.map(UpstreamOptions::readHints).orElseGet(RootHints::iana);
    return Resolver.builder().rootHints(hints).upstreamPort(port).build();
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
