package io.rootwalk.iterate;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Rejection;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What the scrubber keeps and drops, one poisoning shape at a time, without sockets. */
class BailiwickScrubberTest {

  private final BailiwickScrubber scrubber = new BailiwickScrubber();

  @Test
  void keepsTheAliasChainInsideTheZoneAndDropsWhatFollowsItOutside() throws IOException {
    Scrubbed s =
        scrub(
            "blog.example.com.",
            Type.A,
            "example.com.",
            answer("blog.example.com. 300 IN CNAME example.tumblr.com."),
            answer("example.tumblr.com. 300 IN A 6.6.6.6"));

    assertThat(s.answer()).extracting(RRset::getType).containsExactly(Type.CNAME);
    assertThat(s.finalName()).hasToString("example.tumblr.com.");
    assertThat(s.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).hasToString("example.tumblr.com.");
              assertThat(r.reason()).contains("out of bailiwick");
            });
  }

  @Test
  void dropsAnswerRecordsForOtherNames() throws IOException {
    Scrubbed s =
        scrub(
            "www.example.com.",
            Type.A,
            "example.com.",
            answer("www.example.com. 300 IN A 192.0.2.1"),
            answer("www.victim.example.com. 300 IN A 6.6.6.6"));

    assertThat(s.answer()).hasSize(1);
    assertThat(s.rejected())
        .extracting(Rejection::reason)
        .containsExactly("not on the alias chain of www.example.com.");
  }

  @Test
  void dropsAuthorityNsForTheParentAndAdditionalForUnrelatedNames() throws IOException {
    Scrubbed s =
        scrub(
            "www.example.com.",
            Type.A,
            "example.com.",
            answer("www.example.com. 300 IN A 192.0.2.1"),
            authority("com. 300 IN NS ns.evil.net."),
            additional("ns.evil.net. 300 IN A 6.6.6.6"),
            additional("www.bank.com. 300 IN A 6.6.6.6"));

    assertThat(s.authority()).isEmpty();
    assertThat(s.additional()).isEmpty();
    assertThat(s.rejected())
        .extracting(Rejection::section)
        .containsExactly(
            Rejection.Section.AUTHORITY,
            Rejection.Section.ADDITIONAL,
            Rejection.Section.ADDITIONAL);
    assertThat(s.rejected().get(0).reason()).startsWith("upward referral");
  }

  @Test
  void keepsReferralGlueOnlyInsideTheReferringZone() throws IOException {
    Scrubbed s =
        scrub(
            "www.shop.com.",
            Type.A,
            "com.",
            authority("shop.com. 300 IN NS ns1.dnshost.net."),
            authority("shop.com. 300 IN NS ns1.shop.com."),
            additional("ns1.dnshost.net. 300 IN A 6.6.6.6"),
            additional("ns1.shop.com. 300 IN A 192.0.2.53"));

    assertThat(s.authority()).hasSize(1);
    assertThat(s.additional())
        .extracting(RRset::getName)
        .extracting(Name::toString)
        .containsExactly("ns1.shop.com.");
    assertThat(s.rejected())
        .singleElement()
        .extracting(Rejection::reason)
        .isEqualTo("out of bailiwick of com.");
  }

  @Test
  void rejectsASidewaysReferral() throws IOException {
    Scrubbed s =
        scrub(
            "www.example.com.",
            Type.A,
            "example.com.",
            authority("other.example.com. 300 IN NS ns.other.example.com."));

    assertThat(s.authority()).isEmpty();
    assertThat(s.rejected())
        .singleElement()
        .extracting(Rejection::reason)
        .asString()
        .startsWith("sideways referral");
  }

  @Test
  void synthesizesTheCnameOfADnameAndRejectsAForgedOne() throws IOException {
    Scrubbed s =
        scrub(
            "a.org.example.net.",
            Type.A,
            "example.net.",
            answer("org.example.net. 300 IN DNAME example.org."),
            answer("a.org.example.net. 300 IN CNAME evil.example.com."));

    assertThat(s.answer()).extracting(RRset::getType).containsExactly(Type.DNAME, Type.CNAME);
    assertThat(s.finalName()).hasToString("a.example.org.");
    assertThat(s.rejected())
        .singleElement()
        .extracting(Rejection::reason)
        .asString()
        .contains("does not match the DNAME substitution");
  }

  @Test
  void stopsAtACnameLoopWithinOneResponse() throws IOException {
    Scrubbed s =
        scrub(
            "loop1.example.net.",
            Type.A,
            "example.net.",
            answer("loop1.example.net. 300 IN CNAME loop2.example.net."),
            answer("loop2.example.net. 300 IN CNAME loop1.example.net."));

    assertThat(s.answer()).hasSize(2);
    assertThat(s.finalName()).hasToString("loop1.example.net.");
  }

  /**
   * What the scrubber keeps of a response to {@code qname}/{@code qtype} from a server of {@code
   * zone}.
   */
  private Scrubbed scrub(String qname, int qtype, String zone, Placed... records)
      throws IOException {
    return scrubber.scrub(response(qname, qtype, records), name(qname), qtype, name(zone));
  }

  private static Name name(String s) throws IOException {
    return Name.fromString(s);
  }

  private record Placed(int section, Record record) {}

  private static Placed answer(String text) throws IOException {
    return new Placed(Section.ANSWER, parse(text));
  }

  private static Placed authority(String text) throws IOException {
    return new Placed(Section.AUTHORITY, parse(text));
  }

  private static Placed additional(String text) throws IOException {
    return new Placed(Section.ADDITIONAL, parse(text));
  }

  private static Record parse(String text) throws IOException {
    String[] f = text.split("\\s+", 5);
    return Record.fromString(
        Name.fromString(f[0]), Type.value(f[3]), DClass.IN, Long.parseLong(f[1]), f[4], Name.root);
  }

  private static Message response(String qname, int qtype, Placed... records) throws IOException {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(qname), qtype, DClass.IN));
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    for (Placed p : List.of(records)) {
      m.addRecord(p.record(), p.section());
    }
    return m;
  }
}
