package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The answering logic without sockets, against the demo world. */
class AuthoritativeAnswererTest {

  private static final World WORLD = DemoWorld.world();

  private static Message ask(String server, String name, int type) {
    return AuthoritativeAnswerer.forServer(WORLD, server).answer(Dig.query(name, type));
  }

  private static List<String> names(Message m, int section) {
    return m.getSection(section).stream()
        .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .toList();
  }

  @Test
  void rootRefersToComWithSiblingGlueAndNoAa() {
    Message m = ask(DemoWorld.A_ROOT, "www.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(names(m, Section.AUTHORITY))
        .containsExactly("com. NS a.gtld-servers.net.", "com. NS b.gtld-servers.net.");
    assertThat(names(m, Section.ADDITIONAL))
        .containsExactly("a.gtld-servers.net. A 127.53.1.1", "b.gtld-servers.net. A 127.53.1.2");
  }

  @Test
  void comRefersToExampleComWithInDomainGlue() {
    Message m = ask(DemoWorld.A_GTLD, "www.example.com.", Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(names(m, Section.AUTHORITY))
        .containsExactly("example.com. NS ns1.example.com.", "example.com. NS ns2.example.com.");
    assertThat(names(m, Section.ADDITIONAL))
        .containsExactly("ns1.example.com. A 127.53.10.1", "ns2.example.com. A 127.53.10.2");
  }

  @Test
  void outOfBailiwickDelegationAndMissingGlueCarryNoGlue() {
    Message shop = ask(DemoWorld.A_GTLD, "www.shop.com.", Type.A);
    assertThat(names(shop, Section.AUTHORITY)).hasSize(2);
    assertThat(shop.getSection(Section.ADDITIONAL)).isEmpty();
    Message broken = ask(DemoWorld.A_GTLD, "www.broken.com.", Type.A);
    assertThat(names(broken, Section.AUTHORITY)).containsExactly("broken.com. NS ns1.broken.com.");
    assertThat(broken.getSection(Section.ADDITIONAL)).isEmpty();
  }

  @Test
  void primingReturnsRootNsWithAddresses() {
    Message m = ask(DemoWorld.B_ROOT, ".", Type.NS);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(names(m, Section.ANSWER))
        .containsExactly(". NS a.root-servers.net.", ". NS b.root-servers.net.");
    assertThat(names(m, Section.ADDITIONAL))
        .containsExactly("a.root-servers.net. A 127.53.0.1", "b.root-servers.net. A 127.53.0.2");
  }

  @Test
  void authoritativeAnswerIsMinimal() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "www.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(names(m, Section.ANSWER)).containsExactly("www.example.com. A 93.184.216.34");
    assertThat(m.getSection(Section.AUTHORITY)).isEmpty();
    assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(86400);
  }

  @Test
  void mxAnswerCarriesAddressesOfInZoneTargets() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "example.com.", Type.MX);
    assertThat(names(m, Section.ANSWER)).hasSize(2);
    assertThat(names(m, Section.ADDITIONAL)).containsExactly("mail.example.com. A 93.184.216.50");
  }

  @Test
  void nxdomainCarriesSoaWithNegativeTtl() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_NET, "nope.example.net.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    SOARecord soa = (SOARecord) m.getSection(Section.AUTHORITY).get(0);
    assertThat(soa.getName()).isEqualTo(Name.fromConstantString("example.net."));
    assertThat(soa.getTTL()).isEqualTo(300); // min(SOA TTL 3600, minimum 300)
  }

  @Test
  void nodataCarriesSoa() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "www.example.com.", Type.AAAA);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY))
        .singleElement()
        .extracting(Record::getType)
        .isEqualTo(Type.SOA);
  }

  @Test
  void emptyNonTerminalIsNodataNotNxdomain() {
    for (String name : List.of("ent.deep.example.net.", "deep.example.net.")) {
      Message m = ask(DemoWorld.NS1_EXAMPLE_NET, name, Type.A);
      assertThat(m.getRcode()).as(name).isEqualTo(Rcode.NOERROR);
      assertThat(m.getSection(Section.ANSWER)).as(name).isEmpty();
      assertThat(m.getSection(Section.AUTHORITY))
          .as(name)
          .singleElement()
          .extracting(Record::getType)
          .isEqualTo(Type.SOA);
    }
    assertThat(
            ask(DemoWorld.NS1_EXAMPLE_NET, "leaf.ent.deep.example.net.", Type.A)
                .getSection(Section.ANSWER))
        .hasSize(1);
  }

  @Test
  void crossZoneCnameIsAnsweredWithoutFollowing() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "blog.example.com.", Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(names(m, Section.ANSWER))
        .containsExactly("blog.example.com. CNAME example.tumblr.com.");
  }

  @Test
  void inZoneCnameChainIsFollowed() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_NET, "chain.example.net.", Type.A);
    assertThat(names(m, Section.ANSWER))
        .containsExactly(
            "chain.example.net. CNAME alias.example.net.",
            "alias.example.net. CNAME www.example.net.",
            "www.example.net. A 192.0.2.60");
  }

  @Test
  void cnameQueryReturnsTheCnameItself() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_NET, "chain.example.net.", Type.CNAME);
    assertThat(names(m, Section.ANSWER))
        .containsExactly("chain.example.net. CNAME alias.example.net.");
  }

  @Test
  void cnameLoopStops() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_NET, "loop1.example.net.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(names(m, Section.ANSWER))
        .containsExactly(
            "loop1.example.net. CNAME loop2.example.net.",
            "loop2.example.net. CNAME loop1.example.net.");
  }

  @Test
  void wildcardSynthesizesWithQueryNameAsOwner() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_NET, "anything.wild.example.net.", Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(names(m, Section.ANSWER)).containsExactly("anything.wild.example.net. A 192.0.2.50");
    Message nodata = ask(DemoWorld.NS1_EXAMPLE_NET, "anything.wild.example.net.", Type.MX);
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    // The wildcard does not cover names below an existing name other than its parent.
    assertThat(ask(DemoWorld.NS1_EXAMPLE_NET, "x.www.example.net.", Type.A).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void dnameSynthesizesCname() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_NET, "www.org.example.net.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(names(m, Section.ANSWER))
        .containsExactly(
            "org.example.net. DNAME example.org.", "www.org.example.net. CNAME www.example.org.");
  }

  @Test
  void delegationInsideAZoneRefersWithGlue() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "v2.api.example.com.", Type.A);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(names(m, Section.AUTHORITY))
        .containsExactly(
            "api.example.com. NS ns1.api.example.com.", "api.example.com. NS ns2.api.example.com.");
    assertThat(names(m, Section.ADDITIONAL))
        .containsExactly(
            "ns1.api.example.com. A 127.53.11.1", "ns2.api.example.com. A 127.53.11.2");
    // The glue itself is below the cut: asking for it is also a referral, not an answer.
    assertThat(
            ask(DemoWorld.NS1_EXAMPLE_COM, "ns1.api.example.com.", Type.A)
                .getHeader()
                .getFlag(Flags.AA))
        .isFalse();
  }

  @Test
  void dsAtACutIsAnsweredByTheParentSide() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "api.example.com.", Type.DS);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.AUTHORITY))
        .singleElement()
        .extracting(Record::getType)
        .isEqualTo(Type.SOA);
  }

  @Test
  void anyReturnsEveryRrsetAtTheName() {
    Message m = ask(DemoWorld.NS1_EXAMPLE_COM, "example.com.", Type.ANY);
    assertThat(m.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .contains(Type.SOA, Type.NS, Type.A, Type.AAAA, Type.MX, Type.TXT, Type.CAA);
  }

  @Test
  void refusesNamesOutsideItsZonesAndLameServersRefuseEverything() {
    Message outside = ask(DemoWorld.NS1_EXAMPLE_COM, "www.example.org.", Type.A);
    assertThat(outside.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(outside.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(ask(DemoWorld.NS2_LAME, "www.lame.com.", Type.A).getRcode())
        .isEqualTo(Rcode.REFUSED);
  }

  @Test
  void echoesIdQuestionAndRd() {
    Message query = Dig.query("www.example.com.", Type.A);
    query.getHeader().setFlag(Flags.RD);
    Message m = AuthoritativeAnswerer.forServer(WORLD, DemoWorld.NS1_EXAMPLE_COM).answer(query);
    assertThat(m.getHeader().getID()).isEqualTo(query.getHeader().getID());
    assertThat(m.getQuestion()).isEqualTo(query.getQuestion());
    assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
  }

  @Test
  void ednsIsEchoedAndHigherVersionsGetBadvers() {
    AuthoritativeAnswerer answerer =
        AuthoritativeAnswerer.forServer(WORLD, DemoWorld.NS1_EXAMPLE_COM);
    Message m = answerer.answer(Dig.ednsQuery("www.example.com.", Type.A, 4096));
    assertThat(m.getOPT()).isNotNull();
    assertThat(m.getOPT().getPayloadSize()).isEqualTo(1232);
    Message v1 = Dig.query("www.example.com.", Type.A);
    v1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
    Message badvers = answerer.answer(v1);
    assertThat(badvers.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(badvers.getSection(Section.ANSWER)).isEmpty();
    assertThat(answerer.answer(Dig.query("www.example.com.", Type.A)).getOPT()).isNull();
  }

  @Test
  void otherOpcodesAreNotImplemented() {
    Message query = Dig.query("example.com.", Type.SOA);
    query.getHeader().setOpcode(Opcode.NOTIFY);
    Message m = AuthoritativeAnswerer.forServer(WORLD, DemoWorld.NS1_EXAMPLE_COM).answer(query);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOTIMP);
  }
}
