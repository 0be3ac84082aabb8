package io.rootwalk.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code bulk --out FILE|-}: where the JSON lines go, in 64 KiB writes. A file is created (or
 * truncated) before any query, so an unwritable one is a usage error; standard output is the
 * command's own. A write that fails (a full disk, a closed pipe) is an {@link IOException} either
 * way, so the run can stop instead of resolving millions of names for nobody.
 */
final class BulkOutput implements AutoCloseable {

  private static final int BUFFER = 1 << 16;

  /** How often standard output is asked whether a write failed, in lines. */
  private static final int CHECK_EVERY = 1024;

  private final Writer writer;
  private final String where;

  /** Standard output's writer, which keeps its errors to itself until asked; null for a file. */
  private final PrintWriter stdout;

  private long sinceCheck;

  private BulkOutput(Writer writer, String where, PrintWriter stdout) {
    this.writer = writer;
    this.where = where;
    this.stdout = stdout;
  }

  /**
   * Opens {@code file} for writing, or standard output for {@code -}.
   *
   * @param file the file name, or {@code -}
   * @param input the input's file, which must not be the same file (truncating it would lose it)
   * @param stdout the command's standard output
   * @throws UsageException if the file cannot be created or written, or is the input
   */
  static BulkOutput open(String file, BulkInput input, PrintWriter stdout) {
    if (file.equals("-")) {
      return new BulkOutput(new BufferedWriter(stdout, BUFFER), "stdout", stdout);
    }
    String shown = UsageErrors.printable(file);
    Path path = BulkInput.path(file, "--out");
    if (Files.isDirectory(path)) {
      throw new UsageException("output file " + shown + " is a directory");
    }
    if (input.path().isPresent() && sameFile(input.path().get(), path)) {
      throw new UsageException("output file " + shown + " is the input file");
    }
    try {
      Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      return new BulkOutput(writer, "output file " + shown, NO_STDOUT);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot write output file " + shown + ": no such directory");
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot write output file " + shown + ": permission denied");
    } catch (IOException e) {
      throw new UsageException("cannot write output file " + shown + ": " + BulkInput.message(e));
    }
  }

  /** Writes one line and its line break. */
  void write(String line) throws IOException {
    writer.write(line);
    writer.write('\n');
    if (stdout != NO_STDOUT && ++sinceCheck >= CHECK_EVERY) {
      sinceCheck = 0;
      checkStdout();
    }
  }

  /** Hands what is buffered to the file or the pipe. */
  void flush() throws IOException {
    writer.flush();
    if (stdout != NO_STDOUT) {
      checkStdout();
    }
  }

  /** {@code stdout} or {@code output file NAME}, for error messages. */
  String where() {
    return where;
  }

  /**
   * Closes a file (standard output is the command's and stays open); what could not be written has
   * been reported by {@link #write} or {@link #flush} already.
   */
  @Override
  public void close() {
    if (stdout == NO_STDOUT) {
      try {
        writer.close();
      } catch (IOException e) {
        // reported by the flush before, or the run had failed already
      }
    }
  }

  /**
   * A {@link PrintWriter} never throws: it remembers that a write failed, and says so when asked
   * ({@link Main}'s writer turns a failed {@code PrintStream} into that).
   */
  private void checkStdout() throws IOException {
    if (stdout.checkError()) {
      throw new IOException("the pipe or file was closed, or the disk is full");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // cannot tell: opening the output will say what is wrong, if anything
    }
  }

  /** Stands for "no standard output" without a null to check everywhere. */
  private static final PrintWriter NO_STDOUT = new PrintWriter(Writer.nullWriter());
}
