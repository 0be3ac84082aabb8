package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.spi.Transport;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Given the demo hierarchy signed at test time (root, com., example.com. and the rest, each with a
 * KSK and a ZSK, DS records in the parents), when a name is looked up by a resolver holding the
 * signed root's DS as its trust anchor, then the chain of trust is built from the root down, every
 * link is a trace step, and the answer is SECURE, INSECURE below an unsigned delegation, or BOGUS
 * (SERVFAIL with the RFC 8914 code) when a signature, a key or a DS is wrong.
 */
class DnssecValidationTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final SignedWorld SIGNED =
      WorldSigner.builder(DemoWorld.world(), NOW).unsigned("api.example.com.").sign();

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(SIGNED.world()).configured(b -> validating(b, SIGNED));

  private static ResolverBuilder validating(ResolverBuilder b, SignedWorld signed) {
    return b.trustAnchors(TrustAnchors.parse(signed.trustAnchorText(), "the signed lab's root"))
        .clock(CLOCK);
  }

  private static List<StepKind> validationKinds(Resolution r) {
    return r.trace().steps().stream()
        .filter(s -> s instanceof TraceStep.Validation)
        .map(TraceStep::kind)
        .toList();
  }

  private static List<TraceStep.Validation> validations(Resolution r) {
    return r.trace().steps().stream()
        .filter(s -> s instanceof TraceStep.Validation)
        .map(TraceStep.Validation.class::cast)
        .toList();
  }

  @Test
  void aSignedAnswerIsSecureThroughAChainFromTheRootAnchorDown() {
    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("93.184.216.34");
    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(r.security().authenticated()).isTrue();
    assertThat(r.security().detail()).startsWith("signed by example.com.");
    assertThat(r.trace().spent().signatureChecks()).isEqualTo(6); // 3 key sets, 2 DS, 1 answer
    // The walk's four queries and one DNSKEY query per zone: the DS records came with the
    // referrals, as Unbound uses them, instead of a DS query per cut.
    assertThat(r.trace().upstreamQueries()).isEqualTo(7);
    assertThat(validationKinds(r))
        .containsExactly(
            StepKind.DNSSEC_KEYS,
            StepKind.DNSSEC_KEYS,
            StepKind.DNSSEC_KEYS,
            StepKind.DNSSEC_SECURE);
    List<TraceStep.Validation> steps = validations(r);
    assertThat(steps)
        .extracting(s -> s.zoneCut().toString())
        .containsExactly(".", "com.", "example.com.", "example.com.");
    assertThat(steps.get(0).check()).isEqualTo(TraceStep.Validation.Check.ANCHOR_KEYS);
    assertThat(steps.get(0).keyTag())
        .isEqualTo(OptionalInt.of(SIGNED.trustAnchor().get(0).getFootprint()));
    assertThat(steps.get(2).check()).isEqualTo(TraceStep.Validation.Check.DS_KEYS);
    assertThat(steps.get(2).keyTag())
        .isEqualTo(OptionalInt.of(SIGNED.ds("example.com.").getFootprint()));
    assertThat(steps.get(3).keyTag())
        .isEqualTo(OptionalInt.of(SIGNED.signer("example.com.").zsk().keyTag()));
    assertThat(lab.get().queries())
        .allSatisfy(
            q -> assertThat(q.message().getOPT().getFlags() & ExtendedFlags.DO).isNotZero());
    // The data as asked, and its signature beside it, for a server to give DO=1 clients.
    assertThat(r.answers()).allMatch(a -> a instanceof ARecord);
    assertThat(r.dnssecRecords())
        .singleElement()
        .isInstanceOfSatisfying(
            RRSIGRecord.class, sig -> assertThat(sig.getTypeCovered()).isEqualTo(Type.A));
  }

  @Test
  void aSecondNameInTheSameZoneNeedsNoKeyLookupsAgain() {
    lab.lookup("www.example.com", Type.A);

    Resolution r = lab.lookup("mail.example.com", Type.A);

    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(validationKinds(r)).containsExactly(StepKind.DNSSEC_SECURE);
    assertThat(r.trace().upstreamQueries()).isEqualTo(1);
  }

  @Test
  void aCachedAnswerKeepsItsSignaturesAndIsStillSecure() {
    lab.lookup("www.example.com", Type.A);

    Resolution again = lab.lookup("www.example.com", Type.A);

    assertThat(again.trace().upstreamQueries()).isZero();
    assertThat(again.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(again.dnssecRecords()).hasSize(1);
  }

  @Test
  void belowAProvenUnsignedDelegationTheAnswerIsInsecure() {
    Resolution r = lab.lookup("v2.api.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.INSECURE);
    assertThat(r.security().authenticated()).isFalse();
    assertThat(validationKinds(r))
        .containsExactly(
            StepKind.DNSSEC_KEYS,
            StepKind.DNSSEC_KEYS,
            StepKind.DNSSEC_KEYS,
            StepKind.DNSSEC_NO_DS,
            StepKind.DNSSEC_INSECURE);
    TraceStep.Validation noDs = validations(r).get(3);
    assertThat(noDs.zoneCut().toString()).isEqualTo("example.com.");
    assertThat(noDs.owner().toString()).isEqualTo("api.example.com.");
    assertThat(noDs.detail()).contains("NSEC");
  }

  @Test
  void anAliasChainIsSecureWhenEveryLinkIs() {
    Resolution r = lab.lookup("blog.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(validations(r))
        .filteredOn(v -> v.check() == TraceStep.Validation.Check.RRSET)
        .extracting(v -> v.owner() + " " + Type.string(v.type()))
        .containsExactly("blog.example.com. CNAME", "example.tumblr.com. A");
  }

  @Test
  void aWildcardExpansionIsSecureWithTheNsecProvingNoCloserName() {
    Resolution r = lab.lookup("anything.wild.example.net", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(validations(r))
        .last()
        .satisfies(v -> assertThat(v.detail()).contains("expanded from *.wild.example.net."));
    assertThat(r.dnssecRecords()).anyMatch(rec -> rec.getType() == Type.NSEC);
  }

  @Test
  void aWildcardExpansionWithoutItsProofIsBogus() {
    // A replayed wildcard signature for a name that exists would otherwise go unnoticed: the
    // NSEC that proves no closer name exists is what RFC 4035 section 5.3.4 asks for.
    lab.server(DemoWorld.NS1_EXAMPLE_NET).fault(Fault.mutate(DnssecValidationTest::withoutNsec));

    Resolution r = lab.lookup("anything.wild.example.net", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(12));
  }

  @Test
  void aBurstOfDistinctNamesInASignedZoneIsAllSecure() {
    // A thousand lookups at once, each a different wildcard expansion: they all need the same
    // chain of trust at the same moment, and each its own NSEC proof.
    // Changed on purpose (issue 17), without minimisation: minimising, all thousand walks wait on
    // the one shared probe of wild.example.net and are then released onto ns1.example.net in the
    // same millisecond, more signed answers than the lab's one in-JVM server thread produces
    // within the lab resolvers' 250 ms and 400 ms timeouts (seen failing 3 runs in 4; per-server
    // pacing of such a release belongs with issue 11's burst work). The chain of trust's sharing,
    // which this test is about, is the same either way.
    Resolver resolver = lab.resolver(b -> b.qnameMinimisation(QnameMinimisation.OFF));
    List<CompletableFuture<Resolution>> burst = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      burst.add(resolver.lookupAsync("n" + i + ".wild.example.net", Type.A));
    }

    List<Resolution> done = burst.stream().map(CompletableFuture::join).toList();

    assertThat(done)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(Status.NOERROR);
              assertThat(r.security().status()).as("%s", r).isEqualTo(SecurityStatus.SECURE);
            });
    // The keys of ., net. and example.net. were fetched once each (shared while in flight, cached
    // after), not once per lookup: three queries, give or take a retry of a datagram the burst
    // made the kernel drop.
    assertThat(lab.get().queries()).filteredOn(q -> q.qtype() == Type.DNSKEY).hasSizeBetween(3, 9);
    // And each link of the chain was verified once for the whole burst, not once per lookup: every
    // lookup checks its own answer and its NSEC, and only one of them the five links above those.
    int checks = done.stream().mapToInt(r -> r.trace().spent().signatureChecks()).sum();
    assertThat(checks).isLessThanOrEqualTo(2 * done.size() + 5);
  }

  @Test
  void withoutTrustAnchorsALabIsNotValidatedAndNoDnssecRecordsAreAskedFor() {
    Resolver plain = lab.resolver(b -> b.dnssecValidation(false));

    Resolution r = plain.lookup("www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security()).isEqualTo(Security.notValidated());
    assertThat(r.dnssecRecords()).isEmpty();
    assertThat(plain.trustAnchors()).isEmpty();
    assertThat(lab.get().queries())
        .allSatisfy(q -> assertThat(q.message().getOPT().getFlags() & ExtendedFlags.DO).isZero());
  }

  @Test
  void theIanaHintsValidateFromTheIanaAnchorsWhetherOrNotTheyWereNamed() {
    // Built, never asked; and should a change make building one send anything, the transport
    // refuses it instead of letting it reach the real root servers.
    Transport nowhere =
        (query, server, protocol, timeout) ->
            CompletableFuture.failedFuture(
                new AssertionError("a query to " + server + " would have left the machine"));
    try (Resolver byDefault = Resolver.builder().transport(nowhere).build();
        Resolver named = Resolver.builder().rootHints(RootHints.iana()).transport(nowhere).build();
        Resolver lab =
            Resolver.builder()
                .rootHints(RootHints.fromFile(this.lab.get().rootHintsFile()))
                .build()) {
      assertThat(byDefault.trustAnchors()).contains(TrustAnchors.iana());
      assertThat(named.trustAnchors()).contains(TrustAnchors.iana());
      assertThat(TrustAnchors.iana().keyTags()).containsExactly(20326, 38696);
      assertThat(lab.trustAnchors()).isEmpty();
    }
  }

  @Test
  void aServerThatForgesTheAddressIsCaughtAndTheForgeryIsNotKept() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.failure())
        .hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo(FailureReason.DNSSEC_BOGUS));
    assertThat(r.security().status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(6));
    assertThat(r.answers()).isEmpty();
    assertThat(lab.resolver().lookupCached(Question.of("www.example.com", Type.A))).isEmpty();
  }

  @Test
  void aBogusAnswerIsHeldSoTheBrokenZoneIsNotAskedAgainForEveryQuery() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));
    lab.lookup("www.example.com", Type.A);

    Resolution again = lab.lookup("www.example.com", Type.A);

    assertThat(again.status()).isEqualTo(Status.SERVFAIL);
    assertThat(again.security().status()).isEqualTo(SecurityStatus.BOGUS);
    List<RecordedQuery> asked = new ArrayList<>(lab.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM));
    asked.addAll(lab.get().queriesTo(DemoWorld.NS2_EXAMPLE_COM));
    assertThat(asked)
        .filteredOn(q -> q.qtype() == Type.A)
        .hasSize(1); // the first lookup's query; the second was answered by the hold
  }

  @Test
  void onceTheHoldHasPassedTheRepairedZoneIsSecureAgain() {
    FakeTicker ticker = new FakeTicker();
    Resolver resolver = lab.resolver(b -> b.ticker(ticker));
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));
    assertThat(resolver.lookup("www.example.com", Type.A).security().status())
        .isEqualTo(SecurityStatus.BOGUS);
    lab.server(DemoWorld.NS1_EXAMPLE_COM).clearFaults();
    lab.server(DemoWorld.NS2_EXAMPLE_COM).clearFaults();

    Resolution held = resolver.lookup("www.example.com", Type.A);
    ticker.advance(Duration.ofSeconds(61));
    Resolution repaired = resolver.lookup("www.example.com", Type.A);

    assertThat(held.security().status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(repaired.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(repaired.addresses())
        .extracting(a -> a.getHostAddress())
        .containsExactly("93.184.216.34");
  }

  @Test
  void withCheckingDisabledTheCallerGetsTheBogusDataToJudgeItself() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.mutate(DnssecValidationTest::forgeAddress));

    Resolution r =
        lab.resolver()
            .lookup(
                Question.of("www.example.com", Type.A),
                LookupOptions.defaults().withCheckingDisabled());

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.66");
    assertThat(r.security().status()).isEqualTo(SecurityStatus.BOGUS);
  }

  @Test
  void signaturesCheckedAgainstTheInjectedClockExpire() {
    Resolver later =
        lab.resolver(b -> b.clock(Clock.fixed(NOW.plus(Duration.ofDays(45)), ZoneOffset.UTC)));

    Resolution r = later.lookup("www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(7));
    assertThat(r.security().detail()).contains("expired");
  }

  @Test
  void signaturesFromTheFutureAreNotYetValid() {
    Resolver earlier =
        lab.resolver(b -> b.clock(Clock.fixed(NOW.minus(Duration.ofDays(3)), ZoneOffset.UTC)));

    Resolution r = earlier.lookup("www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(8));
  }

  @Test
  void aTrustAnchorThatMatchesNoRootKeyMakesEverythingBogus() {
    SignedWorld other = WorldSigner.sign(DemoWorld.world(), NOW); // other keys, other anchor
    Resolver wrongAnchor = lab.resolver(b -> validating(b, other));

    Resolution r = wrongAnchor.lookup("www.example.com", Type.A);

    assertThat(r.status()).isEqualTo(Status.SERVFAIL);
    assertThat(r.security().extendedError()).isEqualTo(OptionalInt.of(9));
    assertThat(validations(r))
        .first()
        .satisfies(
            v -> {
              assertThat(v.check()).isEqualTo(TraceStep.Validation.Check.ANCHOR_KEYS);
              assertThat(v.status()).isEqualTo(SecurityStatus.BOGUS);
            });
  }

  /** The response without its NSEC records and their RRSIGs. */
  private static Message withoutNsec(Message response) {
    Message out = response.clone();
    for (Record r : response.getSection(Section.AUTHORITY)) {
      if (r.getType() == Type.NSEC
          || (r instanceof RRSIGRecord sig && sig.getTypeCovered() == Type.NSEC)) {
        out.removeRecord(r, Section.AUTHORITY);
      }
    }
    return out;
  }

  /** The answer's A record replaced by another address; its RRSIG left as it was. */
  private static Message forgeAddress(Message response) {
    Message out = response.clone();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a && a.getName().toString().equals("www.example.com.")) {
        out.removeRecord(r, Section.ANSWER);
        try {
          out.addRecord(
              new ARecord(
                  a.getName(),
                  a.getDClass(),
                  a.getTTL(),
                  java.net.InetAddress.getByName("192.0.2.66")),
              Section.ANSWER);
        } catch (java.net.UnknownHostException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  static {
    // Keeps the import honest: the DS of example.com is SHA-256 (RFC 4509), as the signer makes it.
    assert SIGNED.ds("example.com.").getDigestID() == DNSSEC.Digest.SHA256;
  }
}
