package io.rootwalk.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.SecurityStatus;
import io.rootwalk.testing.dnssec.Denial;
import io.rootwalk.testing.dnssec.Tamper;
import io.rootwalk.testing.dnssec.ZoneSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * An insecure delegation: given a signed parent {@code example.} that delegates {@code
 * child.example.} without DS, when the referral carries the parent's NSEC or NSEC3 proof, then the
 * child is proven insecure (RFC 4035 5.2, RFC 5155 8.9); any flaw in the proof makes it bogus.
 */
class NoDsProofTest {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Name PARENT = Name.fromConstantString("example.");
  static final Name CHILD = Name.fromConstantString("child.example.");
  static final byte[] SALT = {(byte) 0xAB, (byte) 0xCD};

  private final ZoneSigner parent =
      ZoneSigner.create(
          PARENT,
          DNSSEC.Algorithm.ECDSAP256SHA256,
          NOW.minus(Duration.ofDays(1)),
          NOW.plus(Duration.ofDays(30)));

  private final TrustedKeys parentKeys =
      new TrustedKeys(PARENT, List.of(parent.ksk().dnskey(), parent.zsk().dnskey()), 3600);

  private NoDsVerdict prove(List<RRset> authority) {
    return prove(authority, ValidationBudget.withDefaults());
  }

  private NoDsVerdict prove(List<RRset> authority, ValidationBudget budget) {
    return NoDsProof.prove(CHILD, parentKeys, authority, NOW.getEpochSecond(), budget);
  }

  private RRset signedNsec(int... types) {
    return parent.sign(new RRset(Denial.nsec(CHILD, Name.fromConstantString("d.example."), types)));
  }

  @Test
  void givenAnNsecAtTheChildWithNsAndNoDsThenProvenInsecure() {
    NoDsVerdict v = prove(List.of(signedNsec(Type.NS)));

    assertThat(v).isEqualTo(new NoDsVerdict.Proven(NoDsVerdict.Method.NSEC, 3600));
    assertThat(v.status()).isEqualTo(SecurityStatus.INSECURE);
  }

  @Test
  void givenAnNsecThatListsDsThenBogus() {
    NoDsVerdict v = prove(List.of(signedNsec(Type.NS, Type.DS)));

    assertThat(v.status()).isEqualTo(SecurityStatus.BOGUS);
    assertThat(((Verdict.Bogus) v).detail()).contains("lists DS");
  }

  @Test
  void givenTheChildsOwnApexNsecWithSoaThenBogus() {
    // RFC 6840 section 4.4: the child's apex NSEC has NS and SOA and no DS, and proves nothing.
    NoDsVerdict v = prove(List.of(signedNsec(Type.NS, Type.SOA)));

    assertThat(((Verdict.Bogus) v).detail()).contains("SOA");
  }

  @Test
  void givenAnNsecWithoutNsThenBogus() {
    assertThat(((Verdict.Bogus) prove(List.of(signedNsec(Type.A)))).detail()).contains("no NS");
  }

