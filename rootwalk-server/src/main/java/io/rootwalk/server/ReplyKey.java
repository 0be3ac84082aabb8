package io.rootwalk.server;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a cached reply is the reply to: the question name lower-cased in wire form, the type and
 * class, and one byte of query bits that shape the reply (RD, CD, EDNS present, DO, AD asked for).
 * So a DO=0 client is never served the RRSIGs a DO=1 client got (RFC 4035 section 3.2.1), nor a
 * client that asked for no AD a reply saying AD (RFC 6840 section 5.8). The client's UDP size is
 * left out on purpose: a cached reply is never truncated, so it serves every client whose limit it
 * fits.
 */
final class ReplyKey {

  private final byte[] bytes;
  private final int hash;

  ReplyKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ReplyKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ReplyKey" + Arrays.toString(bytes);
  }
}
