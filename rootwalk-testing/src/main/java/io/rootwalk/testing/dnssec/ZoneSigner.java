package io.rootwalk.testing.dnssec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Signs the RRsets of one zone the way a signer with a split KSK/ZSK does: the KSK signs the DNSKEY
 * RRset, the ZSK everything else (RFC 6781 section 3.1). The validity window is fixed when the
 * signer is made, so a test states the time and never depends on the clock.
 *
 * @param zone the zone apex
 * @param ksk the key-signing key, the one the parent's DS points at
 * @param zsk the zone-signing key
 * @param inception the signatures' inception
 * @param expiration the signatures' expiration
 */
public record ZoneSigner(
    Name zone, SigningKey ksk, SigningKey zsk, Instant inception, Instant expiration) {

  public ZoneSigner {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(ksk, "ksk");
    Objects.requireNonNull(zsk, "zsk");
    Objects.requireNonNull(inception, "inception");
    Objects.requireNonNull(expiration, "expiration");
  }

  /**
   * A signer with a fresh KSK and ZSK of one algorithm.
   *
   * @param zone the zone apex
   * @param algorithm the DNSSEC algorithm of both keys
   * @param inception the signatures' inception
   * @param expiration the signatures' expiration
   * @return the signer
   */
  public static ZoneSigner create(Name zone, int algorithm, Instant inception, Instant expiration) {
    return new ZoneSigner(
        zone,
        SigningKey.generate(zone, algorithm, SigningKey.KSK_FLAGS),
        SigningKey.generate(zone, algorithm, SigningKey.ZSK_FLAGS),
        inception,
        expiration);
  }

  /** The same keys with another validity window, e.g. one that ended before the test's now. */
  public ZoneSigner withWindow(Instant inception, Instant expiration) {
    return new ZoneSigner(zone, ksk, zsk, inception, expiration);
  }

  /** The same window with other keys, e.g. a ZSK whose Zone Key bit is off. */
  public ZoneSigner withKeys(SigningKey ksk, SigningKey zsk) {
    return new ZoneSigner(zone, ksk, zsk, inception, expiration);
  }

  /** The DS record (SHA-256) the parent publishes for the KSK. */
  public DSRecord ds() {
    return ksk.ds(DNSSEC.Digest.SHA256);
  }

  /** The zone's DNSKEY RRset (KSK and ZSK), signed by the KSK. */
  public RRset dnskeys() {
    return sign(new RRset(ksk.dnskey(), zsk.dnskey()), ksk);
  }

  /**
   * {@code rrset} with an RRSIG by the ZSK added, over the records as they are.
   *
   * @param rrset records of the zone; its existing signatures are kept
   * @return a new RRset with one more signature
   */
  public RRset sign(RRset rrset) {
    return sign(rrset, zsk);
  }

  /**
   * {@code rrset} with an RRSIG by {@code key} added, in this signer's window.
   *
   * @param rrset the records to sign
   * @param key the key to sign with
   * @return a new RRset with one more signature
   */
  public RRset sign(RRset rrset, SigningKey key) {
    RRset signed = new RRset(rrset);
    signed.addRR(signature(rrset, key));
    return signed;
  }

  /**
   * One RRSIG by {@code key} over {@code rrset}, in this signer's window.
   *
   * @param rrset the records to sign (its signatures are not signed over)
   * @param key the key to sign with
   * @return the RRSIG record
   */
  public RRSIGRecord signature(RRset rrset, SigningKey key) {
    RRset data = new RRset();
    rrset.rrs(false).forEach(data::addRR);
    try {
      return DNSSEC.sign(data, key.dnskey(), key.privateKey(), inception, expiration);
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException("cannot sign " + rrset.getName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A signed RRset moved to another owner name with its signatures unchanged: what a server sends
   * when it synthesises an answer from a wildcard (RFC 4035 section 3.1.3.3), whose RRSIG keeps the
   * wildcard's Labels count. Moved anywhere else it is a forgery a validator must catch.
   *
   * @param signed the RRset as signed, e.g. at {@code *.example.}
   * @param owner the owner to put records and signatures at
   * @return a new RRset at {@code owner}
   */
  public static RRset moveTo(RRset signed, Name owner) {
    RRset out = new RRset();
    for (Record r : signed.rrs(false)) {
      out.addRR(r.withName(owner));
    }
    for (RRSIGRecord sig : signed.sigs()) {
      // Through text: dnsjava's RRSIG constructor computes Labels from the owner, and the point
      // is to keep the signed value.
      try {
        out.addRR(
            Record.fromString(
                owner, Type.RRSIG, sig.getDClass(), sig.getTTL(), sig.rdataToString(), Name.root));
      } catch (IOException e) {
        throw new IllegalStateException("cannot move " + sig, e);
      }
    }
    return out;
  }

  /**
   * Parses records in master-file form, relative to this zone, into one RRset (and signs nothing).
   *
   * @param lines e.g. {@code "www 300 IN A 192.0.2.1"}; all lines must make one RRset
   * @return the RRset
   */
  public RRset rrset(String... lines) {
    return rrset(zone, lines);
  }

  /**
   * Parses records in master-file form into one RRset.
   *
   * @param origin the origin relative names are taken to
   * @param lines records with the same owner, class and type
   * @return the RRset
   * @throws IllegalArgumentException if the lines do not parse or are not one RRset
   */
  public static RRset rrset(Name origin, String... lines) {
    List<Record> records = new ArrayList<>();
    String text = String.join("\n", lines) + "\n";
    try (Master master =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), origin)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        records.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records in " + text);
    }
    RRset set = new RRset();
    for (Record r : records) {
      if (set.size() > 0
          && (!r.getName().equals(set.getName())
              || r.getType() != set.getType()
              || r.getDClass() != set.getDClass())) {
        throw new IllegalArgumentException("not one RRset: " + r);
      }
      set.addRR(r);
    }
    return set;
  }
}