  @Test
  void givenAnUnsignedNsecThenBogusRrsigsMissing() {
    NoDsVerdict v = prove(List.of(Tamper.withoutSignatures(signedNsec(Type.NS))));

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.RRSIGS_MISSING);
  }

  @Test
  void givenAnNsecWithAFlippedSignatureByteThenBogus() {
    NoDsVerdict v = prove(List.of(Tamper.flipSignatureByte(signedNsec(Type.NS))));

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.DNSSEC_BOGUS);
  }

  @Test
  void givenNoDenialAtAllThenNsecMissing() {
    NoDsVerdict v = prove(List.of());

    assertThat(((Verdict.Bogus) v).reason()).isEqualTo(BogusReason.NSEC_MISSING);
    assertThat(((Verdict.Bogus) v).reason().edeCode()).isEqualTo(12);
  }

  private List<RRset> signed(List<NSEC3Record> records) {
    List<RRset> out = new ArrayList<>();
    records.forEach(r -> out.add(parent.sign(new RRset(r))));
    return out;
  }

  private List<NSEC3Record> chain(boolean optOut, int iterations, Map<Name, int[]> names) {
    return Denial.nsec3Chain(PARENT, iterations, SALT, optOut, names);
  }

  private static Map<Name, int[]> names(Object... nameThenTypes) {
    Map<Name, int[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenTypes.length; i += 2) {
      m.put(Name.fromConstantString((String) nameThenTypes[i]), (int[]) nameThenTypes[i + 1]);
    }
    return m;
  }

  @Test
  void givenAnNsec3MatchingTheChildWithNsAndNoDsThenProvenInsecure() {
    List<NSEC3Record> chain =
        chain(
            false,
            0,
            names(
                "example.", new int[] {Type.SOA, Type.NS, Type.DNSKEY, Type.NSEC3PARAM},
                "child.example.", new int[] {Type.NS},
                "www.example.", new int[] {Type.A}));

    NoDsVerdict v = prove(signed(chain));

    assertThat(v).isInstanceOf(NoDsVerdict.Proven.class);
    assertThat(((NoDsVerdict.Proven) v).method()).isEqualTo(NoDsVerdict.Method.NSEC3);
  }

  @Test
  void givenAnNsec3MatchingTheChildThatListsDsThenBogus() {
    List<NSEC3Record> chain =
        chain(
            false,
            0,
            names(
                "example.", new int[] {Type.SOA, Type.NS},
                "child.example.", new int[] {Type.NS, Type.DS}));

    assertThat(prove(signed(chain)).status()).isEqualTo(SecurityStatus.BOGUS);
  }

  @Test
  void givenAnOptOutSpanCoveringTheChildAndTheApexAsClosestEncloserThenProvenOptOut() {
    // The chain holds only signed names; the unsigned child falls in an Opt-Out span.
    List<NSEC3Record> chain =
        chain(
            true,
            0,
            names(
                "example.", new int[] {Type.SOA, Type.NS, Type.DNSKEY},
                "a.example.", new int[] {Type.A},
                "b.example.", new int[] {Type.A},
                "c.example.", new int[] {Type.A}));

    NoDsVerdict v = prove(signed(chain));

    assertThat(v).isInstanceOf(NoDsVerdict.Proven.class);
    assertThat(((NoDsVerdict.Proven) v).method()).isEqualTo(NoDsVerdict.Method.NSEC3_OPT_OUT);
  }

  @Test
  void givenTheSameSpanWithoutOptOutThenBogus() {
    List<NSEC3Record> chain =
        chain(
            false,
            0,
            names(
                "example.", new int[] {Type.SOA, Type.NS},
                "a.example.", new int[] {Type.A},
                "b.example.", new int[] {Type.A}));

    NoDsVerdict v = prove(signed(chain));

    assertThat(((Verdict.Bogus) v).detail()).contains("no Opt-Out");
  }

  @Test
  void givenAnOptOutSpanButNoClosestEncloserMatchThenBogus() {
    List<NSEC3Record> chain =
        chain(
            true,
            0,
            names(
                "example.", new int[] {Type.SOA, Type.NS},
                "a.example.", new int[] {Type.A},
                "b.example.", new int[] {Type.A}));
    NSEC3Record apex =
        chain.stream()
            .filter(r -> r.getName().equals(Denial.hashedOwner(PARENT, PARENT, 0, SALT)))
            .findFirst()
            .orElseThrow();
    List<NSEC3Record> withoutApex = new ArrayList<>(chain);
    withoutApex.remove(apex);

    assertThat(prove(signed(withoutApex)).status()).isEqualTo(SecurityStatus.BOGUS);
  }

  @Test
  void givenMoreThan150Iterations_rfc9276_thenInsecureBeforeAnyHash() {
    List<NSEC3Record> chain =
        chain(
            false,
            151,
            names("example.", new int[] {Type.SOA}, "child.example.", new int[] {Type.NS}));
    ValidationBudget budget = ValidationBudget.withDefaults();

    NoDsVerdict v = prove(signed(chain), budget);

    assertThat(v).isInstanceOf(Verdict.Insecure.class);
    assertThat(((Verdict.Insecure) v).reason().edeCode()).isEqualTo(27);
    assertThat(budget.hashesSpent()).isZero();
  }

  @Test
  void nsec3HashesAreChargedAndTheirExhaustionIsItsOwnOutcome() {
    List<NSEC3Record> chain =
        chain(
            true,
            0,
            names("example.", new int[] {Type.SOA, Type.NS}, "a.example.", new int[] {Type.A}));
    ValidationBudget budget = ValidationBudget.of(new ValidationLimits(4, 8, 128, 2, 150));

    NoDsVerdict v = prove(signed(chain), budget);

    assertThat(v).isInstanceOf(Verdict.Exhausted.class);
    assertThat(((Verdict.Exhausted) v).limit())
        .isEqualTo(ValidationBudget.Limit.NSEC3_HASHES_PER_LOOKUP);
    assertThat(budget.hashesSpent()).isEqualTo(2);
  }
}
