package io.rootwalk.testing;

import java.time.Duration;
import java.util.List;

/**
 * What a lab server sends back for one query: the messages in order (forged ones first when
 * spoofing, none when dropping), each already encoded, after {@code delay}.
 */
record Reply(Duration delay, List<byte[]> messages) {

  static final Reply NONE = new Reply(Duration.ZERO, List.of());

  Reply {
    messages = List.copyOf(messages);
  }

  static Reply of(byte[] message) {
    return new Reply(Duration.ZERO, List.of(message));
  }

  Reply delayedBy(Duration extra) {
    return new Reply(delay.plus(extra), messages);
  }
}
