package io.rootwalk.testing;

/**
 * The transport a query reached a lab server over. Named {@code Wire} so it does not clash with a
 * resolver's own transport types in tests that import both.
 */
public enum Wire {
  /** A single datagram; answers are limited to 512 bytes or the client's EDNS payload size. */
  UDP,
  /** A TCP stream with RFC 1035 two-byte length framing. */
  TCP
}
