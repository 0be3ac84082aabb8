package io.rootwalk.testing.dnssec;

import io.rootwalk.testing.World;
import io.rootwalk.testing.ZoneSpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A world signed by {@link WorldSigner}: the {@link World} to serve (its zones hold the DNSKEY, DS,
 * RRSIG, NSEC, NSEC3 and NSEC3PARAM records, which {@code DnsLab} gives to DO=1 queries only and
 * {@link World#writeZoneFiles} writes out for NSD or BIND), the trust anchor a resolver needs for
 * it, and each signed zone's {@link ZoneSigner} for a test that makes more records. Immutable.
 */
public final class SignedWorld {

  private final World world;
  private final Instant now;
  private final Map<Name, ZoneSigner> signers;
  private final List<DSRecord> trustAnchor;

  SignedWorld(World world, Instant now, Map<Name, ZoneSigner> signers, List<DSRecord> trustAnchor) {
    this.world = world;
    this.now = now;
    this.signers = Map.copyOf(signers);
    this.trustAnchor = List.copyOf(trustAnchor);
  }

  /** The signed world, to start a {@code DnsLab} with or to write zone files from. */
  public World world() {
    return world;
  }

  /** The time the signatures were made for. */
  public Instant now() {
    return now;
  }

  /**
   * The root's DS record, which a validating resolver of this world takes as its trust anchor (RFC
   * 4033 section 3.1): the DS of the root KSK, or a DS that matches no key if the builder asked for
   * {@link WorldSigner.Builder#dsMatchingNoKey dsMatchingNoKey(".")}.
   *
   * @throws IllegalStateException if the world has no root zone or leaves it unsigned
   */
  public List<DSRecord> trustAnchor() {
    if (trustAnchor.isEmpty()) {
      throw new IllegalStateException("the root zone of " + world + " is not signed");
    }
    return trustAnchor;
  }

  /**
   * {@link #trustAnchor()} as a trust anchor file: one line a record, such as {@code . 3600 IN DS
   * 20326 13 2 E06D44B8...}, the form Unbound's {@code root.key} and {@code dig . DS} print.
   */
  public String trustAnchorText() {
    StringBuilder text = new StringBuilder();
    for (DSRecord ds : trustAnchor()) {
      text.append(ds.getName())
          .append(' ')
          .append(ds.getTTL())
          .append(" IN DS ")
          .append(ds.rdataToString())
          .append('\n');
    }
    return text.toString();
  }

  /** Whether {@code zone} is signed (the world has it and the builder did not leave it out). */
  public boolean isSigned(String zone) {
    return signers.containsKey(name(zone));
  }

  /**
   * The signer of {@code zone}, with its keys and the world's window, to sign records a test adds.
   *
   * @throws IllegalArgumentException if the zone is not signed
   */
  public ZoneSigner signer(String zone) {
    ZoneSigner signer = signers.get(name(zone));
    if (signer == null) {
      throw new IllegalArgumentException("zone " + zone + " is not signed in this world");
    }
    return signer;
  }

  /**
   * The DS (SHA-256) of {@code zone}'s KSK, as its parent publishes it unless tampered with.
   *
   * @throws IllegalArgumentException if the zone is not signed
   */
  public DSRecord ds(String zone) {
    return signer(zone).ds();
  }

  /**
   * The RRset {@code owner}/{@code type} as the world serves it, signatures included, from the
   * closest enclosing zone that has it (the parent's for a DS).
   *
   * @return the RRset; empty (no records) when no zone holds it
   */
  public RRset rrset(String owner, int type) {
    Name name = name(owner);
    Optional<ZoneSpec> zone =
        world.zones().stream()
            .filter(z -> name.subdomain(z.origin()))
            .filter(z -> !(type == Type.DS && z.origin().equals(name)))
            .filter(z -> !z.rrset(name, type).isEmpty())
            .max(Comparator.comparingInt(z -> z.origin().labels()));
    RRset rrset = new RRset();
    if (zone.isPresent()) {
      zone.get().rrset(name, type).forEach(rrset::addRR);
      for (Record sig : zone.get().rrset(name, Type.RRSIG)) {
        if (((RRSIGRecord) sig).getTypeCovered() == type) {
          rrset.addRR(sig);
        }
      }
    }
    return rrset;
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a DNS name", e);
    }
  }

  @Override
  public String toString() {
    return "SignedWorld[" + signers.size() + " signed zones of " + world + ", at " + now + "]";
  }
}
