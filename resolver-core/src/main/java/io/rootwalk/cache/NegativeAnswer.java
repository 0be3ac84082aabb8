package io.rootwalk.cache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A cached NXDOMAIN (for a name and everything below it, RFC 8020) or NODATA (for a name and type),
 * with the SOA that set its lifetime (RFC 2308 section 5).
 */
public record NegativeAnswer(
    Kind kind,
    Name name,
    int type,
    Optional<SOARecord> soa,
    long expiresAtNanos,
    AtomicReference<CachedRRset.Snapshot> lastCopy)
    implements Expiring {

  public NegativeAnswer(
      Kind kind, Name name, int type, Optional<SOARecord> soa, long expiresAtNanos) {
    this(kind, name, type, soa, expiresAtNanos, new AtomicReference<>());
  }

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
    if (soa.isEmpty()) {
      return soa;
    }
    long ttl = remainingTtl(nowNanos);
    CachedRRset.Snapshot last = lastCopy.get();
    if (last == null || last.ttl() != ttl) {
      last = new CachedRRset.Snapshot(ttl, java.util.List.of(CachedRRset.withTtl(soa.get(), ttl)));
      lastCopy.set(last);
    }
    return Optional.of((SOARecord) last.records().get(0));
  }
}
