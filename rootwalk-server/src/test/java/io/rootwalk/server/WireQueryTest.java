package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.flags;
import static io.rootwalk.server.RawDns.header;
import static io.rootwalk.server.RawDns.opt;
import static io.rootwalk.server.RawDns.question;
import static io.rootwalk.server.RawDns.u16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The fast path's reader takes plain queries only; everything else is left to the full path, so
 * that its FORMERR, NOTIMP, BADVERS and REFUSED answers stay as they are.
 */
class WireQueryTest {

  private static final int QUERY_RD = flags(false, Opcode.QUERY, true);

  private static byte[] plain(String name) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
  }

  private static byte[] withOpt(String name, OPTRecord opt) throws Exception {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    m.addRecord(opt, Section.ADDITIONAL);
    return m.toWire();
  }

  private static WireQuery read(byte[] packet) {
    return WireQuery.read(packet, packet.length);
  }

  @Test
  void aPlainQueryIsReadWithItsNameAndTheClassicUdpLimit() throws Exception {
    WireQuery query = read(plain("www.example.com."));

    assertThat(query).isNotNull();
    assertThat(query.nameLength()).isEqualTo(17);
    assertThat(query.udpLimit()).isEqualTo(512);
  }

  @Test
  void anEdnsQueryGetsItsSizeCappedBetween512And1232() throws Exception {
    assertThat(read(withOpt("a.example.", new OPTRecord(4096, 0, 0))).udpLimit()).isEqualTo(1232);
    assertThat(read(withOpt("a.example.", new OPTRecord(800, 0, 0))).udpLimit()).isEqualTo(800);
    assertThat(read(withOpt("a.example.", new OPTRecord(100, 0, 0))).udpLimit()).isEqualTo(512);
  }

  @Test
  void theKeyIgnoresCaseAndIdButNotRdCdEdnsDoOrAd() throws Exception {
    byte[] lower = plain("www.example.com.");
    byte[] mixed = plain("WwW.eXaMpLe.CoM.");
    mixed[0] = (byte) (lower[0] + 1);
    assertThat(read(mixed).key()).isEqualTo(read(lower).key());

    byte[] noRd = lower.clone();
    noRd[2] &= ~0x01;
    byte[] cd = lower.clone();
    cd[3] |= 0x10;
    byte[] ad = lower.clone();
    ad[3] |= 0x20; // dig sets AD in queries (RFC 6840 section 5.7): a secure reply says AD then
    byte[] edns = withOpt("www.example.com.", new OPTRecord(1232, 0, 0));
    byte[] dnssecOk = withOpt("www.example.com.", new OPTRecord(1232, 0, 0, ExtendedFlags.DO));
    assertThat(
            List.of(
                read(noRd).key(),
                read(cd).key(),
                read(ad).key(),
                read(edns).key(),
                read(dnssecOk).key()))
        .doesNotContain(read(lower).key())
        .doesNotHaveDuplicates();
  }

  @Test
  void withDoSetTheAdBitOfTheQueryChangesNothingAndSoNotTheKey() throws Exception {
    byte[] dnssecOk = withOpt("www.example.com.", new OPTRecord(1232, 0, 0, ExtendedFlags.DO));
    byte[] dnssecOkAd = dnssecOk.clone();
    dnssecOkAd[3] |= 0x20;

    assertThat(read(dnssecOkAd).key()).isEqualTo(read(dnssecOk).key());
  }

  @Test
  void theKeyDiffersByTypeAndName() throws Exception {
    byte[] a = plain("www.example.com.");
    byte[] aaaa =
        Message.newQuery(
                Record.newRecord(Name.fromString("www.example.com."), Type.AAAA, DClass.IN))
            .toWire();
    assertThat(read(aaaa).key()).isNotEqualTo(read(a).key());
    assertThat(read(plain("www.example.org.")).key()).isNotEqualTo(read(a).key());
  }

  @Test
  void aCookieOrPaddingIsAcceptedBecauseTheReplyDoesNotEchoThem() throws Exception {
    List<EDNSOption> cookie = List.of(new CookieOption(new byte[8]));
    assertThat(read(withOpt("a.example.", new OPTRecord(1232, 0, 0, 0, cookie)))).isNotNull();
  }

  @Test
  void unusualQueriesAreLeftToTheFullPath() throws Exception {
    byte[] q = question("www.example.com", Type.A, DClass.IN);
    byte[] ok = concat(header(1, QUERY_RD, 1, 0, 0, 0), q);
    assertThat(read(ok)).as("the baseline is accepted").isNotNull();

    byte[] pointer = concat(header(1, QUERY_RD, 1, 0, 0, 0), new byte[] {(byte) 0xC0, 12});
    byte[] longLabel = concat(header(1, QUERY_RD, 1, 0, 0, 0), new byte[] {64}, new byte[64]);
    StringBuilder tooLong = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      tooLong.append("a".repeat(60)).append('.');
    }
    byte[] overlongName =
        concat(header(1, QUERY_RD, 1, 0, 0, 0), question(tooLong.toString(), Type.A, DClass.IN));
    List<byte[]> unusual =
        List.of(
            concat(header(1, flags(true, Opcode.QUERY, true), 1, 0, 0, 0), q), // a response
            concat(header(1, flags(false, Opcode.NOTIFY, true), 1, 0, 0, 0), q),
            concat(header(1, QUERY_RD | 0x0200, 1, 0, 0, 0), q), // TC in a query
            concat(header(1, QUERY_RD | 0x0040, 1, 0, 0, 0), q), // the Z bit
            concat(header(1, QUERY_RD, 2, 0, 0, 0), q, q),
            concat(header(1, QUERY_RD, 0, 0, 0, 0)),
            concat(header(1, QUERY_RD, 1, 1, 0, 0), q),
            concat(header(1, QUERY_RD, 1, 0, 1, 0), q),
            concat(header(1, QUERY_RD, 1, 0, 0, 2), q, opt(1232, 0, 0), opt(1232, 0, 0)),
            concat(header(1, QUERY_RD, 1, 0, 0, 1), q, opt(1232, 1, 0)), // EDNS version 1
            concat(header(1, QUERY_RD, 1, 0, 0, 1), q, opt(1232, 0, 0x4000)), // unknown flag
            concat(header(1, QUERY_RD, 1, 0, 0, 1), q), // ARCOUNT 1, nothing there
            concat(header(1, QUERY_RD, 1, 0, 0, 0), q, new byte[] {0}), // trailing byte
            concat(header(1, QUERY_RD, 1, 0, 0, 0), question("example.com", Type.AXFR, 1)),
            concat(header(1, QUERY_RD, 1, 0, 0, 0), question("example.com", Type.OPT, 1)),
            concat(header(1, QUERY_RD, 1, 0, 0, 0), question("example.com", Type.A, DClass.CH)),
            pointer,
            longLabel,
            overlongName,
            java.util.Arrays.copyOf(ok, ok.length - 1), // cut inside the question
            java.util.Arrays.copyOf(ok, 11));
    for (byte[] packet : unusual) {
      assertThat(read(packet)).as(java.util.Arrays.toString(packet)).isNull();
    }

    byte[] nsid =
        withOpt("a.example.", new OPTRecord(1232, 0, 0, 0, List.of(new NSIDOption(new byte[0]))));
    assertThat(read(nsid)).as("an option the reply would have to answer").isNull();
    byte[] badCookie = concat(header(1, QUERY_RD, 1, 0, 0, 1), q, cookieOpt(5));
    assertThat(read(badCookie)).as("a cookie of a length RFC 7873 does not allow").isNull();
  }

  @Test
  void whatTheReaderAcceptsTheFullPathParsesAsTheSameOneQuestionQuery() throws Exception {
    java.util.Random random = new java.util.Random(0x20);
    byte[][] seeds = {
      plain("www.example.com."),
      withOpt("mail.example.org.", new OPTRecord(1232, 0, 0, ExtendedFlags.DO)),
      withOpt("a.b.", new OPTRecord(512, 0, 0, 0, List.of(new CookieOption(new byte[8]))))
    };
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] packet = seeds[i % seeds.length].clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
      }
      int length = random.nextInt(8) == 0 ? random.nextInt(packet.length + 1) : packet.length;
      WireQuery query = WireQuery.read(packet, length);
      if (query == null) {
        continue;
      }
      accepted++;
      Message parsed = new Message(java.util.Arrays.copyOf(packet, length));
      assertThat(parsed.getHeader().getCount(Section.QUESTION)).isEqualTo(1);
      assertThat(parsed.getSection(Section.ADDITIONAL)).hasSizeLessThanOrEqualTo(1);
      if (parsed.getOPT() != null) {
        assertThat(parsed.getOPT().getVersion()).isZero();
      }
      assertThat(query.nameLength()).isEqualTo(parsed.getQuestion().getName().length());
    }
    assertThat(accepted).as("mutations the reader still takes").isPositive();
  }

  /**
   * An OPT holding one COOKIE option of {@code length} bytes (dnsjava refuses to build a bad one).
   */
  private static byte[] cookieOpt(int length) {
    return concat(
        new byte[] {0},
        u16(Type.OPT),
        u16(1232),
        new byte[] {0, 0},
        u16(0),
        u16(4 + length),
        u16(10),
        u16(length),
        new byte[length]);
  }
}
