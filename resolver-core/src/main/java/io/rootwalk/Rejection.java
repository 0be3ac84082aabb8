package io.rootwalk;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * An RRset the bailiwick scrubber removed from a response before anything was used or cached,
 * and why. Rejections are an attribute of the exchange that carried them, so the shape of a
 * trace does not depend on how chatty a server's additional section is.
 */
public record Rejection(Section section, Name name, int type, String reason) {

  /** The message section the RRset came from. */
  public enum Section {
    ANSWER,
    AUTHORITY,
    ADDITIONAL
  }

  public Rejection {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return section.name().toLowerCase(java.util.Locale.ROOT) + " " + name + " " + Type.string(type)
        + ": " + reason;
  }
}
