package io.rootwalk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code bulk --in FILE|-}: the input, opened before any query so that a missing file is a usage
 * error, and read one line at a time so that a file of any size takes the same memory.
 */
final class BulkInput implements AutoCloseable {

  /** Large reads: a 50-million-line file is read in 64 KiB pieces, not in line-sized ones. */
  private static final int BUFFER = 1 << 16;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final BufferedReader reader;
  private final String where;
  private final Optional<Path> path;

  /**
   * The longest line kept: a name with every octet escaped ({@code \DDD}) is about 1,000
   * characters, and white space around it is trimmed anyway.
   */
  static final int MAX_LINE = 4096;

  private final char[] buffer = new char[BUFFER];
  private final StringBuilder line = new StringBuilder();
  private int pos;
  private int end;
  private boolean first = true;
  private boolean cut;

  private BulkInput(BufferedReader reader, String where, Optional<Path> path) {
    this.reader = reader;
    this.where = where;
    this.path = path;
  }

  /**
   * Opens {@code file}, or {@code stdin} for {@code -}. The text is UTF-8; a byte that is not
   * becomes U+FFFD, so such a line is one INVALID line rather than the end of the run.
   *
   * @throws UsageException if the file is missing, a directory or unreadable
   */
  static BulkInput open(String file, InputStream stdin) {
    if (file.equals("-")) {
      return new BulkInput(reader(stdin), "stdin", Optional.empty());
    }
    String shown = UsageErrors.printable(file);
    Path path = path(file, "--in");
    if (Files.isDirectory(path)) {
      throw new UsageException("input file " + shown + " is a directory");
    }
    try {
      return new BulkInput(
          reader(Files.newInputStream(path)), "input file " + shown, Optional.of(path));
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read input file " + shown + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot read input file " + shown + ": permission denied");
    } catch (IOException e) {
      throw new UsageException("cannot read input file " + shown + ": " + message(e));
    }
  }

  /** {@code file} as a path, or a usage error naming {@code option}. */
  static Path path(String file, String option) {
    if (file.isEmpty()) {
      throw new UsageException(option + " needs a file name, or - for standard input or output");
    }
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new UsageException(
          option + " file name is not a valid path: " + UsageErrors.printable(file));
    }
  }

  /**
   * The next line, without its line break and without a byte order mark at the start of the input
   * (Windows editors write one; it would make the first name invalid). A {@code \r} before the
   * {@code \n} stays, as white space the line's reader trims. At most {@link #MAX_LINE} characters
   * are kept ({@link #wasCut()} says when more were dropped): a file without line breaks must not
   * become one string on the heap.
   *
   * @return null at the end of the input
   */
  @Nullable String readLine() throws IOException {
    line.setLength(0);
    cut = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = Math.max(0, reader.read(buffer, 0, buffer.length));
        pos = 0;
        if (end == 0) {
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int lineBreak = pos;
      while (lineBreak < end && buffer[lineBreak] != '\n') {
        lineBreak++;
      }
      int keep = Math.min(lineBreak - pos, MAX_LINE - line.length());
      cut |= keep < lineBreak - pos;
      line.append(buffer, pos, keep);
      pos = lineBreak < end ? lineBreak + 1 : end;
      if (lineBreak < end) {
        break;
      }
    }
    if (first && line.length() > 0 && line.charAt(0) == BYTE_ORDER_MARK) {
      line.deleteCharAt(0);
    }
    first = false;
    return line.toString();
  }

  /** Whether the line {@link #readLine} returned last was longer than {@link #MAX_LINE}. */
  boolean wasCut() {
    return cut;
  }

  /** {@code stdin} or {@code input file NAME}, for error messages. */
  String where() {
    return where;
  }

  /** The file read, or empty for standard input. */
  Optional<Path> path() {
    return path;
  }

  /** Closes the file; a close that fails changes nothing for a file only read. */
  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // nothing was lost: every line had been read
    }
  }

  static String message(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
  }
}
