package io.rootwalk.cache;

import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A cached NXDOMAIN (for a name and everything below it, RFC 8020) or NODATA (for a name and
 * type), with the SOA that set its lifetime (RFC 2308 section 5).
 */
public record NegativeAnswer(Kind kind, Name name, int type, Optional<SOARecord> soa, long expiresAtNanos)
    implements Expiring {

  public enum Kind {
    NXDOMAIN,
    NODATA
  }

  /** Whole seconds left at {@code nowNanos}. */
  public long remainingTtl(long nowNanos) {
    return Math.max(0, (expiresAtNanos - nowNanos) / 1_000_000_000L);
  }

  /** The SOA with its TTL set to what remains, as a stub resolver should see it. */
  public Optional<SOARecord> soa(long nowNanos) {
    return soa.map(s -> (SOARecord) CachedRRset.withTtl(s, remainingTtl(nowNanos)));
  }
}
