package io.rootwalk.testing.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.AuthoritativeAnswerer;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Records;
import io.rootwalk.testing.ZoneSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The demo world signed whole, with each of the algorithms a resolver must support (RFC 8624
 * section 3.1): RSASHA256, ECDSAP256SHA256 and Ed25519. Every signature the lab serves verifies
 * against its zone's keys, every DNSKEY set against its KSK, every DS against the child's KSK.
 */
class SignedDemoWorldTest {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static final Map<Integer, SignedWorld> SIGNED = new ConcurrentHashMap<>();

  static SignedWorld demo(int algorithm) {
    return SIGNED.computeIfAbsent(
        algorithm, a -> WorldSigner.builder(DemoWorld.world(), NOW).algorithm(a).sign());
  }

  /** One DO=1 question per kind of answer the lab gives, across the hierarchy. */
  static Stream<Arguments> questions() {
    String[][] asked = {
      {DemoWorld.A_ROOT, ".", "DNSKEY"},
      {DemoWorld.A_ROOT, ".", "NS"},
      {DemoWorld.A_ROOT, "www.example.com.", "A"}, // referral to com. with its DS
      {DemoWorld.A_ROOT, "nope.", "A"}, // NXDOMAIN
      {DemoWorld.A_GTLD, "www.example.com.", "A"},
      {DemoWorld.A_GTLD, "example.com.", "DS"},
      {DemoWorld.A_GTLD, "a.root-servers.net.", "A"},
      {DemoWorld.NS1_EXAMPLE_COM, "www.example.com.", "A"},
      {DemoWorld.NS1_EXAMPLE_COM, "example.com.", "MX"},
      {DemoWorld.NS1_EXAMPLE_COM, "www.example.com.", "AAAA"}, // NODATA
      {DemoWorld.NS1_EXAMPLE_COM, "nope.example.com.", "A"},
      {DemoWorld.NS1_EXAMPLE_COM, "v2.api.example.com.", "A"},
      {DemoWorld.NS1_EXAMPLE_COM, "www.sibling.com.", "A"},
      {DemoWorld.NS1_EXAMPLE_NET, "x.wild.example.net.", "A"}, // wildcard
      {DemoWorld.NS1_EXAMPLE_NET, "chain.example.net.", "A"}, // CNAME chain
      {DemoWorld.NS1_EXAMPLE_NET, "www.org.example.net.", "A"}, // DNAME
      {DemoWorld.NS1_EXAMPLE_NET, "big.example.net.", "TXT"},
      {DemoWorld.A_ORG, "www.example.org.", "A"},
      {DemoWorld.NS1_EXAMPLE_ORG, "www.example.org.", "A"},
    };
    return Stream.of(8, 13, 15)
        .flatMap(alg -> Stream.of(asked).map(q -> Arguments.of(alg, q[0], q[1], q[2])));
  }

  @ParameterizedTest(name = "alg {0}: {1} answers {2} {3}")
  @MethodSource("questions")
  void givenTheSignedDemoWorldThenEverySignatureInADnssecAnswerVerifies(
      int algorithm, String server, String qname, String qtype) {
    SignedWorld signed = demo(algorithm);

    Message m = SignedAnswers.ask(signed, server, qname, Type.value(qtype));

    assertThat(SignedAnswers.signatures(m))
        .as("%s", m)
        .isNotEmpty()
        .allSatisfy(sig -> assertThat(sig.getAlgorithm()).isEqualTo(algorithm));
    assertThat(SignedAnswers.verifyAll(signed, m)).isPositive();
  }

  @ParameterizedTest(name = "algorithm {0}")
  @ValueSource(ints = {8, 13, 15})
  void everyZonesKeySetIsSignedByItsKskAloneAndVerifies(int algorithm) {
    SignedWorld signed = demo(algorithm);

    for (ZoneSpec zone : signed.world().zones()) {
      ZoneSigner signer = signed.signer(zone.origin().toString());
      RRset keys = signed.rrset(zone.origin().toString(), Type.DNSKEY);

      assertThat(keys.rrs(false)).containsExactly(signer.ksk().dnskey(), signer.zsk().dnskey());
      assertThat(keys.sigs()).hasSize(1);
      RRSIGRecord sig = keys.sigs().get(0);
      assertThat(sig.getFootprint()).isEqualTo(signer.ksk().keyTag());
      SignedAnswers.verify(signed, keys, sig);
    }
  }

  @ParameterizedTest(name = "algorithm {0}")
  @ValueSource(ints = {8, 13, 15})
  void everyParentsDsMatchesItsChildsKskAndIsSignedByTheParent(int algorithm) {
    SignedWorld signed = demo(algorithm);

    for (ZoneSpec zone : signed.world().zones()) {
      if (zone.origin().equals(Name.root)) {
        continue;
      }
      String child = zone.origin().toString();
      DNSKEYRecord ksk = sepKey(signed.rrset(child, Type.DNSKEY));
      RRset ds = signed.rrset(child, Type.DS);

      assertThat(ds.rrs(false)).as(child).hasSize(1);
      DSRecord published = (DSRecord) ds.first();
      DSRecord computed = new DSRecord(ksk.getName(), DClass.IN, 0, DNSSEC.Digest.SHA256, ksk);
      assertThat(published.getDigestID()).isEqualTo(DNSSEC.Digest.SHA256);
      assertThat(published.getFootprint()).isEqualTo(ksk.getFootprint());
      assertThat(published.getDigest()).isEqualTo(computed.getDigest());
      assertThat(ds.sigs()).singleElement().satisfies(s -> SignedAnswers.verify(signed, ds, s));
      assertThat(ds.sigs().get(0).getSigner()).isNotEqualTo(zone.origin());
    }
  }

  @ParameterizedTest(name = "algorithm {0}")
  @ValueSource(ints = {8, 13, 15})
  void theTrustAnchorIsTheRootKsksDsAndReadsBackFromItsText(int algorithm) {
    SignedWorld signed = demo(algorithm);
    DNSKEYRecord rootKsk = sepKey(signed.rrset(".", Type.DNSKEY));

    List<DSRecord> anchor = signed.trustAnchor();
    String text = signed.trustAnchorText();

    assertThat(anchor).singleElement().isEqualTo(signed.ds("."));
    assertThat(anchor.get(0).getFootprint()).isEqualTo(rootKsk.getFootprint());
    assertThat(anchor.get(0).getDigest())
        .isEqualTo(new DSRecord(Name.root, DClass.IN, 0, 2, rootKsk).getDigest());
    assertThat(text).startsWith(". 3600 IN DS " + rootKsk.getFootprint() + " " + algorithm + " 2 ");
    Record parsed = Records.parse(text.strip());
    assertThat(parsed).isEqualTo(anchor.get(0));
  }

  @ParameterizedTest(name = "algorithm {0}")
  @ValueSource(ints = {8, 13, 15})
  void withoutDoTheSignedWorldAnswersAsTheUnsignedOneDoes(int algorithm) {
    SignedWorld signed = demo(algorithm);
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("www.example.com."), Type.A, DClass.IN));

    Message m =
        AuthoritativeAnswerer.forServer(signed.world(), DemoWorld.NS1_EXAMPLE_COM).answer(query);

    assertThat(SignedAnswers.types(m, Section.ANSWER)).containsExactly("www.example.com. A");
    assertThat(SignedAnswers.signatures(m)).isEmpty();
  }

  private static DNSKEYRecord sepKey(RRset keys) {
    return keys.rrs(false).stream()
        .map(DNSKEYRecord.class::cast)
        .filter(k -> (k.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0)
        .findFirst()
        .orElseThrow();
  }
}
