package io.rootwalk;

import java.util.Objects;

/**
 * A trust anchor file or text that cannot be used: unreadable, too large, malformed, or without a
 * single usable root anchor. A usage error, like a bad root hints file: the message is one line
 * naming the source (and the line, where one applies) and what is wrong, fit to show a user without
 * a stack trace.
 */
public final class TrustAnchorsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Where the anchors came from: a path, or the source given to {@link TrustAnchors#parse}. */
  private final String source;

  TrustAnchorsException(String source, String message) {
    super(message);
    this.source = Objects.requireNonNull(source, "source");
  }

  TrustAnchorsException(String source, String message, Throwable cause) {
    super(message, cause);
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Where the unusable anchors came from.
   *
   * @return a path, or the source given to {@link TrustAnchors#parse}
   */
  public String source() {
    return source;
  }
}
