package io.rootwalk;

import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.World;
import io.rootwalk.testing.dnssec.SignedWorld;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * The "given" of the DNSSEC scenarios: a signed world served by a lab of its own, and a resolver
 * that validates from the signed root's DS on a clock fixed at the signing time, for one lookup.
 */
public final class SignedLabs {

  /** When the test worlds are signed and the resolvers' clocks stand. */
  public static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private SignedLabs() {}

  /**
   * A builder for {@code lab} validating from {@code signed}'s trust anchor at {@link #NOW}.
   *
   * @param lab the lab serving the world
   * @param signed the signed world whose anchor to trust
   * @return the builder
   */
  public static ResolverBuilder validating(DnsLab lab, SignedWorld signed) {
    return LabResolvers.builderFor(lab)
        .trustAnchors(TrustAnchors.parse(signed.trustAnchorText(), "signed lab"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /**
   * Serves {@code served}, gives its servers {@code faults}, and looks the name up with the anchor
   * of {@code signed}.
   *
   * @param signed the world whose trust anchor the resolver holds
   * @param served what the lab serves (the signed world, or one changed after signing)
   * @param faults what the test does to the lab's servers first
   * @param name the name
   * @param type the type
   * @return the resolution
   */
  public static Resolution lookUp(
      SignedWorld signed, World served, UnaryOperator<DnsLab> faults, String name, int type) {
    try (DnsLab lab = DnsLab.start(served);
        Resolver resolver = validating(lab, signed).build()) {
      faults.apply(lab);
      return resolver.lookup(name, type);
    }
  }
}
