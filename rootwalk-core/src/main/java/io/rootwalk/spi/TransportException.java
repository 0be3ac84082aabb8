package io.rootwalk.spi;

import org.jspecify.annotations.Nullable;

/**
 * Why an upstream exchange produced no usable response. These complete a {@link Transport}'s future
 * exceptionally; they never reach the resolver's caller, who sees them as trace outcomes.
 */
public abstract sealed class TransportException extends Exception {

  private static final long serialVersionUID = 1L;

  TransportException(String message, @Nullable Throwable cause) {
    super(message, cause, false, false);
  }

  /** No matching response arrived before the timeout. */
  public static final class Timeout extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * A timeout.
     *
     * @param message which server, over which protocol, after how long
     */
    public Timeout(String message) {
      super(message, null);
    }
  }

  /** The server answered (right source, right ID) with bytes that are not a valid DNS message. */
  public static final class Malformed extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * A response that does not parse.
     *
     * @param message which server, and what was wrong
     * @param cause dnsjava's parse failure, if any
     */
    public Malformed(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /** The server could not be reached: connection refused, port unreachable, no route, reset. */
  public static final class Unreachable extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * An unreachable server.
     *
     * @param message which server, and how it failed
     * @param cause the I/O failure, if any
     */
    public Unreachable(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
