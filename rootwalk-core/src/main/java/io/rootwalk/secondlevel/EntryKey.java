package io.rootwalk.secondlevel;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Where an entry lives in the shared store, and what the key promises about it: the owner and the
 * type the entry must have when it is read back, whatever its bytes say.
 *
 * @param table which of the resolver's tables the entry belongs to
 * @param name the owner, the name denied, or the zone cut
 * @param type the type (0 for an NXDOMAIN and for a zone cut)
 */
public record EntryKey(Table table, Name name, int type) {

  /** The resolver's tables that travel to the store. */
  public enum Table {
    /** Answerable RRsets. */
    ANSWER("a"),
    /** NODATA: the name exists without the type. */
    NODATA("n"),
    /** NXDOMAIN: the name, and everything below it, does not exist (RFC 8020). */
    NXDOMAIN("x"),
    /** Zone cuts. */
    DELEGATION("d");

    private final String tag;

    Table(String tag) {
      this.tag = tag;
    }
  }

  /** The format of values, in every key: a resolver never reads bytes of a format it predates. */
  static final String FORMAT = "v1";

  /**
   * The key for an RRset.
   *
   * @param owner the owner
   * @param type the type
   * @return the key
   */
  public static EntryKey answer(Name owner, int type) {
    return new EntryKey(Table.ANSWER, owner, type);
  }

  /**
   * The key for a NODATA.
   *
   * @param name the name
   * @param type the type denied
   * @return the key
   */
  public static EntryKey nodata(Name name, int type) {
    return new EntryKey(Table.NODATA, name, type);
  }

  /**
   * The key for an NXDOMAIN.
   *
   * @param name the name
   * @return the key
   */
  public static EntryKey nxdomain(Name name) {
    return new EntryKey(Table.NXDOMAIN, name, 0);
  }

  /**
   * The key for a zone cut.
   *
   * @param zone the zone
   * @return the key
   */
  public static EntryKey delegation(Name zone) {
    return new EntryKey(Table.DELEGATION, zone, 0);
  }

  /**
   * The key as the store sees it: the format, the table, the lower-cased name (names compare
   * without case, RFC 4343) and the type, e.g. {@code v1/a/www.shop.com./A}. The store puts its own
   * prefix before it.
   *
   * @return the key string
   */
  public String text() {
    String owner = name.toString().toLowerCase(Locale.ROOT);
    String base = FORMAT + "/" + table.tag + "/" + owner;
    return type == 0 ? base : base + "/" + Type.string(type);
  }

  @Override
  public String toString() {
    return text();
  }
}
