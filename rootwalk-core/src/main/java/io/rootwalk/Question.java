package io.rootwalk;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS question: an absolute name and a record type (class IN). Also the key under which identical
 * lookups in flight share one resolution.
 *
 * <p>Validated on construction, so a malformed name or an unusable type is an {@link
 * IllegalArgumentException} before any packet is sent.
 *
 * @param name the absolute name asked about
 * @param type the record type, a dnsjava {@link Type} value; any data type or {@code ANY}, not a
 *     meta type (RFC 6895 section 3.1)
 */
public record Question(Name name, int type) {

  /**
   * Checks that the name is absolute and the type can be resolved.
   *
   * @param name the absolute name
   * @param type the record type
   * @throws IllegalArgumentException if the name is relative, or the type is out of range
   *     (1..65535) or a meta type: OPT, TSIG, TKEY, AXFR, IXFR, MAILA, MAILB
   */
  public Question {
    Objects.requireNonNull(name, "name");
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("name must be absolute: " + name);
    }
    checkType(type);
  }

  /**
   * Parses {@code name} (a trailing dot is optional) and checks {@code type}.
   *
   * @param name a presentation-format name such as {@code "www.example.com"}, taken as absolute
   * @param type the record type, a dnsjava {@link Type} value
   * @return the question
   * @throws IllegalArgumentException if the name is malformed (an empty label, a label over 63
   *     octets, a name over 255 octets) or the type cannot be asked for
   */
  public static Question of(String name, int type) {
    // An embedded resolver is asked the same few names again and again, and a memoised cache hit
    // costs less than parsing the name would: recent questions are kept, one per slot of a small
    // direct-mapped table, so a repeated lookup(String, ...) parses nothing (a racing writer only
    // replaces an equally valid entry).
    int h = Objects.requireNonNull(name, "name").hashCode() * 31 + type;
    int slot = (h ^ (h >>> 16)) & (RECENT.length() - 1);
    Recent recent = RECENT.get(slot);
    if (recent != null && recent.question().type() == type && recent.text().equals(name)) {
      return recent.question();
    }
    Question question = new Question(parseName(name), type);
    RECENT.set(slot, new Recent(name, question));
    return question;
  }

  /** A question parsed from {@code text}. */
  private record Recent(String text, Question question) {}

  private static final AtomicReferenceArray<@Nullable Recent> RECENT =
      new AtomicReferenceArray<>(1024);

  /**
   * Like {@link #of(String, int)} with a type mnemonic such as {@code "AAAA"} or {@code "TYPE65"}.
   *
   * @param name a presentation-format name, taken as absolute
   * @param type a type mnemonic or RFC 3597 generic form, in any case
   * @return the question
   * @throws IllegalArgumentException if the name is malformed or the type unknown or unusable
   */
  public static Question of(String name, String type) {
    return new Question(parseName(name), parseType(type));
  }

  /**
   * Parses a presentation-format name, made absolute: {@code "example.com"} and {@code
   * "example.com."} are the same name, {@code "."} is the root.
   *
   * @param name the name; surrounding white space is ignored
   * @return the absolute name
   * @throws IllegalArgumentException if the name is empty or malformed (an empty label, a label
   *     over 63 octets, a name over 255 octets)
   */
  public static Name parseName(String name) {
    Objects.requireNonNull(name, "name");
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty domain name");
    }
    if (trimmed.contains("..") || (trimmed.startsWith(".") && trimmed.length() > 1)) {
      throw new IllegalArgumentException("malformed domain name (empty label): " + name);
    }
    try {
      return Name.fromString(trimmed, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          "malformed domain name " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a type mnemonic ({@code "MX"}) or RFC 3597 generic form ({@code "TYPE65"}), in any case.
   *
   * @param type the mnemonic; surrounding white space is ignored
   * @return the type's value
   * @throws IllegalArgumentException if the type is unknown, out of range or cannot be resolved (a
   *     meta type such as OPT or AXFR)
   */
  public static int parseType(String type) {
    Objects.requireNonNull(type, "type");
    int value = Type.value(type.strip().toUpperCase(java.util.Locale.ROOT));
    if (value < 0) {
      throw new IllegalArgumentException("unknown record type: " + type);
    }
    checkType(value);
    return value;
  }

  private static void checkType(int type) {
    if (type <= 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("record type out of range: " + type);
    }
    // Meta types (RFC 6895 section 3.1) are not data: OPT only lives in the additional section,
    // TSIG/TKEY are transaction records, zone transfers are not resolution.
    if (type == Type.OPT
        || type == Type.TSIG
        || type == Type.TKEY
        || type == Type.AXFR
        || type == Type.IXFR
        || type == Type.MAILA
        || type == Type.MAILB) {
      throw new IllegalArgumentException(
          "record type " + Type.string(type) + " cannot be resolved");
    }
  }

  /**
   * The class of the question.
   *
   * @return always {@link DClass#IN}: Rootwalk resolves only the Internet class
   */
  public int dclass() {
    return DClass.IN;
  }

  @Override
  public String toString() {
    return name + " " + Type.string(type);
  }
}
