package io.rootwalk.dnssec;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Validates a zone's DNSKEY RRset against the DS RRset that vouches for it: the parent's, already
 * verified with the parent's keys, or the root trust anchors (RFC 4035 section 5.2).
 *
 * <p>A DS links when a DNSKEY of the set has its key tag and algorithm, hashes to its digest, has
 * protocol 3 and the Zone Key bit, and signs the DNSKEY RRset. Then every key of the set is
 * trusted. DS records of an algorithm or digest type this validator does not support are left out
 * first; when none is left the zone is insecure, not bogus (RFC 4035 5.2, RFC 6840 5.2). SHA-1 DS
 * records are left out when the set also holds a SHA-256 one (RFC 4509 section 3), so that a forged
 * SHA-1 match cannot stand in for the stronger digest.
 *
 * <p>Thread-safe and stateless.
 */
public final class KeySetValidator {

  private KeySetValidator() {}

  /**
   * Validates {@code dnskeys} against {@code dsSet}.
   *
   * @param dnskeys the zone's DNSKEY RRset with its RRSIGs, as received
   * @param dsSet the DS records for the zone, already validated (or trust anchors)
   * @param now the time in seconds since the epoch
   * @param budget the lookup's validation budget
   * @return TRUSTED with the zone's keys, INSECURE when no DS is usable, BOGUS or EXHAUSTED
   * @throws IllegalArgumentException if {@code dnskeys} is not a DNSKEY RRset, {@code dsSet} is
   *     empty (an unsigned delegation is proven with {@link NoDsProof}) or a DS is for another name
   */
  public static KeySetVerdict validate(
      RRset dnskeys, List<DSRecord> dsSet, long now, ValidationBudget budget) {
    Objects.requireNonNull(dnskeys, "dnskeys");
    Objects.requireNonNull(budget, "budget");
    Name zone = dnskeys.getName();
    if (dnskeys.getType() != Type.DNSKEY) {
      throw new IllegalArgumentException("not a DNSKEY RRset: " + Type.string(dnskeys.getType()));
    }
    if (dsSet.isEmpty()) {
      throw new IllegalArgumentException("no DS for " + zone + ": prove its absence instead");
    }
    for (DSRecord ds : dsSet) {
      if (!ds.getName().equals(zone)) {
        throw new IllegalArgumentException("DS of " + ds.getName() + " is not for " + zone);
      }
    }
    List<DSRecord> usable = usable(dsSet);
    if (usable.isEmpty()) {
      return unsupported(zone, dsSet);
    }
    List<DNSKEYRecord> keys = new ArrayList<>();
    for (Record r : dnskeys.rrs(false)) {
      keys.add((DNSKEYRecord) r);
    }
    Failures failures = new Failures(zone + " DNSKEY");
    boolean matched = false;
    for (DSRecord ds : usable) {
      for (DNSKEYRecord key : keys) {
        if (key.getFootprint() != ds.getFootprint()
            || key.getAlgorithm() != ds.getAlgorithm()
            || !digestMatches(ds, key)) {
          continue;
        }
        matched = true;
        if ((key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) == 0) {
          failures.add(
              BogusReason.NO_ZONE_KEY_BIT_SET,
              "the key DS " + ds.getFootprint() + " names lacks the Zone Key bit");
          continue;
        }
        Verdict v = RRsetVerifier.verify(dnskeys, zone, List.of(key), now, budget);
        if (v instanceof Verdict.Secure) {
          Verdict.Secure proof = (Verdict.Secure) v;
          return new KeySetVerdict.Trusted(
              new TrustedKeys(zone, keys, proof.ttl()), ds.getFootprint(), proof);
        }
        if (v instanceof Verdict.Exhausted) {
          return (Verdict.Exhausted) v;
        }
        if (v instanceof Verdict.Bogus) {
          Verdict.Bogus b = (Verdict.Bogus) v;
          // "No trusted key with that tag" here means the RRset lacks a signature by the DS key.
          failures.add(
              b.reason() == BogusReason.DNSKEY_MISSING ? BogusReason.RRSIGS_MISSING : b.reason(),
              "signature by DS key " + ds.getFootprint() + ": " + b.detail());
        }
      }
    }
    if (!matched) {
      return new Verdict.Bogus(
          BogusReason.DNSKEY_MISSING,
          zone + " DNSKEY: no key matches DS " + tags(usable) + " by tag, algorithm and digest");
    }
    return failures.verdict();
  }

  /**
   * The DS records to check: supported algorithm and digest type, and no SHA-1 digest when there is
   * a SHA-256 one (RFC 4509 section 3).
   */
  static List<DSRecord> usable(List<DSRecord> dsSet) {
    List<DSRecord> out = new ArrayList<>();
    for (DSRecord ds : dsSet) {
      if (AlgorithmSupport.signatureAlgorithm(ds.getAlgorithm())
          && AlgorithmSupport.digestType(ds.getDigestID())) {
        out.add(ds);
      }
    }
    if (out.stream().anyMatch(ds -> ds.getDigestID() == DNSSEC.Digest.SHA256)) {
      out.removeIf(ds -> ds.getDigestID() == DNSSEC.Digest.SHA1);
    }
    return out;
  }

  private static Verdict.Insecure unsupported(Name zone, List<DSRecord> dsSet) {
    boolean digestKnown =
        dsSet.stream().anyMatch(ds -> AlgorithmSupport.digestType(ds.getDigestID()));
    StringBuilder what = new StringBuilder();
    for (DSRecord ds : dsSet) {
      what.append(what.length() == 0 ? "" : ", ")
          .append(ds.getFootprint())
          .append(" alg ")
          .append(ds.getAlgorithm())
          .append(" digest ")
          .append(ds.getDigestID());
    }
    return new Verdict.Insecure(
        digestKnown
            ? InsecureReason.UNSUPPORTED_DNSKEY_ALGORITHM
            : InsecureReason.UNSUPPORTED_DS_DIGEST_TYPE,
        zone + ": no DS with a supported algorithm and digest (" + what + ")");
  }

  /** Whether {@code key} hashes to the digest of {@code ds} (RFC 4034 section 5.1.4). */
  static boolean digestMatches(DSRecord ds, DNSKEYRecord key) {
    DSRecord computed = new DSRecord(key.getName(), DClass.IN, ds.getTTL(), ds.getDigestID(), key);
    // Constant time is not needed for public data, but it is the JDK's plain byte comparison.
    return MessageDigest.isEqual(computed.getDigest(), ds.getDigest());
  }

  private static String tags(List<DSRecord> dsSet) {
    List<Integer> tags = new ArrayList<>();
    dsSet.forEach(ds -> tags.add(ds.getFootprint()));
    return tags.toString();
  }
}
