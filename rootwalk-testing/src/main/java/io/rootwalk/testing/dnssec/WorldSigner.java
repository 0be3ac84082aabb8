package io.rootwalk.testing.dnssec;

import io.rootwalk.testing.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Signs every zone of a {@link World} at test time, as a registry and its registrants would: each
 * zone gets a KSK and a ZSK, its DNSKEY set signed by the KSK and every RRset it is authoritative
 * for signed by the ZSK (RFC 4035 section 2.2), an NSEC or NSEC3 chain (RFC 4035 2.3, RFC 5155
 * 7.1), and each signed parent a signed DS for each signed child. A zone left {@link
 * Builder#unsigned unsigned} gets no DS, so its parent's chain proves the delegation insecure; a
 * signed zone under an unsigned parent is an island of security, whose anchor is {@link
 * SignedWorld#ds(String)}.
 *
 * <pre>{@code
 * SignedWorld signed = WorldSigner.builder(DemoWorld.world(), NOW)
 *     .algorithm("example.com.", DNSSEC.Algorithm.RSASHA256)
 *     .unsigned("lame.com.")
 *     .flipSignatureByte("www.example.com.", Type.A)
 *     .sign();
 * DnsLab lab = DnsLab.start(signed.world());
 * Files.writeString(anchorFile, signed.trustAnchorText());
 * }</pre>
 *
 * <p>Time is an input: signatures are valid from a day before {@code now} to 30 days after it
 * unless {@link Builder#validity} says otherwise, and no clock is read. The tamperings break one
 * named RRset or zone after signing and leave the rest valid, so a validator test fails for the
 * reason it names.
 */
public final class WorldSigner {

  /** The default algorithm, ECDSAP256SHA256 (RFC 6605), what most signed zones use. */
  public static final int DEFAULT_ALGORITHM = DNSSEC.Algorithm.ECDSAP256SHA256;

  /** How long before {@code now} signatures start by default. */
  public static final Duration DEFAULT_INCEPTION = Duration.ofDays(1);

  /** How long after {@code now} signatures end by default. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

  private WorldSigner() {}

  /**
   * A signer for {@code world} at time {@code now}: every zone signed with {@link
   * #DEFAULT_ALGORITHM} and NSEC until the builder says otherwise.
   *
   * @param world an unsigned world (no RRSIG, NSEC, NSEC3, NSEC3PARAM or DNSKEY records)
   * @param now the time the test runs at, as far as signatures are concerned
   * @return the builder
   */
  public static Builder builder(World world, Instant now) {
    return new Builder(world, now);
  }

  /** {@code world} signed with the defaults: every zone, algorithm 13, NSEC. */
  public static SignedWorld sign(World world, Instant now) {
    return builder(world, now).sign();
  }

  /**
   * What to sign how, and what to break. Zone names and owner names are absolute or relative to the
   * root; a zone that the world lacks, or an RRset no zone holds, fails {@link #sign()}.
   */
  public static final class Builder {
    private final World world;
    private final Instant now;
    private Instant inception;
    private Instant expiration;
    private int algorithm = DEFAULT_ALGORITHM;
    private final Map<Name, Integer> algorithms = new HashMap<>();
    private final Set<Name> unsigned = new HashSet<>();
    private DenialChain.@Nullable Nsec3 defaultNsec3;
    private final Map<Name, DenialChain.Nsec3> nsec3 = new HashMap<>();
    private final List<Tampering> tamperings = new ArrayList<>();

    private Builder(World world, Instant now) {
      this.world = Objects.requireNonNull(world, "world");
      this.now = Objects.requireNonNull(now, "now");
      this.inception = now.minus(DEFAULT_INCEPTION);
      this.expiration = now.plus(DEFAULT_VALIDITY);
    }

    /** The signatures' window (RFC 4034 section 3.1.5), for every zone. */
    public Builder validity(Instant inception, Instant expiration) {
      if (!inception.isBefore(expiration)) {
        throw new IllegalArgumentException("inception " + inception + " is not before expiration");
      }
      this.inception = inception;
      this.expiration = expiration;
      return this;
    }

    /** The algorithm of every zone without its own, e.g. {@link DNSSEC.Algorithm#ED25519}. */
    public Builder algorithm(int algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    /** The algorithm of one zone: 8 (RSASHA256), 13 (ECDSAP256SHA256), 15 (Ed25519)... */
    public Builder algorithm(String zone, int algorithm) {
      algorithms.put(name(zone), algorithm);
      return this;
    }

    /** Leaves these zones unsigned: no keys, no signatures, no DS in the parent. */
    public Builder unsigned(String... zones) {
      for (String zone : zones) {
        unsigned.add(name(zone));
      }
      return this;
    }

    /** NSEC3 instead of NSEC for every zone without its own choice (RFC 5155). */
    public Builder nsec3(int iterations, byte[] salt, boolean optOut) {
      defaultNsec3 = new DenialChain.Nsec3(iterations, salt, optOut);
      return this;
    }

    /**
     * NSEC3 instead of NSEC for one zone.
     *
     * @param zone the zone
     * @param iterations extra hash iterations (RFC 9276 recommends 0)
     * @param salt the salt, empty for none (as RFC 9276 recommends)
     * @param optOut whether unsigned delegations are left to opt-out spans (RFC 5155 section 6)
     * @return this builder
     */
    public Builder nsec3(String zone, int iterations, byte[] salt, boolean optOut) {
      nsec3.put(name(zone), new DenialChain.Nsec3(iterations, salt, optOut));
      return this;
    }

    /** Changes one byte of each signature over {@code owner}'s RRset of {@code type}. */
    public Builder flipSignatureByte(String owner, int type) {
      return tamper(Tampering.Kind.FLIP_SIGNATURE, owner, type, 0);
    }

    /** Removes the signatures over {@code owner}'s RRset of {@code type}. */
    public Builder withoutSignatures(String owner, int type) {
      return tamper(Tampering.Kind.STRIP_SIGNATURES, owner, type, 0);
    }

    /** Re-signs {@code owner}'s RRset of {@code type} with a window that ended before now. */
    public Builder expiredSignatures(String owner, int type) {
      return tamper(Tampering.Kind.EXPIRED, owner, type, 0);
    }

    /** Re-signs every signed RRset of {@code zone} with a window that ended before now. */
    public Builder expiredSignatures(String zone) {
      return tamper(Tampering.Kind.EXPIRED, zone, 0, 0);
    }

    /** Re-signs {@code owner}'s RRset of {@code type} with a window that starts after now. */
    public Builder notYetValidSignatures(String owner, int type) {
      return tamper(Tampering.Kind.NOT_YET_VALID, owner, type, 0);
    }

    /** Re-signs every signed RRset of {@code zone} with a window that starts after now. */
    public Builder notYetValidSignatures(String zone) {
      return tamper(Tampering.Kind.NOT_YET_VALID, zone, 0, 0);
    }

    /**
     * The parent publishes, validly signed, a DS for {@code zone} whose digest matches no key
     * ({@link Tamper#dsMatchingNoKey}); for the root zone, {@link SignedWorld#trustAnchor()} is
     * that DS instead.
     */
    public Builder dsMatchingNoKey(String zone) {
      return tamper(Tampering.Kind.DS_MATCHING_NO_KEY, zone, 0, 0);
    }

    /**
     * {@code zone}'s KSK and ZSK lack the Zone Key bit (RFC 4034 section 2.1.1: such a key must not
     * be used to verify RRSIGs). The DS and the signatures are made with those keys, so the bit is
     * the only defect.
     */
    public Builder keysWithoutZoneBit(String zone) {
      return tamper(Tampering.Kind.KEYS_WITHOUT_ZONE_BIT, zone, 0, 0);
    }

    /** Removes {@code zone}'s DNSKEY RRset, the DS in the parent still pointing at its KSK. */
    public Builder withoutDnskeys(String zone) {
      return tamper(Tampering.Kind.NO_DNSKEYS, zone, 0, 0);
    }

    /**
     * Signs {@code zone}'s DNSKEY RRset with the ZSK only: the parent's DS points at the KSK, which
     * signs nothing, so no chain of trust reaches the keys (RFC 4035 section 5.2).
     */
    public Builder dnskeysSignedByZskOnly(String zone) {
      return tamper(Tampering.Kind.DNSKEYS_SIGNED_BY_ZSK_ONLY, zone, 0, 0);
    }

    /**
     * Puts {@code count} fake DNSKEYs with the ZSK's key tag and algorithm before the real keys,
     * the set still signed by the KSK: a validator trying each key with a matching tag spends a
     * signature check on every fake (KeyTrap, CVE-2023-50387).
     */
    public Builder collidingKeys(String zone, int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be positive: " + count);
      }
      return tamper(Tampering.Kind.COLLIDING_KEYS, zone, 0, count);
    }

    /**
     * Signs the world.
     *
     * @return the signed world
     * @throws IllegalArgumentException if a zone is already signed, a named zone is not in the
     *     world or is unsigned, or a named RRset is in no zone or not signed
     */
    public SignedWorld sign() {
      Set<Name> named = new HashSet<>(algorithms.keySet());
      named.addAll(unsigned);
      named.addAll(nsec3.keySet());
      for (Name zone : named) {
        if (world.zone(zone).isEmpty()) {
          throw new IllegalArgumentException("the world has no zone " + zone);
        }
      }
      return new SigningRun(world, now).run(this);
    }

    private Builder tamper(Tampering.Kind kind, String name, int type, int count) {
      tamperings.add(new Tampering(kind, name(name), type, count));
      return this;
    }

    boolean isSigned(Name zone) {
      return !unsigned.contains(zone);
    }

    int algorithm(Name zone) {
      return algorithms.getOrDefault(zone, algorithm);
    }

    DenialChain.@Nullable Nsec3 nsec3(Name zone) {
      DenialChain.Nsec3 own = nsec3.get(zone);
      return own != null ? own : defaultNsec3;
    }

    List<Tampering> tamperings() {
      return List.copyOf(tamperings);
    }

    boolean has(Tampering.Kind kind, Name zone) {
      return tamperings.stream().anyMatch(t -> t.kind() == kind && t.name().equals(zone));
    }

    Instant inception() {
      return inception;
    }

    Instant expiration() {
      return expiration;
    }

    private static Name name(String text) {
      try {
        return Name.fromString(text, Name.root);
      } catch (TextParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a DNS name", e);
      }
    }
  }
}
