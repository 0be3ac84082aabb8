package io.rootwalk.cli;

import io.rootwalk.Resolution;
import io.rootwalk.cli.graph.GraphFormat;
import io.rootwalk.cli.graph.WalkGraphBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --graph FILE}: where the picture of the walk goes, and in which format. The ending and the
 * directory are checked when the command line is parsed, so a typo costs no query; a file that
 * still cannot be written after the walk is reported in one line too.
 *
 * @param path the file to write
 * @param format SVG or DOT, from the file's ending
 */
record GraphFile(Path path, GraphFormat format) {

  /** Writes the picture of {@code r}'s walk, replacing the file. */
  void write(Resolution r) {
    String text = format.render(WalkGraphBuilder.of(r));
    String shown = UsageErrors.printable(path.toString());
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot write graph file " + shown + ": permission denied");
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot write graph file " + shown + ": no such directory");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UsageException(
          "cannot write graph file " + shown + ": " + UsageErrors.printable(reason));
    }
  }

  /** FILE: a path ending {@code .svg} or {@code .dot}, in a directory that exists. */
  static final class Converter implements ITypeConverter<GraphFile> {
    @Override
    public GraphFile convert(String file) {
      String shown = UsageErrors.printable(file);
      if (file.isEmpty()) {
        throw new UsageException("--graph needs a file name ending .svg or .dot");
      }
      GraphFormat format =
          GraphFormat.forFileName(file)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--graph "
                              + shown
                              + ": the file name must end .svg (SVG) or .dot"
                              + " (Graphviz DOT)"));
      Path path;
      try {
        path = Path.of(file);
      } catch (InvalidPathException e) {
        throw new UsageException("graph file name is not a valid path: " + shown);
      }
      if (Files.isDirectory(path)) {
        throw new UsageException("graph file " + shown + " is a directory");
      }
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UsageException("cannot write graph file " + shown + ": no such directory");
      }
      if (parent != null && !Files.isWritable(parent) && !Files.isWritable(path)) {
        throw new UsageException("cannot write graph file " + shown + ": permission denied");
      }
      return new GraphFile(path, format);
    }
  }
}
