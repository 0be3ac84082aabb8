package io.rootwalk.testing.dnssec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One defect {@link WorldSigner} puts into a signed world after signing it, so that a validator
 * test can point at the one thing that is wrong. Each is named by the RRset it breaks (owner and
 * type) or by the zone; everything around it stays correctly signed, so the defect is the only
 * reason a validator has to reject the data.
 *
 * @param kind what is broken
 * @param name the RRset's owner, or the zone apex
 * @param type the RRset's type, or 0 for a whole zone
 * @param count how many colliding keys ({@link Kind#COLLIDING_KEYS} only)
 */
record Tampering(Kind kind, Name name, int type, int count) {

  /** How far outside the window the expired and not-yet-valid signatures lie (RFC 4034 3.1.5). */
  static final Duration OUTSIDE = Duration.ofDays(1);

  /** How long the windows of those signatures are. */
  static final Duration LENGTH = Duration.ofDays(30);

  enum Kind {
    /** One byte of each RRSIG's signature changed. */
    FLIP_SIGNATURE,
    /** The RRset's RRSIGs removed. */
    STRIP_SIGNATURES,
    /** Re-signed with a window that ended a day before now. */
    EXPIRED,
    /** Re-signed with a window that starts a day after now. */
    NOT_YET_VALID,
    /** The parent's DS (or, for the root, the trust anchor) matches no key of the zone. */
    DS_MATCHING_NO_KEY,
    /** The zone's keys lack the Zone Key bit (RFC 4034 2.1.1); applied when the keys are made. */
    KEYS_WITHOUT_ZONE_BIT,
    /** No DNSKEY RRset at the apex. */
    NO_DNSKEYS,
    /** The DNSKEY RRset signed by the ZSK only, not by the KSK the DS points at. */
    DNSKEYS_SIGNED_BY_ZSK_ONLY,
    /** Many fake DNSKEYs sharing the ZSK's key tag (KeyTrap, CVE-2023-50387). */
    COLLIDING_KEYS
  }

  /** Makes the defect in {@code run}'s zones. */
  void apply(SigningRun run) {
    switch (kind) {
      case FLIP_SIGNATURE -> {
        ZoneDraft zone = run.holding(name, type);
        RRset rrset = signedRrset(zone);
        zone.put(Tamper.flipSignatureByte(rrset));
      }
      case STRIP_SIGNATURES -> {
        ZoneDraft zone = run.holding(name, type);
        zone.put(Tamper.withoutSignatures(signedRrset(zone)));
      }
      case EXPIRED, NOT_YET_VALID -> resignOutsideWindow(run);
      case DS_MATCHING_NO_KEY -> dsMatchingNoKey(run);
      case KEYS_WITHOUT_ZONE_BIT -> {
        // Done by SigningRun when it makes the zone's keys: the DS, the key tags and every
        // signature then agree with the flagless keys, and the missing bit is the only defect.
      }
      case NO_DNSKEYS -> {
        run.signer(name); // a zone left unsigned has no DNSKEY set to remove
        run.draft(name).remove(name, Type.DNSKEY);
      }
      case DNSKEYS_SIGNED_BY_ZSK_ONLY -> {
        ZoneSigner signer = run.signer(name);
        RRset keys = Tamper.withoutSignatures(dnskeys(run));
        run.draft(name).put(signer.sign(keys, signer.zsk()));
      }
      case COLLIDING_KEYS -> {
        ZoneSigner signer = run.signer(name);
        RRset keys = new RRset();
        Tamper.collidingKeys(signer.zsk(), count).forEach(keys::addRR);
        dnskeys(run).rrs(false).forEach(keys::addRR); // the real keys last
        run.draft(name).put(signer.sign(keys, signer.ksk()));
      }
    }
  }

  private RRset signedRrset(ZoneDraft zone) {
    RRset rrset = zone.rrset(name, type).orElseThrow();
    if (rrset.sigs().isEmpty()) {
      throw new IllegalArgumentException(
          name + " " + Type.string(type) + " in zone " + zone.origin() + " is not signed");
    }
    return rrset;
  }

  private RRset dnskeys(SigningRun run) {
    return run.draft(name)
        .rrset(name, Type.DNSKEY)
        .orElseThrow(() -> new IllegalArgumentException("zone " + name + " has no DNSKEY set"));
  }

  private void resignOutsideWindow(SigningRun run) {
    Instant inception =
        kind == Kind.EXPIRED ? run.now().minus(OUTSIDE).minus(LENGTH) : run.now().plus(OUTSIDE);
    Instant expiration = inception.plus(LENGTH);
    if (type == 0) {
      ZoneSigner signer = run.signer(name).withWindow(inception, expiration);
      ZoneDraft zone = run.draft(name);
      for (RRset rrset : zone.rrsets()) {
        if (!rrset.sigs().isEmpty()) {
          zone.put(ZoneDraft.resigned(rrset, signer));
        }
      }
      return;
    }
    ZoneDraft zone = run.holding(name, type);
    ZoneSigner signer = run.signer(zone.origin()).withWindow(inception, expiration);
    zone.put(ZoneDraft.resigned(signedRrset(zone), signer));
  }

  private void dsMatchingNoKey(SigningRun run) {
    DSRecord good = run.signer(name).ds();
    if (name.equals(Name.root)) {
      run.replaceTrustAnchor(List.of(Tamper.dsMatchingNoKey(good)));
      return;
    }
    ZoneDraft parent = run.holding(name, Type.DS);
    RRset published = parent.rrset(name, Type.DS).orElseThrow();
    RRset bad = new RRset();
    for (Record ds : published.rrs(false)) {
      bad.addRR(ds.equals(good) ? Tamper.dsMatchingNoKey(good) : ds);
    }
    published.sigs().forEach(bad::addRR);
    // The DS set itself stays validly signed by the parent: only the match to the key fails.
    parent.put(ZoneDraft.resigned(bad, run.signer(parent.origin())));
  }
}
