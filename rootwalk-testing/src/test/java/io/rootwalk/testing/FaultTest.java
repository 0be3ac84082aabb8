package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/** Each fault, seen from a client on the wire. */
class FaultTest {

  @RegisterExtension final DnsLabExtension extension = DnsLabExtension.of(DemoWorld.world());

  private static final String WWW = "www.example.com.";
  private static final Duration SHORT = Duration.ofMillis(300);

  private LabServer ns1() {
    return extension.get().server(DemoWorld.NS1_EXAMPLE_COM);
  }

  private InetSocketAddress ns1Address() {
    return ns1().socketAddress();
  }

  @Test
  void dropSendsNothing() {
    ns1().fault(Fault.drop());
    assertThatThrownBy(() -> Dig.send(ns1Address(), Dig.query(WWW, Type.A), false, SHORT))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(extension.get().queriesTo(DemoWorld.NS1_EXAMPLE_COM)).hasSize(1);
  }

  @Test
  void delayAnswersLater() {
    ns1().fault(Fault.delay(Duration.ofMillis(80)));
    long start = System.nanoTime();
    Message m = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(80));
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void delayDoesNotHoldUpOtherServers() {
    extension.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.delay(Duration.ofSeconds(5)));
    long start = System.nanoTime();
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getSection(Section.ANSWER)).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void rcodeFaultsAnswerWithEmptySections() {
    for (Fault fault : List.of(Fault.refused(), Fault.servFail(), Fault.rcode(Rcode.NXDOMAIN))) {
      ns1().fault(fault);
      Message m = Dig.udp(ns1Address(), WWW, Type.A);
      int expected = ((Fault.RcodeOnly) fault).rcode();
      assertThat(m.getRcode()).as(fault.toString()).isEqualTo(expected);
      assertThat(m.getQuestion().getName()).isEqualTo(Name.fromConstantString(WWW));
      assertThat(m.getSection(Section.ANSWER)).isEmpty();
      assertThat(m.getSection(Section.AUTHORITY)).isEmpty();
      assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    }
  }

  @Test
  void notAuthoritativeClearsAa() {
    ns1().fault(Fault.notAuthoritative());
    Message m = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void upwardReferralPointsAtTheRoot() {
    ns1().fault(Fault.upwardReferral());
    Message m = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY))
        .allMatch(r -> r.getName().equals(Name.root))
        .extracting(r -> ((NSRecord) r).getTarget().toString())
        .containsExactly("a.root-servers.net.", "b.root-servers.net.");
    assertThat(m.getSection(Section.ADDITIONAL))
        .extracting(r -> r.rdataToString())
        .containsExactly("127.53.0.1", "127.53.0.2");
  }

  @Test
  void garbageStartsWithTheQueryIdAndDoesNotParse() {
    ns1().fault(Fault.garbage());
    Message query = Dig.query(WWW, Type.A);
    List<byte[]> replies = Dig.rawUdp(ns1Address(), query.toWire(), 2, Duration.ofMillis(300));
    assertThat(replies).hasSize(1);
    byte[] reply = replies.get(0);
    assertThat(((reply[0] & 0xFF) << 8) | (reply[1] & 0xFF)).isEqualTo(query.getHeader().getID());
    assertThatThrownBy(() -> new Message(reply)).isInstanceOf(WireParseException.class);
  }

  @Test
  void truncateUdpForcesTcp() {
    ns1().fault(Fault.truncateUdp());
    Message udp = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(udp.getSection(Section.ANSWER)).isEmpty();
    Message tcp = Dig.tcp(ns1Address(), WWW, Type.A);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void dropEdnsIgnoresOnlyEdnsQueries() {
    ns1().fault(Fault.dropEdns());
    assertThatThrownBy(() -> Dig.send(ns1Address(), Dig.ednsQuery(WWW, Type.A, 1232), false, SHORT))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void formErrOnEdnsAnswersLikeAPreEdnsServer() {
    ns1().fault(Fault.formErrOnEdns());
    Message m = Dig.send(ns1Address(), Dig.ednsQuery(WWW, Type.A, 1232), false, SHORT);
    assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(m.getOPT()).isNull();
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void spoofFirstSendsTwoForgeriesBeforeTheRealAnswer() throws Exception {
    ns1().fault(Fault.spoofFirst());
    Message query = Dig.query(WWW, Type.A);
    List<byte[]> replies = Dig.rawUdp(ns1Address(), query.toWire(), 3, Duration.ofMillis(500));
    assertThat(replies).hasSize(3);
    Message wrongId = new Message(replies.get(0));
    Message wrongQuestion = new Message(replies.get(1));
    Message real = new Message(replies.get(2));
    int id = query.getHeader().getID();
    assertThat(wrongId.getHeader().getID()).isNotEqualTo(id);
    assertThat(wrongQuestion.getHeader().getID()).isEqualTo(id);
    assertThat(wrongQuestion.getQuestion().getName()).isNotEqualTo(query.getQuestion().getName());
    assertThat(wrongId.getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo(Fault.SPOOFED_ADDRESS);
    assertThat(real.getHeader().getID()).isEqualTo(id);
    assertThat(real.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("93.184.216.34");
    // TCP is not spoofed.
    assertThat(Dig.tcp(ns1Address(), WWW, Type.A).getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void mutateRewritesTheRealResponse() throws Exception {
    Name victim = Name.fromConstantString("www.example.org.");
    ns1()
        .fault(
            Fault.mutate(
                m -> {
                  m.addRecord(
                      new NSRecord(
                          Name.fromConstantString("org."),
                          DClass.IN,
                          86400,
                          Name.fromConstantString("ns.evil.example.")),
                      Section.AUTHORITY);
                  try {
                    m.addRecord(
                        new ARecord(victim, DClass.IN, 86400, Address.getByAddress("192.0.2.66")),
                        Section.ADDITIONAL);
                  } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                  }
                  return m;
                }));
    Message m = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
    assertThat(m.getSection(Section.AUTHORITY))
        .extracting(r -> r.getName().toString())
        .containsExactly("org.");
    assertThat(m.getSection(Section.ADDITIONAL))
        .extracting(r -> r.getName())
        .containsExactly(victim);
  }

  @Test
  void timesLimitsAFaultAndOnlyUdpSparesTcp() {
    ns1().fault(Fault.refused().times(2));
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(Dig.tcp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.NOERROR);

    ns1().fault(Fault.servFail().onlyUdp());
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(Dig.tcp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void faultsCombineReplaceAndClear() {
    ns1().fault(Fault.delay(Duration.ofMillis(30)), Fault.notAuthoritative());
    Message m = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);

    ns1().fault(Fault.refused());
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    ns1().clearFaults();
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getHeader().getFlag(Flags.AA)).isTrue();
    // Faults are per server.
    ns1().fault(Fault.refused());
    assertThat(Dig.udp(extension.get().address(DemoWorld.NS2_EXAMPLE_COM), WWW, Type.A).getRcode())
        .isEqualTo(Rcode.NOERROR);
  }

  @Test
  void zoneTransfersAreRefusedOverUdpAndTcpWithoutTheFault() throws Exception {
    assertThat(Dig.tcpMessage(ns1Address(), Dig.query("example.com.", Type.AXFR)).getRcode())
        .isEqualTo(Rcode.REFUSED);
    assertThat(Dig.tcpMessage(ns1Address(), Dig.query("example.com.", Type.IXFR)).getRcode())
        .isEqualTo(Rcode.REFUSED);
    assertThat(udpTransfer("example.com.").getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void openZoneTransferSendsTheWholeZoneInOneTcpMessage() {
    ns1().fault(Fault.openZoneTransfer());
    Message m = Dig.tcpMessage(ns1Address(), Dig.query("example.com.", Type.AXFR));
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    List<Record> answer = m.getSection(Section.ANSWER);
    ZoneSpec zone = DemoWorld.world().zone("example.com.").orElseThrow();
    assertThat(answer).hasSize(zone.records().size() + 1);
    assertThat(answer.get(0)).isEqualTo(zone.soa());
    assertThat(answer.get(answer.size() - 1)).isEqualTo(zone.soa());
    // Delegation NS and glue of api.example.com travel with the zone, as in any AXFR.
    assertThat(answer.subList(1, answer.size() - 1))
        .containsExactlyInAnyOrderElementsOf(
            zone.records().stream().filter(r -> r.getType() != Type.SOA).toList());
    // IXFR gets the same full transfer; other queries are untouched.
    assertThat(
            Dig.tcpMessage(ns1Address(), Dig.query("example.com.", Type.IXFR))
                .getSection(Section.ANSWER))
        .hasSize(answer.size());
    assertThat(Dig.udp(ns1Address(), WWW, Type.A).getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void openZoneTransferIsTcpOnlyAndOnlyForServedApexes() throws Exception {
    ns1().fault(Fault.openZoneTransfer());
    assertThat(udpTransfer("example.com.").getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(Dig.tcpMessage(ns1Address(), Dig.query(WWW, Type.AXFR)).getRcode())
        .isEqualTo(Rcode.NOTAUTH);
    assertThat(Dig.tcpMessage(ns1Address(), Dig.query("example.org.", Type.AXFR)).getRcode())
        .isEqualTo(Rcode.NOTAUTH);
    // The first replacing fault decides: a REFUSED server installed first stays closed.
    ns1().fault(Fault.refused(), Fault.openZoneTransfer());
    assertThat(Dig.tcpMessage(ns1Address(), Dig.query("example.com.", Type.AXFR)).getRcode())
        .isEqualTo(Rcode.REFUSED);
  }

  @Test
  void openZoneTransferOfAZoneNearTheTcpLimitArrivesWhole() {
    // ~600 TXT records of ~100 bytes: about 60 KB, many socket writes, still one message.
    StringBuilder text =
        new StringBuilder("@ SOA ns.big.test. h.big.test. 1 3600 900 604800 300\n");
    text.append("@ NS ns\nns A 127.54.0.1\n");
    for (int i = 0; i < 600; i++) {
      text.append("t").append(i).append(" TXT \"").append("x".repeat(90)).append("\"\n");
    }
    World world =
        World.builder()
            .zone("big.test.", text.toString())
            .server("ns.big.test.", "127.54.0.1", "big.test.")
            .build();
    try (DnsLab lab = DnsLab.start(world)) {
      lab.server("ns.big.test.").fault(Fault.openZoneTransfer());
      Message m = Dig.tcpMessage(lab.address("ns.big.test."), Dig.query("big.test.", Type.AXFR));
      assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(m.getSection(Section.ANSWER)).hasSize(world.zones().get(0).records().size() + 1);
      assertThat(m.toWire().length).isBetween(50_000, 65_535);
    }
  }

  @Test
  void openRecursionAnswersItsOwnZonesAuthoritativelyWithRa() {
    ns1().fault(Fault.openRecursion());
    Message m = Dig.udp(ns1Address(), WWW, Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void openRecursionAnswersOtherNamesFromTheWorldLikeAResolver() {
    ns1().fault(Fault.openRecursion());
    Message www = Dig.udp(ns1Address(), "www.example.org.", Type.A);
    assertThat(www.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(www.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(www.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(www.getSection(Section.ANSWER))
        .extracting(Record::rdataToString)
        .containsExactly("192.0.2.100");

    Message missing = Dig.udp(ns1Address(), "nowhere.example.org.", Type.A);
    assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(missing.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(missing.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(missing.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);

    Message noData = Dig.udp(ns1Address(), "www.example.org.", Type.AAAA);
    assertThat(noData.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(noData.getSection(Section.ANSWER)).isEmpty();

    Message tld = Dig.udp(ns1Address(), "org.", Type.SOA);
    assertThat(tld.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    assertThat(tld.getHeader().getFlag(Flags.AA)).isFalse();

    // broken.com is delegated in com. but the world has no such zone: a resolver fails.
    Message broken = Dig.udp(ns1Address(), "www.broken.com.", Type.A);
    assertThat(broken.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(broken.getHeader().getFlag(Flags.RA)).isTrue();
  }

  @Test
  void openRecursionStillRefusesOutsideNamesWithoutRd() {
    ns1().fault(Fault.openRecursion());
    Message query = Dig.query("www.example.org.", Type.A);
    query.getHeader().unsetFlag(Flags.RD);
    Message m = Dig.send(ns1Address(), query, false, SHORT);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    // Without the fault the same RD=1 question is refused, RA clear.
    ns1().clearFaults();
    Message plain = Dig.udp(ns1Address(), "www.example.org.", Type.A);
    assertThat(plain.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(plain.getHeader().getFlag(Flags.RA)).isFalse();
  }

  private Message udpTransfer(String zone) throws Exception {
    List<byte[]> replies =
        Dig.rawUdp(ns1Address(), Dig.query(zone, Type.AXFR).toWire(), 1, Duration.ofSeconds(2));
    assertThat(replies).hasSize(1);
    return new Message(replies.get(0));
  }

  @Test
  void faultValuesAreValidated() {
    assertThatThrownBy(() -> Fault.delay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.drop().times(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.drop()).isEqualTo(Fault.drop());
  }
}
