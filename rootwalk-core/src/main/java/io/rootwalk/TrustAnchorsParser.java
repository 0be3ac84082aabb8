package io.rootwalk;

import io.rootwalk.ZoneFileLine.BadLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads trust anchor text in zone-file form: DS and DNSKEY records for the root, one plain record a
 * line, with an optional TTL and class IN, {@code ;} comments and blank lines (the form of
 * Unbound's {@code root.key} and of {@code dig . DNSKEY} output). Like {@link RootHintsParser} it
 * refuses {@code $} directives, multi-line records, non-ASCII text and anything over 1 MiB: the
 * path is operator input that may point anywhere.
 */
final class TrustAnchorsParser {

  /** The most an anchor file may hold: IANA's root-anchors.xml is about 1 KiB. */
  static final int MAX_BYTES = 1 << 20;

  /** The TTL of a record that gives none; anchor TTLs are not used. */
  private static final long DEFAULT_TTL = 172_800;

  private TrustAnchorsParser() {}

  /** The text of {@code path}, read up to {@link #MAX_BYTES} and one byte more, never further. */
  static String read(Path path) {
    String source = path.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new TrustAnchorsException(
          source, "cannot read trust anchor file " + path + ": " + why(path, e), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new TrustAnchorsException(
          source, "trust anchor file " + path + " is larger than 1 MiB: not an anchor file");
    }
    // Latin-1 maps each byte to one char, so a stray byte is reported as the byte it is.
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

  /** The DS and DNSKEY records of zone-file text, in order. */
  static List<Record> records(String text, String source) {
    List<Record> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    @Nullable Name owner = null;
    for (int i = 0; i < lines.length; i++) {
      try {
        Record r = record(lines[i], owner);
        if (r != null) {
          out.add(r);
          owner = r.getName();
        }
      } catch (BadLine e) {
        throw new TrustAnchorsException(
            source,
            "trust anchors " + source + " do not parse: line " + (i + 1) + ": " + e.getMessage(),
            e);
      }
    }
    return out;
  }

  private static @Nullable Record record(String line, @Nullable Name previousOwner) throws BadLine {
    ZoneFileLine l = ZoneFileLine.read(line, previousOwner, DEFAULT_TTL, "a trust anchor file");
    if (l == null) {
      return null;
    }
    int type = l.type();
    if (type != Type.DS && type != Type.DNSKEY) {
      throw new BadLine(
          Type.string(type) + " records are not allowed: an anchor is a DS or DNSKEY record");
    }
    l.requireIn();
    if (!l.owner().equals(Name.root)) {
      throw new BadLine(
          Type.string(type)
              + " record for "
              + ZoneFileLine.quote(l.owner().toString())
              + ": only root anchors");
    }
    l.requirePlain();
    if (l.data().isEmpty()) {
      throw new BadLine(Type.string(type) + " without its data");
    }
    return l.toRecord();
  }

  static String shorten(@Nullable String message) {
    return ZoneFileLine.shorten(message);
  }

  static String quote(String text) {
    return ZoneFileLine.quote(text);
  }
}
