package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.flags;
import static io.rootwalk.server.RawDns.header;
import static io.rootwalk.server.RawDns.opt;
import static io.rootwalk.server.RawDns.question;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What the header alone decides, and the refusal written without a parse. */
class EarlyReplyTest {

  private static final byte[] Q = question("www.example.com", Type.A, DClass.IN);

  /** Bytes no parser would take: any decision made on such a packet came from its header. */
  private static byte[] garbage(int n) {
    byte[] b = new byte[n];
    new Random(53).nextBytes(b);
    return b;
  }

  @Test
  void aPlainQueryHeaderReadsOn() {
    byte[] plain = concat(header(1, flags(false, Opcode.QUERY, true), 1, 0, 0, 0), Q);
    assertThat(EarlyReply.forHeader(plain, plain.length)).isNull();
    byte[] edns =
        concat(header(2, flags(false, Opcode.QUERY, true), 1, 0, 0, 1), Q, opt(1232, 0, 0));
    assertThat(EarlyReply.forHeader(edns, edns.length)).isNull();
  }

  @Test
  void tooShortOrAResponseIsDropped() {
    assertThat(EarlyReply.forHeader(new byte[11], 11)).isSameAs(EarlyReply.DROP);
    byte[] response = concat(header(3, flags(true, Opcode.QUERY, true), 1, 0, 0, 0), Q);
    assertThat(EarlyReply.forHeader(response, response.length)).isSameAs(EarlyReply.DROP);
    assertThat(EarlyReply.refused(response, response.length)).isSameAs(EarlyReply.DROP);
    assertThat(EarlyReply.refused(new byte[4], 4)).isSameAs(EarlyReply.DROP);
  }

  @Test
  void anotherOpcodeIsNotimpWhateverItsBody() throws Exception {
    byte[] update =
        concat(header(0x0abc, flags(false, Opcode.UPDATE, true), 1, 0, 0, 0), garbage(40));

    Message reply = new Message(EarlyReply.forHeader(update, update.length));

    assertThat(reply.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(reply.getHeader().getID()).isEqualTo(0x0abc);
    assertThat(reply.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
    assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(reply.toWire()).hasSize(Header.LENGTH);
  }

  @Test
  void countsNoQueryHasAreFormerrWhateverTheBody() throws Exception {
    int f = flags(false, Opcode.QUERY, true);
    byte[][] packets = {
      concat(header(10, f, 0, 0, 0, 0), garbage(30)), // no question
      concat(header(11, f, 2, 0, 0, 0), garbage(30)), // two (RFC 9619)
      concat(header(12, f, 1, 1, 0, 0), garbage(30)), // an answer record
      concat(header(13, f, 1, 0, 1, 0), garbage(30)), // an authority record
      concat(header(14, f, 1, 0, 0, 3), garbage(30)), // more than OPT and TSIG
    };
    for (byte[] packet : packets) {
      byte[] wire = EarlyReply.forHeader(packet, packet.length);
      Message reply = new Message(wire);
      assertThat(reply.getRcode()).as("id %d", RawDns.id(packet)).isEqualTo(Rcode.FORMERR);
      assertThat(reply.getHeader().getID()).isEqualTo(RawDns.id(packet));
      assertThat(wire).hasSize(Header.LENGTH);
    }
  }

  /**
   * The refusal written on the wire is what dnsjava renders for the same response built as {@link
   * Responses} builds extended errors: echoed question, our payload size, DO echoed, EDE 18.
   */
  @Test
  void theRefusalIsTheMessageResponsesWouldBuildWithRaClear() throws Exception {
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromString("WwW.Example.com."), Type.AAAA, DClass.IN));
    query.getHeader().setID(0x5353);
    query.getHeader().setFlag(Flags.CD);
    query.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    byte[] wire = query.toWire();

    Message expected = Responses.answer(query, Rcode.REFUSED);
    expected.getHeader().unsetFlag(Flags.RA);
    expected.removeAllRecords(Section.ADDITIONAL);
    expected.addRecord(
        new OPTRecord(
            Responses.EDNS_PAYLOAD,
            0,
            0,
            ExtendedFlags.DO,
            new ExtendedErrorCodeOption(ExtendedErrorCodeOption.PROHIBITED)),
        Section.ADDITIONAL);

    assertThat(EarlyReply.refused(wire, wire.length)).isEqualTo(expected.toWire());
    Message parsed = new Message(EarlyReply.refused(wire, wire.length));
    assertThat(parsed.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR))
        .extracting(o -> ((ExtendedErrorCodeOption) o).getErrorCode())
        .containsExactly(ExtendedErrorCodeOption.PROHIBITED);
  }

  @Test
  void aRefusalOfAnUnreadableQuestionIsHeaderOnly() throws Exception {
    byte[] pointer =
        concat(
            header(7, flags(false, Opcode.QUERY, true), 1, 0, 0, 1),
            new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1},
            opt(1232, 0, 0));

    byte[] wire = EarlyReply.refused(pointer, pointer.length);

    assertThat(wire).hasSize(Header.LENGTH);
    Message reply = new Message(wire);
    assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(reply.getHeader().getID()).isEqualTo(7);
    assertThat(reply.getOPT()).as("an OPT only a full parse would find is not looked for").isNull();
  }
}
