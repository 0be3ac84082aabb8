package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The scripted server through its Java API, over real loopback sockets. */
class ScriptedServerTest {

  private static final String ONE = "127.77.250.1";
  private static final String TWO = "127.77.250.2";

  private ScriptedServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ScriptedServer start(ScriptedServer.Builder builder) {
    server = builder.start();
    return server;
  }

  private static Message lame() {
    // Everything a real server would never send together: RA without AA, NXDOMAIN with an answer,
    // an upward referral to the root and an SOA of the wrong zone.
    return MessageBuilder.create()
        .flags("QR RA")
        .rcode(Rcode.NXDOMAIN)
        .question("www.example.com.", Type.A)
        .answer("www.example.com. 60 IN A 192.0.2.7")
        .authority(". 518400 IN NS a.root-servers.net.", "org. 900 IN SOA a0.org. h.org. 1 2 3 4 5")
        .build();
  }

  @Test
  void repliesWithExactlyTheScriptedMessageAndRecordsTheQuery() {
    start(
        ScriptedServer.builder()
            .answer(
                ScriptedAnswer.forQuery("www.example.com.", Type.A)
                    .at(ONE)
                    .label("lame")
                    .reply(lame())));
    Message query = Dig.query("www.example.com.", Type.A);

    Message reply = Dig.send(server.socketAddress(ONE), query, false, Duration.ofSeconds(2));

    assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
    assertThat(reply.getHeader().printFlags().trim()).isEqualTo("qr ra");
    assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(reply.getSection(Section.ANSWER)).isEqualTo(lame().getSection(Section.ANSWER));
    assertThat(reply.getSection(Section.AUTHORITY)).isEqualTo(lame().getSection(Section.AUTHORITY));
    assertThat(reply.getOPT()).as("nothing added").isNull();
    assertThat(server.queries())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.server()).isEqualTo(InetAddress.getByName(ONE));
              assertThat(q.protocol()).isEqualTo(Wire.UDP);
              assertThat(q.step()).isZero();
              assertThat(q.hasFlag(Flags.RD)).isTrue();
              assertThat(q.question().orElseThrow().getName())
                  .isEqualTo(Name.fromConstantString("www.example.com."));
              assertThat(q.answer().orElseThrow().label()).isEqualTo("lame");
              assertThat(q.toString()).contains("www.example.com. A to " + ONE, "-> lame");
            });
  }

  @Test
  void copiesTheIdAndTheNamesSpellingUnlessToldNot() {
    start(
        ScriptedServer.builder()
            .answer(ScriptedAnswer.forQuery("a.example.", Type.A).at(ONE).reply(lame()))
            .answer(
                ScriptedAnswer.forQuery("b.example.", Type.A).at(ONE).copyId(false).reply(lame()))
            .answer(
                ScriptedAnswer.forQuery("c.example.", Type.A).at(ONE).copyQuery().reply(lame())));

    Message a = Dig.send(server.socketAddress(ONE), Dig.query("A.eXample.", Type.A), false, secs());
    assertThat(a.getQuestion().getName().toString()).isEqualTo("A.eXample.");
    assertThat(a.getQuestion().getType()).as("the template's type stays").isEqualTo(Type.A);

    Message b = Dig.query("b.example.", Type.A);
    b.getHeader().setID(0x1234);
    List<byte[]> raw = Dig.rawUdp(server.socketAddress(ONE), b.toWire(), 1, Duration.ofSeconds(1));
    assertThat(raw)
        .singleElement()
        .satisfies(
            r -> assertThat(new Message(r).getHeader().getID()).as("the template's ID").isZero());

    Message c = Dig.send(server.socketAddress(ONE), Dig.query("c.example.", Type.A), false, secs());
    assertThat(c.getSection(Section.QUESTION))
        .singleElement()
        .satisfies(q -> assertThat(q.getName().toString()).isEqualTo("c.example."));
  }

  @Test
  void aRangeOfStepsChangesTheAnswerAndUnmatchedQueriesGetServfail() {
    start(
        ScriptedServer.builder()
            .address(ONE)
            .answer(address("192.0.2.1").steps(0, 4).reply(answer("192.0.2.1")))
            .answer(address("192.0.2.2").steps(5, 9).reply(answer("192.0.2.2"))));

    assertThat(ask()).isEqualTo("192.0.2.1");
    server.step(5);
    assertThat(ask()).isEqualTo("192.0.2.2");
    server.step(10);
    Message late = Dig.udp(server.socketAddress(ONE), "www.example.com.", Type.A);

    assertThat(late.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(late.getQuestion().getName()).isEqualTo(Name.fromConstantString("www.example.com."));
    assertThat(server.unmatchedQueries())
        .singleElement()
        .satisfies(q -> assertThat(q.step()).isEqualTo(10));
    assertThat(server.queries()).hasSize(3);
  }

  @Test
  void answersCanBeLimitedToOneServerAndOneTransport() {
    Message truncated =
        MessageBuilder.create().flags("QR AA TC").question("www.example.com.", Type.A).build();
    start(
        ScriptedServer.builder()
            .address(ONE, TWO)
            .answer(address("192.0.2.9").at(TWO).reply(answer("192.0.2.9")))
            .answer(address("x").over(Wire.TCP).reply(answer("192.0.2.1")))
            .answer(address("x").over(Wire.UDP).reply(truncated)));

    assertThat(
            Dig.udp(server.socketAddress(ONE), "www.example.com.", Type.A)
                .getHeader()
                .getFlag(Flags.TC))
        .isTrue();
    assertThat(
            Dig.tcp(server.socketAddress(ONE), "www.example.com.", Type.A)
                .getSection(Section.ANSWER))
        .hasSize(1);
    assertThat(
            Dig.udp(server.socketAddress(TWO), "www.example.com.", Type.A)
                .getSection(Section.ANSWER)
                .get(0)
                .rdataToString())
        .isEqualTo("192.0.2.9");
    assertThat(server.queries())
        .extracting(ScriptedQuery::protocol)
        .containsExactly(Wire.UDP, Wire.TCP, Wire.UDP);
  }

  @Test
  void aSubdomainMatchWithAnyTypeCoversEveryNameBelow() {
    Message referral =
        MessageBuilder.create()
            .flags("QR")
            .authority("com. 172800 IN NS a.gtld-servers.net.")
            .additional("a.gtld-servers.net. 172800 IN A " + TWO)
            .build();
    start(
        ScriptedServer.builder()
            .address(ONE)
            .answer(
                ScriptedAnswer.forQuery("com.", Type.NS)
                    .subdomains()
                    .anyType()
                    .copyQuery()
                    .reply(referral)));

    Message m = Dig.udp(server.socketAddress(ONE), "www.example.com.", Type.MX);
    Message outside = Dig.udp(server.socketAddress(ONE), "example.org.", Type.MX);

    assertThat(m.getQuestion().getType()).isEqualTo(Type.MX);
    assertThat(m.getSection(Section.AUTHORITY)).hasSize(1);
    assertThat(outside.getRcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void silenceIsScriptableForOneAnswerOrForEverythingUnmatched() {
    start(
        ScriptedServer.builder()
            .address(ONE)
            .answer(ScriptedAnswer.forQuery("quiet.example.", Type.A).noReply())
            .unmatched(ScriptedServer.Unmatched.DROP));
    byte[] quiet = Dig.query("quiet.example.", Type.A).toWire();
    byte[] other = Dig.query("other.example.", Type.A).toWire();

    assertThat(Dig.rawUdp(server.socketAddress(ONE), quiet, 1, Duration.ofMillis(300))).isEmpty();
    assertThat(Dig.rawUdp(server.socketAddress(ONE), other, 1, Duration.ofMillis(300))).isEmpty();
    assertThat(server.queries()).extracting(ScriptedQuery::matched).containsExactly(true, false);
  }

  @Test
  void mirroredEdnsFollowsTheQuery() {
    start(
        ScriptedServer.builder()
            .answer(address("192.0.2.1").at(ONE).mirrorEdns().reply(answer("192.0.2.1"))));
    Message withDo = Dig.ednsQuery("www.example.com.", Type.A, 1232);
    withDo.removeAllRecords(Section.ADDITIONAL);
    withDo.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);

    Message edns = Dig.send(server.socketAddress(ONE), withDo, false, secs());
    Message plain = Dig.udp(server.socketAddress(ONE), "www.example.com.", Type.A);

    assertThat(edns.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    assertThat(edns.getOPT().getPayloadSize()).isEqualTo(4096);
    assertThat(plain.getOPT()).isNull();
  }

  @Test
  void onlyLoopbackAddressesAreServed() {
    assertThatThrownBy(() -> ScriptedServer.builder().address("192.0.2.1").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> ScriptedServer.builder().start())
        .hasMessageContaining("no server address");
    assertThatThrownBy(() -> ScriptedServer.builder().address("ns1.example.com"))
        .hasMessageContaining("not an IP address");
  }

  @Test
  void theMessageBuilderWritesFlagsAndExtendedRcodes() {
    Message badvers = MessageBuilder.create().flags("qr", "DO").rcode(Rcode.BADVERS).build();

    assertThat(badvers.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(badvers.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(badvers.getOPT().getFlags() & ExtendedFlags.DO).isNotZero();
    assertThatThrownBy(() -> MessageBuilder.create().flags("QR XX"))
        .hasMessageContaining("'XX' is not a header flag");
    assertThatThrownBy(() -> MessageBuilder.create().answer("www.example.com. IN A not-an-address"))
        .hasMessageStartingWith("cannot parse record 'www.example.com. IN A not-an-address'");
  }

  private static ScriptedAnswer.Builder address(String label) {
    return ScriptedAnswer.forQuery("www.example.com.", Type.A).label(label);
  }

  private static Message answer(String address) {
    return MessageBuilder.create()
        .flags("QR AA")
        .question("www.example.com.", Type.A)
        .answer("www.example.com. 300 IN A " + address)
        .build();
  }

  private String ask() {
    return Dig.udp(server.socketAddress(ONE), "www.example.com.", Type.A)
        .getSection(Section.ANSWER)
        .get(0)
        .rdataToString();
  }

  private static Duration secs() {
    return Duration.ofSeconds(2);
  }
}
