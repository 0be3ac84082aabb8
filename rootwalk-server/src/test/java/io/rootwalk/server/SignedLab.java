package io.rootwalk.server;

import io.rootwalk.Resolver;
import io.rootwalk.TrustAnchors;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * The demo world signed (perhaps with a mistake in it), served by a {@link DnsLab}, with a
 * validating resolver anchored at its root and a {@link RecursiveServer} in front: what the DNSSEC
 * server tests ask. The resolver's clock is the signing time, so signature windows never depend on
 * when the tests run.
 */
final class SignedLab implements AutoCloseable {

  /** When the demo world is signed and what the validator takes as now. */
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private final DnsLab lab;
  private final Resolver resolver;
  private final RecursiveServer server;

  private SignedLab(SignedWorld signed, ServeOptions options) {
    this.lab = DnsLab.start(signed.world());
    this.resolver =
        LabSetup.resolverFor(lab)
            .trustAnchors(TrustAnchors.parse(signed.trustAnchorText(), "signed lab"))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    this.server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort(), options);
  }

  /** The demo world signed as {@code how} says, behind a server with the default options. */
  static SignedLab start(UnaryOperator<WorldSigner.Builder> how) {
    return start(how, ServeOptions.of(ServerLimits.DEFAULT));
  }

  /** The demo world signed as {@code how} says, behind a server with {@code options}. */
  static SignedLab start(UnaryOperator<WorldSigner.Builder> how, ServeOptions options) {
    return new SignedLab(how.apply(WorldSigner.builder(DemoWorld.world(), NOW)).sign(), options);
  }

  /** The demo world signed without a mistake. */
  static SignedLab start() {
    return start(UnaryOperator.identity());
  }

  RecursiveServer server() {
    return server;
  }

  DnsLab lab() {
    return lab;
  }

  @Override
  public void close() {
    server.close();
    resolver.close();
    lab.close();
  }
}
