package io.rootwalk.server;

import java.util.Objects;
import org.xbill.DNS.Message;

/**
 * A response to send, with the largest UDP payload the client accepts: 512 without EDNS (RFC 1035),
 * else its advertised size capped at ours (RFC 6891; 1232 after DNS Flag Day 2020). Over TCP the
 * limit does not apply.
 */
record Reply(Message message, int udpLimit) {

  /** The UDP payload every client takes (RFC 1035 section 4.2.1). */
  static final int MIN_UDP = 512;

  /** The most a TCP reply can hold (RFC 7766 section 8: a two-byte length). */
  static final int MAX_TCP = 65535;

  Reply {
    Objects.requireNonNull(message, "message");
  }

  /** The UDP datagram: truncated to the client's size, with TC set so it retries over TCP. */
  byte[] udpWire() {
    return message.toWire(udpLimit);
  }

  /** The TCP payload (without its two-byte length prefix). */
  byte[] tcpWire() {
    return message.toWire(MAX_TCP);
  }
}
