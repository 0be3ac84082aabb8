package io.rootwalk.testing.dnssec;

import io.rootwalk.testing.World;
import io.rootwalk.testing.ZoneSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * One signing of a world, in the order a registry and its registrants would do it: every signed
 * zone gets its keys, each signed parent a DS for each signed child it delegates to, then every
 * zone its DNSKEY set, its denial chain and its signatures; last come the tamperings. Used once, by
 * {@link WorldSigner.Builder#sign()}.
 */
final class SigningRun {

  private final World world;
  private final Instant now;
  private final Map<Name, ZoneDraft> drafts = new LinkedHashMap<>();
  private final Map<Name, ZoneSigner> signers = new LinkedHashMap<>();
  private List<DSRecord> trustAnchor = List.of();

  SigningRun(World world, Instant now) {
    this.world = world;
    this.now = now;
  }

  /** Signs the world as {@code settings} say and returns the result. */
  SignedWorld run(WorldSigner.Builder settings) {
    for (ZoneSpec zone : world.zones()) {
      drafts.put(zone.origin(), ZoneDraft.of(zone));
      if (settings.isSigned(zone.origin())) {
        signers.put(zone.origin(), signer(zone.origin(), settings));
      }
    }
    for (Map.Entry<Name, ZoneSigner> e : signers.entrySet()) {
      ZoneDraft parent = parentOf(e.getKey());
      if (parent != null && signers.containsKey(parent.origin()) && parent.isCut(e.getKey())) {
        parent.add(e.getValue().ds());
      }
    }
    for (Map.Entry<Name, ZoneSigner> e : signers.entrySet()) {
      ZoneDraft zone = draft(e.getKey());
      ZoneSigner signer = e.getValue();
      zone.add(signer.ksk().dnskey());
      zone.add(signer.zsk().dnskey());
      DenialChain.Nsec3 nsec3 = settings.nsec3(e.getKey());
      if (nsec3 == null) {
        DenialChain.addNsec(zone);
      } else {
        DenialChain.addNsec3(zone, nsec3);
      }
      zone.signAll(signer);
    }
    ZoneSigner root = signers.get(Name.root);
    if (root != null) {
      trustAnchor = List.of(root.ds());
    }
    settings.tamperings().forEach(t -> t.apply(this));
    World.Builder signed = world.toBuilder();
    drafts.values().forEach(d -> signed.zone(d.toZoneSpec()));
    return new SignedWorld(signed.build(), now, signers, trustAnchor);
  }

  private ZoneSigner signer(Name zone, WorldSigner.Builder settings) {
    int algorithm = settings.algorithm(zone);
    int ksk = SigningKey.KSK_FLAGS;
    int zsk = SigningKey.ZSK_FLAGS;
    if (settings.has(Tampering.Kind.KEYS_WITHOUT_ZONE_BIT, zone)) {
      ksk &= ~DNSKEYRecord.Flags.ZONE_KEY;
      zsk &= ~DNSKEYRecord.Flags.ZONE_KEY;
    }
    return new ZoneSigner(
        zone,
        KeyRing.key(zone, algorithm, ksk),
        KeyRing.key(zone, algorithm, zsk),
        settings.inception(),
        settings.expiration());
  }

  Instant now() {
    return now;
  }

  void replaceTrustAnchor(List<DSRecord> anchor) {
    trustAnchor = List.copyOf(anchor);
  }

  /** The zone with this apex, signed or not. */
  ZoneDraft draft(Name zone) {
    ZoneDraft draft = drafts.get(zone);
    if (draft == null) {
      throw new IllegalArgumentException("the world has no zone " + zone);
    }
    return draft;
  }

  /** The signer of a signed zone. */
  ZoneSigner signer(Name zone) {
    draft(zone);
    ZoneSigner signer = signers.get(zone);
    if (signer == null) {
      throw new IllegalArgumentException("zone " + zone + " is left unsigned");
    }
    return signer;
  }

  /** The closest enclosing zone of the world, the one that would delegate to {@code zone}. */
  @Nullable ZoneDraft parentOf(Name zone) {
    return drafts.values().stream()
        .filter(d -> zone.labels() > d.origin().labels() && zone.subdomain(d.origin()))
        .max(Comparator.comparingInt(d -> d.origin().labels()))
        .orElse(null);
  }

  /**
   * The zone that holds the RRset {@code owner}/{@code type}: of the zones enclosing {@code owner},
   * the closest one that has it. A DS is looked for on the parent side of its cut only (RFC 4035
   * section 3.1.4.1); another type a name has on both sides (the NSEC of a signed cut and of the
   * child's apex, glue and the child's own address records) is the child's.
   */
  ZoneDraft holding(Name owner, int type) {
    List<ZoneDraft> enclosing = new ArrayList<>();
    for (ZoneDraft d : drafts.values()) {
      boolean childSide = d.origin().equals(owner) && type == Type.DS;
      if (owner.subdomain(d.origin()) && !childSide) {
        enclosing.add(d);
      }
    }
    enclosing.sort(Comparator.comparingInt((ZoneDraft d) -> d.origin().labels()).reversed());
    for (ZoneDraft d : enclosing) {
      Optional<RRset> rrset = d.rrset(owner, type);
      if (rrset.isPresent()) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "no zone of the world holds " + owner + " " + Type.string(type));
  }
}
