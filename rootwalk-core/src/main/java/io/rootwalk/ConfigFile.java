package io.rootwalk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The small files a user points the resolver at (root hints, trust anchors), read whole but never
 * past {@link #MAX_BYTES} and one byte more: a path to {@code /dev/zero} or a huge log must end in
 * one line of error, not an {@code OutOfMemoryError}.
 */
final class ConfigFile {

  /** The most such a file may hold: IANA's hints are about 3 KiB, so this is far beyond any. */
  static final int MAX_BYTES = 1 << 20;

  private ConfigFile() {}

  /**
   * The text of {@code path}, as Latin-1 so that a stray byte is reported as the byte it is.
   *
   * @param what the file's name in messages, e.g. {@code "root hints file"}
   * @param kind what a file that is too large cannot be, e.g. {@code "a hints file"}
   * @param failure the caller's exception for a message and its cause
   */
  static String read(
      Path path,
      String what,
      String kind,
      BiFunction<String, @Nullable IOException, RuntimeException> failure) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw failure.apply("cannot read " + what + " " + path + ": " + why(path, e), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw failure.apply(what + " " + path + " is larger than 1 MiB: not " + kind, null);
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String why(Path path, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return Files.isDirectory(path) ? "is a directory" : String.valueOf(e.getMessage());
  }
}
