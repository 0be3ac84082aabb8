package io.rootwalk.interop;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.FailureReason;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import io.rootwalk.TrustAnchors;
import io.rootwalk.interop.BindSigner.Algorithm;
import io.rootwalk.interop.BindSigner.BindSigned;
import io.rootwalk.interop.BindSigner.Denial;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.World;
import io.rootwalk.testing.ZoneSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Type;

/**
 * Interop of the DNSSEC validator with BIND's own signer (issue 14): the interop world (the demo
 * world and its glueless chain) signed by {@code dnssec-keygen} and {@code dnssec-signzone} ({@link
 * BindSigner}), with {@code api.example.com.} left unsigned, served by real {@code named} processes
 * (and once by NSD), and validated by a resolver whose only trust anchor is the root's {@code
 * dsset-.} file.
 *
 * <p>The root is signed with ECDSAP256SHA256, {@code com.} with RSASHA256, {@code example.com.}
 * with ED25519 (the rest with ECDSAP256SHA256), so one lookup of www.example.com crosses all three
 * algorithms. Three signings (NSEC; NSEC3 with a salt; NSEC3 with Opt-Out) and one corruption (the
 * NSEC signing with one base64 character of the www.example.com A RRSIG changed in the signed file)
 * give four worlds; each daemon world is started once for the class, when a scenario first needs
 * it, and every scenario gets a fresh resolver with a cold cache.
 *
 * <p>Missing tools or daemons skip the scenarios that need them, unless {@code CI=true}: then they
 * fail, as in {@link InteropScenarios}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("[bind] zones signed by dnssec-signzone, served by named, validated by Rootwalk")
class BindSignedInteropTest {

  /** The four zone sets the scenarios are served from. */
  enum Signing {
    NSEC,
    NSEC3,
    NSEC3_OPT_OUT,
    /** {@link #NSEC}, with the www.example.com A RRSIG corrupted in example.com.'s signed file. */
    CORRUPTED_WWW_RRSIG
  }

  private static final String SALT = "c0ffee15";
  private static final String ANCHOR_SOURCE = "dnssec-signzone";

  private Path dir;
  private BindSigner.Tools tools;
  private String toolsMissing;
  private final Map<Signing, BindSigned> signings = new EnumMap<>(Signing.class);
  private final Map<String, InteropWorld> worlds = new LinkedHashMap<>();
  private final Map<String, String> worldsUnavailable = new LinkedHashMap<>();
  private final List<Resolver> resolvers = new ArrayList<>();

  @BeforeAll
  void findTools() throws IOException {
    Optional<BindSigner.Tools> found = BindSigner.Tools.find();
    if (found.isPresent()) {
      tools = found.orElseThrow();
    } else {
      toolsMissing = BindSigner.Tools.missingMessage();
      System.err.println("SKIPPED: " + toolsMissing);
    }
    dir = Files.createTempDirectory("rootwalk-bind-signed-");
  }

  @AfterAll
  void stopWorlds() {
    worlds.values().forEach(InteropWorld::close);
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // a temporary directory left behind is not worth failing the run for
      }
    }
  }

  @AfterEach
  void closeResolvers() {
    resolvers.forEach(Resolver::close);
    resolvers.clear();
  }

  @Test
  @DisplayName("the signed files read back as a world: keys, RRSIGs, NSEC, DS from the dssets")
  void signedFilesReadBackIntoAWorld() {
    BindSigned signed = signing(Signing.NSEC);
    World world = signed.world();

    for (String origin : List.of(".", "com.", "example.com.")) {
      BindSigned.Zone zone = signed.zone(origin);
      ZoneSpec spec = world.zone(origin).orElseThrow();
      assertThat(spec.rrset(spec.origin(), Type.DNSKEY))
          .as("%s DNSKEY", origin)
          .map(DNSKEYRecord.class::cast)
          .extracting(k -> k.getFlags() + "/" + k.getAlgorithm() + "/" + k.getFootprint())
          .containsExactlyInAnyOrder(
              "257/" + zone.algorithm().number() + "/" + zone.kskTag(),
              "256/" + zone.algorithm().number() + "/" + zone.zskTag());
      assertThat(spec.rrset(spec.origin(), Type.NSEC)).as("%s NSEC", origin).hasSize(1);
      assertThat(spec.rrset(spec.origin(), Type.RRSIG))
          .as("%s apex RRSIGs", origin)
          .map(RRSIGRecord.class::cast)
          .extracting(RRSIGRecord::getTypeCovered)
          .contains(Type.SOA, Type.NS, Type.NSEC, Type.DNSKEY);
    }
    assertThat(signed.zone("com.").algorithm()).isEqualTo(Algorithm.RSASHA256);
    assertThat(signed.zone("example.com.").algorithm()).isEqualTo(Algorithm.ED25519);
    // -g: each parent holds its signed children's DS, as their dsset- files give them.
    ZoneSpec com = world.zone("com.").orElseThrow();
    ZoneSpec example = world.zone("example.com.").orElseThrow();
    assertThat(com.rrset(name("example.com."), Type.DS))
        .containsExactlyElementsOf(signed.zone("example.com.").dsRecords())
        .singleElement()
        .satisfies(
            ds ->
                assertThat(((DSRecord) ds).getFootprint())
                    .isEqualTo(signed.zone("example.com.").kskTag()));
    // -s/-e: every signature has the window the signer asked for, to the second.
    assertThat(example.records())
        .filteredOn(r -> r.getType() == Type.RRSIG)
        .map(RRSIGRecord.class::cast)
        .allSatisfy(
            sig -> {
              assertThat(sig.getTimeSigned().getEpochSecond())
                  .isEqualTo(signed.inception().getEpochSecond());
              assertThat(sig.getExpire().getEpochSecond())
                  .isEqualTo(signed.expiration().getEpochSecond());
            });
    // The unsigned child: a delegation without DS, its zone without any DNSSEC record.
    assertThat(signed.isSigned("api.example.com.")).isFalse();
    assertThat(example.rrset(name("api.example.com."), Type.NS)).hasSize(2);
    assertThat(example.rrset(name("api.example.com."), Type.DS)).isEmpty();
    assertThat(example.rrset(name("api.example.com."), Type.NSEC)).hasSize(1);
    assertThat(world.zone("api.example.com.").orElseThrow().records())
        .noneMatch(r -> r.getType() == Type.RRSIG || r.getType() == Type.DNSKEY);
    // The anchor: the root's dsset-. names the root's KSK.
    TrustAnchors anchors = TrustAnchors.parse(signed.trustAnchorText(), ANCHOR_SOURCE);
    assertThat(anchors.keyTags()).containsExactly(signed.zone(".").kskTag());
    assertThat(anchors.ds())
        .singleElement()
        .satisfies(ds -> assertThat(ds.getName()).isEqualTo(Name.root));
  }

  @Test
  @DisplayName("the NSEC3 signings read back with NSEC3PARAM, NSEC3 and (opt-out) the flag")
  void nsec3SigningsReadBack() {
    for (Signing signing : List.of(Signing.NSEC3, Signing.NSEC3_OPT_OUT)) {
      ZoneSpec example = signing(signing).world().zone("example.com.").orElseThrow();
      assertThat(example.rrset(example.origin(), Type.NSEC3PARAM)).as("%s", signing).hasSize(1);
      List<NSEC3Record> nsec3 =
          example.records().stream()
              .filter(r -> r.getType() == Type.NSEC3)
              .map(NSEC3Record.class::cast)
              .toList();
      assertThat(nsec3).as("%s NSEC3", signing).isNotEmpty();
      assertThat(example.records()).noneMatch(r -> r.getType() == Type.NSEC);
      assertThat(nsec3)
          .as("%s NSEC3 flags", signing)
          .allMatch(
              r ->
                  r.getFlags()
                      == (signing == Signing.NSEC3_OPT_OUT ? NSEC3Record.Flags.OPT_OUT : 0));
    }
  }

  @Test
  @DisplayName("a tool that fails fails the signing with its command line and stderr")
  void aFailingToolSaysWhy() {
    InteropScenarios.requireOrSkip(toolsMissing == null, toolsMissing);
    World small = DemoWorld.world();
    BindSigner.Builder badSalt =
        BindSigner.builder(small, tools).denial("example.org.", Denial.nsec3("not-hex"));

    assertThatThrownBy(() -> badSalt.sign(dir.resolve("bad-salt")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dnssec-signzone")
        .hasMessageContaining("-3 not-hex")
        .hasMessageContaining("exit status 1")
        .hasMessageContaining("bad hex encoding");
  }

  @Test
  @DisplayName("[bind] www.example.com A is SECURE: keys of ., com. (RSA), example.com. (Ed25519)")
  void secureAnswer() {
    Resolution r = lookup("bind", Signing.NSEC, "www.example.com", Type.A);

    assertSecureWww(r, signing(Signing.NSEC));
  }

  @Test
  @DisplayName("[bind] v2.api.example.com A is INSECURE: example.com.'s NSEC proves no DS")
  void insecureDelegationProvenByNsec() {
    Resolution r = lookup("bind", Signing.NSEC, "v2.api.example.com", Type.A);

    assertInsecureApi(r, "(NSEC)");
  }

  @Test
  @DisplayName("[bind] NSEC3 signing: www.example.com A SECURE, v2.api.example.com A INSECURE")
  void nsec3Signing() {
    assertSecureWww(
        lookup("bind", Signing.NSEC3, "www.example.com", Type.A), signing(Signing.NSEC3));

    Resolution r = lookup("bind", Signing.NSEC3, "v2.api.example.com", Type.A);

    assertInsecureApi(r, "(NSEC3)");
  }

  @Test
  @DisplayName("[bind] NSEC3 opt-out: v2.api.example.com A INSECURE from an opt-out span")
  void nsec3OptOutSigning() {
    assertSecureWww(
        lookup("bind", Signing.NSEC3_OPT_OUT, "www.example.com", Type.A),
        signing(Signing.NSEC3_OPT_OUT));

    Resolution r = lookup("bind", Signing.NSEC3_OPT_OUT, "v2.api.example.com", Type.A);

    assertInsecureApi(r, "(NSEC3_OPT_OUT)");
  }

  @ParameterizedTest(name = "[bind] {0} signing: the corpus' signed answers are SECURE")
  @EnumSource(names = {"NSEC", "NSEC3", "NSEC3_OPT_OUT"})
  @DisplayName("[bind] the corpus' answers across zones, chases, aliases and a wildcard are SECURE")
  void corpusAnswersAreSecure(Signing signing) {
    Map<String, Integer> names = new LinkedHashMap<>();
    names.put("blog.example.com", Type.A); // CNAME into tumblr.com.
    names.put("www.shop.com", Type.A); // out-of-bailiwick name servers, chased
    names.put("www.chain.com", Type.A); // a glueless chain of depth 2
    names.put("www.sibling.com", Type.A);
    names.put("www.org.example.net", Type.A); // DNAME into example.org.
    names.put("huge.example.net", Type.TXT); // truncated over UDP, fetched over TCP
    names.put("x.wild.example.net", Type.A); // from *.wild.example.net., with its denial proof
    for (Map.Entry<String, Integer> q : names.entrySet()) {
      Resolution r = lookup("bind", signing, q.getKey(), q.getValue());

      assertThat(r).isNoError();
      assertThat(r.security().status())
          .as("%s %s; trace:%n%s", q.getKey(), Type.string(q.getValue()), r.trace().render())
          .isEqualTo(SecurityStatus.SECURE);
      if (q.getKey().startsWith("x.wild")) {
        assertThat(validations(r))
            .filteredOn(v -> v.kind() == StepKind.DNSSEC_SECURE)
            .singleElement()
            .satisfies(v -> assertThat(v.detail()).endsWith("expanded from *.wild.example.net."));
      }
    }

    Resolution nx = lookup("bind", signing, "nope.api.example.com", Type.A);

    assertThat(nx).isNxDomain();
    assertThat(nx.security().status()).isEqualTo(SecurityStatus.INSECURE);
  }

  @Test
  @DisplayName("[bind] a SECURE answer says which zone signed it")
  void secureDetailNamesTheSigner() {
    Resolution r = lookup("bind", Signing.NSEC, "www.example.com", Type.A);

    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(r.security().detail())
        .isEqualTo("signed by example.com., chain of trust from " + ANCHOR_SOURCE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Signing.class,
      names = {"NSEC", "NSEC3"})
  @DisplayName("[bind] NXDOMAIN and NODATA from a dnssec-signzone zone are proven SECURE")
  void denialsAreProven(Signing signing) {
    Resolution nxdomain = lookup("bind", signing, "nope.example.com", Type.A);
    Resolution nodata = lookup("bind", signing, "www.example.com", Type.MX);

    assertThat(nxdomain.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(nxdomain.security().status())
        .as("%s", nxdomain.security())
        .isEqualTo(SecurityStatus.SECURE);
    assertThat(nodata.status()).isEqualTo(Status.NODATA);
    assertThat(nodata.security().status())
        .as("%s", nodata.security())
        .isEqualTo(SecurityStatus.SECURE);
  }

  @Test
  @DisplayName("[bind] an NXDOMAIN in a dnssec-signzone opt-out span is INSECURE")
  void optOutNxdomainIsInsecure() {
    Resolution r = lookup("bind", Signing.NSEC3_OPT_OUT, "nope.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(r.security().status()).as("%s", r.security()).isEqualTo(SecurityStatus.INSECURE);
  }

  @Test
  @DisplayName("[bind] a corrupted www A RRSIG in the signed file: SERVFAIL, bogus, EDE 6")
  void corruptedSignatureIsBogus() {
    Resolution r = lookup("bind", Signing.CORRUPTED_WWW_RRSIG, "www.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.DNSSEC_BOGUS);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(6));
    assertThat(r.answers()).isEmpty();
    assertThat(validations(r))
        .last()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo(StepKind.DNSSEC_BOGUS);
              assertThat(v.owner()).hasToString("www.example.com.");
              assertThat(v.type()).isEqualTo(Type.A);
            });

    Resolution mail = lookup("bind", Signing.CORRUPTED_WWW_RRSIG, "mail.example.com", Type.A);

    assertThat(mail).isNoError().hasAddresses("93.184.216.50");
    assertThat(mail.security().status())
        .as("the rest of the zone is intact; trace:%n%s", mail.trace().render())
        .isEqualTo(SecurityStatus.SECURE);
  }

  @Test
  @DisplayName("[nsd] the same BIND-signed world served by NSD: SECURE and INSECURE alike")
  void bindSignedWorldServedByNsd() {
    assertSecureWww(lookup("nsd", Signing.NSEC, "www.example.com", Type.A), signing(Signing.NSEC));

    assertInsecureApi(lookup("nsd", Signing.NSEC, "v2.api.example.com", Type.A), "(NSEC)");
  }

  private static void assertSecureWww(Resolution r, BindSigned signed) {
    assertThat(r).isNoError().hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS);
    assertThat(r.security().status())
        .as("security; trace:%n%s", r.trace().render())
        .isEqualTo(SecurityStatus.SECURE);
    assertThat(r.security().authenticated()).isTrue();
    List<TraceStep.Validation> steps = validations(r);
    assertThat(steps)
        .extracting(v -> v.kind() + " " + v.zoneCut())
        .containsExactly(
            "DNSSEC_KEYS .",
            "DNSSEC_KEYS com.",
            "DNSSEC_KEYS example.com.",
            "DNSSEC_SECURE example.com.");
    assertThat(steps.get(0).check()).isEqualTo(TraceStep.Validation.Check.ANCHOR_KEYS);
    assertThat(steps.get(0).keyTag()).isEqualTo(OptionalInt.of(signed.zone(".").kskTag()));
    assertThat(steps.get(1).check()).isEqualTo(TraceStep.Validation.Check.DS_KEYS);
    assertThat(steps.get(1).keyTag()).isEqualTo(OptionalInt.of(signed.zone("com.").kskTag()));
    assertThat(steps.get(2).keyTag())
        .isEqualTo(OptionalInt.of(signed.zone("example.com.").kskTag()));
    assertThat(steps.get(3).keyTag())
        .isEqualTo(OptionalInt.of(signed.zone("example.com.").zskTag()));
    assertThat(r.dnssecRecords())
        .singleElement()
        .isInstanceOfSatisfying(
            RRSIGRecord.class,
            sig -> {
              assertThat(sig.getTypeCovered()).isEqualTo(Type.A);
              assertThat(sig.getAlgorithm()).isEqualTo(Algorithm.ED25519.number());
            });
  }

  private static void assertInsecureApi(Resolution r, String method) {
    assertThat(r).isNoError().hasAddresses("192.0.2.20");
    assertThat(r.security().status())
        .as("security; trace:%n%s", r.trace().render())
        .isEqualTo(SecurityStatus.INSECURE);
    assertThat(r.security().authenticated()).isFalse();
    List<TraceStep.Validation> steps = validations(r);
    assertThat(steps)
        .extracting(v -> v.kind() + " " + v.zoneCut())
        .containsExactly(
            "DNSSEC_KEYS .",
            "DNSSEC_KEYS com.",
            "DNSSEC_KEYS example.com.",
            "DNSSEC_NO_DS example.com.",
            "DNSSEC_INSECURE api.example.com.");
    TraceStep.Validation noDs = steps.get(3);
    assertThat(noDs.owner()).hasToString("api.example.com.");
    assertThat(noDs.detail()).endsWith(method);
  }

  private static List<TraceStep.Validation> validations(Resolution r) {
    return r.trace().steps().stream()
        .filter(s -> s instanceof TraceStep.Validation)
        .map(TraceStep.Validation.class::cast)
        .toList();
  }

  /** Looks the name up with a fresh validating resolver and prints the trace. */
  private Resolution lookup(String server, Signing signing, String name, int type) {
    InteropWorld world = served(server, signing);
    Resolver resolver =
        Resolver.builder()
            .rootHints(world.rootHints())
            .upstreamPort(world.port())
            .trustAnchors(TrustAnchors.parse(signing(signing).trustAnchorText(), ANCHOR_SOURCE))
            .clock(Clock.systemUTC())
            .queryTimeout(Duration.ofMillis(1000))
            .deadline(Duration.ofSeconds(8))
            .build();
    resolvers.add(resolver);
    Resolution r = resolver.lookup(name, type);
    System.out.printf(
        "%n[%s, %s] %s %s: %s %s%n%s",
        server, signing, name, Type.string(type), r.status(), r.security(), r.trace().render());
    return r;
  }

  /** The signing, made once for the class; skips (or fails with CI=true) without the tools. */
  private BindSigned signing(Signing signing) {
    InteropScenarios.requireOrSkip(toolsMissing == null, toolsMissing);
    BindSigned done = signings.get(signing);
    if (done != null) {
      return done;
    }
    long began = System.nanoTime();
    BindSigned signed =
        switch (signing) {
          case NSEC -> sign(Denial.NSEC, "nsec");
          case NSEC3 -> sign(Denial.nsec3(SALT), "nsec3");
          case NSEC3_OPT_OUT -> sign(Denial.nsec3OptOut(SALT), "nsec3-opt-out");
          case CORRUPTED_WWW_RRSIG ->
              signing(Signing.NSEC)
                  .withSignedText(
                      "example.com.",
                      text -> BindSigner.corruptSignature(text, "www.example.com.", "A"));
        };
    System.out.printf(
        "signed %s: %s in %d ms%n", signing, signed, (System.nanoTime() - began) / 1_000_000);
    signings.put(signing, signed);
    return signed;
  }

  private BindSigned sign(Denial denial, String subdir) {
    return BindSigner.builder(InteropWorlds.world(), tools)
        .unsigned("api.example.com.")
        .algorithm("com.", Algorithm.RSASHA256)
        .algorithm("example.com.", Algorithm.ED25519)
        .denial(denial)
        .sign(dir.resolve(subdir));
  }

  /**
   * The signing served by the named implementation, started once for the class; skips (or fails
   * with CI=true) when the daemon is missing or the host cannot run it.
   */
  private InteropWorld served(String server, Signing signing) {
    String key = server + "/" + signing;
    InteropWorld running = worlds.get(key);
    if (running != null) {
      return running;
    }
    InteropScenarios.requireOrSkip(!worldsUnavailable.containsKey(key), worldsUnavailable.get(key));
    BindSigned signed = signing(signing);
    AuthoritativeImplementation implementation =
        switch (server) {
          case "bind" -> new BindServer();
          case "nsd" -> new NsdServer();
          default -> throw new IllegalArgumentException(server);
        };
    Optional<Path> binary = implementation.findBinary();
    String unavailable = null;
    if (binary.isEmpty()) {
      unavailable = implementation.missingMessage();
    } else {
      try {
        running = InteropWorld.start(implementation, binary.orElseThrow(), signed.world());
        System.out.println("started " + signing + " " + running);
        worlds.put(key, running);
        return running;
      } catch (AuthoritativeImplementation.HostNotReady e) {
        unavailable = implementation.label() + " interop tests cannot run here: " + e.getMessage();
      }
    }
    System.err.println("SKIPPED: " + unavailable);
    worldsUnavailable.put(key, unavailable);
    InteropScenarios.requireOrSkip(false, unavailable);
    throw new AssertionError("unreachable");
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }
}
