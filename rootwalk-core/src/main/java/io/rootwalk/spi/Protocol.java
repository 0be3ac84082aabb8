package io.rootwalk.spi;

/** The transport protocol of one upstream exchange. */
public enum Protocol {
  /** One datagram each way (RFC 1035 section 4.2.1); a truncated answer is retried over TCP. */
  UDP,
  /** DNS over TCP with RFC 1035 section 4.2.2 two-byte length framing (RFC 7766). */
  TCP
}
