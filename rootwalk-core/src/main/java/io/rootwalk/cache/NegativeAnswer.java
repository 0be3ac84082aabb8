package io.rootwalk.cache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * A cached NXDOMAIN (for a name and everything below it, RFC 8020) or NODATA (for a name and type),
 * with the SOA that set its lifetime (RFC 2308 section 5).
 *
 * @param kind NXDOMAIN or NODATA
 * @param name the name denied
 * @param type the type asked (an NXDOMAIN denies every type, whatever was asked)
 * @param soa the SOA from the response's authority section, with its original TTL
 * @param proof the NSEC or NSEC3 records and RRSIGs that came with the denial (DO=1), as received
 * @param expiresAtNanos the ticker time the negative answer stops being live
 * @param lastCopy the last copy of the SOA made for a hit, shared until the remaining TTL changes
 */
public record NegativeAnswer(
    Kind kind,
    Name name,
    int type,
    Optional<SOARecord> soa,
    List<Record> proof,
    long expiresAtNanos,
    AtomicReference<CachedRRset.Snapshot> lastCopy)
    implements Expiring, AnswerSource {

  /**
   * A freshly cached negative answer, with no copy of its SOA made yet.
   *
   * @param kind NXDOMAIN or NODATA
   * @param name the name denied
   * @param type the type asked
   * @param soa the SOA from the authority section
   * @param proof the NSEC or NSEC3 records and RRSIGs that came with it
   * @param expiresAtNanos the ticker time the negative answer stops being live
   */
  public NegativeAnswer(
      Kind kind,
      Name name,
      int type,
      Optional<SOARecord> soa,
      List<Record> proof,
      long expiresAtNanos) {
    this(kind, name, type, soa, List.copyOf(proof), expiresAtNanos, new AtomicReference<>());
  }

  /** The two kinds of negative answer (RFC 2308 sections 2.1 and 2.2). */
  public enum Kind {
    /** RCODE NXDOMAIN: the name does not exist, so neither does anything below it (RFC 8020). */
    NXDOMAIN,
    /** NOERROR with no answer: the name exists, but has no RRset of the type asked. */
    NODATA
  }

  /**
   * The TTL the negative answer has left.
   *
   * @param nowNanos the current ticker time
   * @return the whole seconds left at {@code nowNanos}, never negative
   */
  public long remainingTtl(long nowNanos) {
    return Expiring.remainingSeconds(expiresAtNanos, nowNanos);
  }

  /**
   * The SOA as a cached negative answer returns it: with its TTL set to what remains, so a stub
   * resolver caches the denial no longer than we do (RFC 2308 section 5).
   *
   * @param nowNanos the current ticker time
   * @return the SOA with the remaining TTL, or empty when none was kept
   */
  public Optional<SOARecord> soa(long nowNanos) {
    if (soa.isEmpty()) {
      return soa;
    }
    long ttl = remainingTtl(nowNanos);
    CachedRRset.Snapshot last = lastCopy.get();
    if (last == null || last.ttl() != ttl) {
      last = new CachedRRset.Snapshot(ttl, List.of(CachedRRset.withTtl(soa.get(), ttl)));
      lastCopy.set(last);
    }
    return Optional.of((SOARecord) last.records().get(0));
  }

  /**
   * The authority section a cached denial answers with: the SOA with its remaining TTL, then the
   * proof as it was received (the validator checks it again on every read).
   *
   * @param nowNanos the current ticker time
   * @return the SOA (if kept) and the proof records
   */
  public List<Record> authority(long nowNanos) {
    Optional<SOARecord> s = soa(nowNanos);
    if (proof.isEmpty()) {
      return s.<List<Record>>map(List::of).orElse(List.of());
    }
    List<Record> out = new java.util.ArrayList<>(proof.size() + 1);
    s.ifPresent(out::add);
    out.addAll(proof);
    return out;
  }
}
