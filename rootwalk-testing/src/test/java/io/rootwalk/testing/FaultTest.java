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
  void faultValuesAreValidated() {
    assertThatThrownBy(() -> Fault.delay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.drop().times(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.drop()).isEqualTo(Fault.drop());
  }
}
