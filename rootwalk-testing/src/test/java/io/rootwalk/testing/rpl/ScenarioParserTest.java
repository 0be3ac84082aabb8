package io.rootwalk.testing.rpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.rpl.ExpectedAnswer.Check;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Reading scenario text: what a well-formed file says, and how the address map rewrites it. */
class ScenarioParserTest {

  static final String SMALL =
      """
      ; a comment before the config
      stub-addr: 193.0.14.129   ; K.ROOT-SERVERS.NET.
      query-minimization: off
      harden-glue: on
      CONFIG_END

      SCENARIO_BEGIN A small walk
      RANGE_BEGIN 0 100
        ADDRESS 193.0.14.129
      ENTRY_BEGIN
      MATCH opcode subdomain
      ADJUST copy_id copy_query
      REPLY QR NOERROR
      SECTION QUESTION
      com. IN NS
      SECTION AUTHORITY
      com. IN NS a.gtld-servers.net.
      SECTION ADDITIONAL
      a.gtld-servers.net. IN A 192.5.6.30
      a.gtld-servers.net. IN AAAA 2001:503:a83e::2:30
      elsewhere.example. IN A 192.0.2.1
      ENTRY_END
      RANGE_END

      RANGE_BEGIN 0 100
        ADDRESS 192.5.6.30
        ADDRESS 2001:503:a83e::2:30
      ENTRY_BEGIN
      REPLY QR AA NXDOMAIN
      SECTION QUESTION
      nope.com. IN A
      SECTION AUTHORITY
      com. 900 IN SOA a.gtld-servers.net. nstld.verisign-grs.com. (
              1 1800 900 604800 86400 )
      ENTRY_END
      RANGE_END

      STEP 1 QUERY
      ENTRY_BEGIN
      REPLY RD
      SECTION QUESTION
      nope.com. IN A
      ENTRY_END

      STEP 2 CHECK_ANSWER
      ENTRY_BEGIN
      MATCH all
      REPLY QR RD RA NXDOMAIN
      SECTION QUESTION
      nope.com. IN A
      ENTRY_END

      STEP 3 TIME_PASSES ELAPSE 3600
      SCENARIO_END
      """;

  @Test
  void readsTheConfigTheRangesAndTheSteps() {
    Scenario s = Scenario.parse(SMALL, "small.rpl");

    assertThat(s.description()).isEqualTo("A small walk");
    assertThat(s.config().rootAddresses()).containsExactly(ip("193.0.14.129"));
    assertThat(s.config().qnameMinimisation()).contains(false);
    assertThat(s.config().options()).containsEntry("harden-glue", "on");
    assertThat(s.answers()).hasSize(2);
    assertThat(s.answers().get(0).label()).isEqualTo("small.rpl:10");
    assertThat(s.steps())
        .extracting(Object::toString)
        .containsExactly(
            "STEP 1 QUERY nope.com. A", "STEP 2 CHECK_ANSWER", "STEP 3 TIME_PASSES ELAPSE 3600");
    ExpectedAnswer expected = ((Step.CheckAnswer) s.steps().get(1)).expected();
    assertThat(expected.checks())
        .containsExactlyInAnyOrder(
            Check.OPCODE,
            Check.QTYPE,
            Check.QNAME,
            Check.FLAGS,
            Check.RCODE,
            Check.ANSWER,
            Check.AUTHORITY);
    assertThat(expected.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(expected.flags()).containsExactlyInAnyOrder("QR", "RD", "RA");
  }

  @Test
  void everyServerAddressGetsItsOwnLabAddressAndGlueFollows() {
    Scenario s = Scenario.parse(SMALL, "small.rpl");
    AddressMap map = s.addresses();

    assertThat(map.labAddresses())
        .containsExactly(ip("127.77.0.1"), ip("127.77.0.2"), ip("127.77.0.3"));
    assertThat(map.labAddress(ip("2001:503:a83e::2:30"))).contains(ip("127.77.0.3"));
    assertThat(s.rootHints()).contains("k.root-servers.net.\t3600000\tIN\tA\t127.77.0.1");

    Message referral = s.answers().get(0).replyTo(query("www.example.com.")).orElseThrow();
    assertThat(referral.getSection(Section.ADDITIONAL))
        .filteredOn(r -> r.getType() != Type.OPT)
        .extracting(ScenarioParserTest::address)
        .as("glue to lab servers, IPv6 as IPv4-mapped; other data as written")
        .containsExactly(ip("127.77.0.2"), ip("127.77.0.3"), ip("192.0.2.1"));
    assertThat(referral.getQuestion().getName())
        .as("copy_query")
        .isEqualTo(Name.fromConstantString("www.example.com."));
    Record mappedV6 = referral.getSection(Section.ADDITIONAL).get(1);
    assertThat(map.toScenario(mappedV6)).isInstanceOf(AAAARecord.class);
    assertThat(address(map.toScenario(mappedV6))).isEqualTo(ip("2001:503:a83e::2:30"));
  }

  @Test
  void rangesApplyToTheirServersAndStepsOnly() {
    Scenario s = Scenario.parse(SMALL, "small.rpl");
    Message nope = query("nope.com.");

    assertThat(s.answers().get(1).matches(1, ip("127.77.0.2"), io.rootwalk.testing.Wire.UDP, nope))
        .isTrue();
    assertThat(s.answers().get(1).matches(1, ip("127.77.0.1"), io.rootwalk.testing.Wire.UDP, nope))
        .isFalse();
    assertThat(
            s.answers().get(1).matches(101, ip("127.77.0.2"), io.rootwalk.testing.Wire.UDP, nope))
        .isFalse();
    assertThat(s.answers().get(1).replyTo(nope).orElseThrow().getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void unboundStyleConfigClausesAreUnderstood() {
    String text =
        """
        server:
            qname-minimisation: "yes"
        stub-zone:
            name: "example."
            stub-addr: 192.0.2.53
        stub-zone:
            name: "."
            stub-addr: 193.0.14.129@53  # K.ROOT-SERVERS.NET.
        CONFIG_END
        SCENARIO_BEGIN
        SCENARIO_END
        """;

    Scenario s = Scenario.parse(text, "unbound.rpl");

    assertThat(s.config().rootAddresses()).containsExactly(ip("193.0.14.129"));
    assertThat(s.config().qnameMinimisation()).contains(true);
    assertThat(s.steps()).isEmpty();
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByAddress(org.xbill.DNS.Address.getByAddress(literal).getAddress());
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static InetAddress address(Record r) {
    InetAddress a = r instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) r).getAddress();
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Message query(String name) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
  }

  @Test
  void aMissingFileIsReportedWithoutAStackTraceOfParsing() {
    assertThatThrownBy(() -> Scenario.parse(java.nio.file.Path.of("no/such/file.rpl")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessage("cannot read scenario no/such/file.rpl");
  }
}
