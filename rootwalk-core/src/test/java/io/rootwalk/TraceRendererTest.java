package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.spi.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * How the DNSSEC parts of a trace read: one line per validation check, the lookups a check needed
 * indented under it, and RRSIG and DNSKEY records short enough to keep a step on one line.
 */
class TraceRendererTest {

  private static final Name ROOT = Name.root;
  private static final Name EXAMPLE = name("example.com.");
  private static final Name WWW = name("www.example.com.");

  @Test
  void eachExchangeShowsTheQuestionSentSoMinimisedProbesAreVisible() {
    Trace trace =
        trace(
            List.of(
                exchange(
                    EXAMPLE,
                    new Question(name("api.example.com."), Type.A),
                    new Outcome.NoData(Optional.empty(), List.of())),
                exchange(
                    EXAMPLE,
                    new Question(name("v2.api.example.com."), Type.AAAA),
                    new Outcome.Answer(List.of(a()), true))),
            2);

    List<String> lines = trace.render().lines().toList();

    assertThat(lines.get(1)).contains("  api.example.com. A  ").contains("NODATA");
    assertThat(lines.get(2)).contains("  v2.api.example.com. AAAA  ").contains("answer (AA)");
  }

  @Test
  void eachValidationCheckIsOneLineWithZoneCheckRRsetStatusKeyAndDetail() {
    Trace trace =
        trace(
            List.of(
                validation(
                    ROOT,
                    TraceStep.Validation.Check.ANCHOR_KEYS,
                    ROOT,
                    Type.DNSKEY,
                    SecurityStatus.SECURE,
                    OptionalInt.of(20326),
                    "DNSKEY 20326 matches the trust anchor",
                    List.of()),
                validation(
                    EXAMPLE,
                    TraceStep.Validation.Check.RRSET,
                    WWW,
                    Type.A,
                    SecurityStatus.BOGUS,
                    OptionalInt.empty(),
                    "the signature does not verify",
                    List.of())),
            0);

    String text = trace.render();

    assertThat(text.lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(".")
                    .contains("(dnssec)")
                    .contains("anchor-keys . DNSKEY: SECURE, key 20326")
                    .endsWith("(DNSKEY 20326 matches the trust anchor)"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("example.com.")
                    .contains("rrset www.example.com. A: BOGUS (the signature does not verify)")
                    .doesNotContain("key "));
  }

  @Test
  void theLookupsACheckNeededAreIndentedUnderItWithWhatTheyFetchedAndTheirCost() {
    Trace fetched =
        trace(
            List.of(
                exchange(
                    EXAMPLE,
                    new Question(EXAMPLE, Type.DNSKEY),
                    new Outcome.Answer(List.of(dnskey(), rrsig(EXAMPLE, Type.DNSKEY)), true))),
            1);
    Trace trace =
        trace(
            List.of(
                validation(
                    EXAMPLE,
                    TraceStep.Validation.Check.DS_KEYS,
                    EXAMPLE,
                    Type.DNSKEY,
                    SecurityStatus.SECURE,
                    OptionalInt.of(4242),
                    "DNSKEY 4242 matches DS 4242 of com.",
                    List.of(fetched))),
            1);

    List<String> lines = trace.render().lines().toList();

    assertThat(lines.get(1)).startsWith("example.com.").contains("ds-keys example.com. DNSKEY");
    assertThat(lines.get(2)).isEqualTo("  fetch example.com. DNSKEY (1 query)");
    assertThat(lines.get(3)).startsWith("    example.com.").contains("answer (AA)");
  }

  @Test
  void rrsigAndDnskeyRecordsAreShownByWhatTheyCoverAndTheirKeyTag() {
    RRSIGRecord sig = rrsig(WWW, Type.A);
    DNSKEYRecord key = dnskey();
    Trace trace =
        trace(
            List.of(
                exchange(
                    EXAMPLE,
                    new Question(WWW, Type.A),
                    new Outcome.Answer(List.of(a(), sig), true))),
            1);

    String text = trace.render();

    assertThat(text)
        .contains(
            "answer (AA) www.example.com. A 192.0.2.1, www.example.com. RRSIG A 13 by"
                + " example.com. tag 4242")
        .doesNotContain(sig.rdataToString());
    assertThat(TraceRenderer.record(key))
        .isEqualTo("example.com. DNSKEY 256 13 tag " + key.getFootprint());
    DSRecord ds = new DSRecord(EXAMPLE, DClass.IN, 300, DNSSEC.Digest.SHA256, key);
    assertThat(TraceRenderer.record(ds))
        .matches("example\\.com\\. DS " + key.getFootprint() + " 13 2 [0-9A-F]{8}\\.\\.\\.");
  }

  @Test
  void theZoneCutCountIsTheWalksNotTheChainOfTrusts() {
    Trace trace =
        trace(
            List.of(
                exchange(
                    EXAMPLE, new Question(WWW, Type.A), new Outcome.Answer(List.of(a()), true)),
                validation(
                    ROOT,
                    TraceStep.Validation.Check.ANCHOR_KEYS,
                    ROOT,
                    Type.DNSKEY,
                    SecurityStatus.SECURE,
                    OptionalInt.of(20326),
                    "anchored",
                    List.of())),
            1);

    assertThat(trace.render()).startsWith(";; 1 upstream query, 1 zone cut, ");
  }

  @Test
  void aLongCheckDoesNotPushTheExchangesRoundTripTimeAcrossTheScreen() {
    Trace trace =
        trace(
            List.of(
                exchange(
                    EXAMPLE, new Question(WWW, Type.A), new Outcome.Answer(List.of(a()), true)),
                validation(
                    EXAMPLE,
                    TraceStep.Validation.Check.RRSET,
                    WWW,
                    Type.A,
                    SecurityStatus.SECURE,
                    OptionalInt.of(4242),
                    "x".repeat(200),
                    List.of())),
            1);

    List<String> lines = trace.render().lines().toList();

    // Changed on purpose (issue 17): the exchange line gained the question column, so instead of
    // a fixed width it must be exactly what it is without the long check below it.
    Trace alone =
        trace(
            List.of(
                exchange(
                    EXAMPLE, new Question(WWW, Type.A), new Outcome.Answer(List.of(a()), true))),
            1);
    assertThat(lines.get(1)).endsWith("2.0 ms").isEqualTo(alone.render().lines().toList().get(1));
    assertThat(lines.get(2).indexOf("(dnssec)"))
        .isEqualTo(lines.get(1).indexOf("ns1.example.com."));
  }

  private static TraceStep.Validation validation(
      Name zone,
      TraceStep.Validation.Check check,
      Name owner,
      int type,
      SecurityStatus status,
      OptionalInt keyTag,
      String detail,
      List<Trace> fetched) {
    return new TraceStep.Validation(zone, check, owner, type, status, keyTag, detail, fetched);
  }

  private static TraceStep.Exchange exchange(Name zoneCut, Question sent, Outcome outcome) {
    ServerAddress server =
        new ServerAddress(
            name("ns1.example.com."), address("192.0.2.53"), Provenance.IN_DOMAIN_GLUE, false);
    return new TraceStep.Exchange(
        zoneCut, server, 53, sent, Protocol.UDP, true, Duration.ofMillis(2), outcome, List.of());
  }

  private static Trace trace(List<TraceStep> steps, int queries) {
    return new Trace(steps, queries, Duration.ofMillis(5), WorkSpent.NONE);
  }

  private static Record a() {
    return new ARecord(WWW, DClass.IN, 300, address("192.0.2.1"));
  }

  private static DNSKEYRecord dnskey() {
    byte[] key = new byte[64];
    key[0] = 1;
    return new DNSKEYRecord(
        EXAMPLE,
        DClass.IN,
        300,
        DNSKEYRecord.Flags.ZONE_KEY,
        DNSKEYRecord.Protocol.DNSSEC,
        DNSSEC.Algorithm.ECDSAP256SHA256,
        key);
  }

  private static RRSIGRecord rrsig(Name owner, int covered) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return new RRSIGRecord(
        owner,
        DClass.IN,
        300,
        covered,
        DNSSEC.Algorithm.ECDSAP256SHA256,
        300,
        now.plus(Duration.ofDays(30)),
        now,
        4242,
        EXAMPLE,
        new byte[64]);
  }

  private static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
