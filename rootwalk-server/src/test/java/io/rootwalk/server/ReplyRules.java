package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * What any datagram must get from the server, whatever it holds: the fuzz properties' oracle.
 *
 * <ul>
 *   <li>No reply to a response (QR=1), so two servers cannot bounce a packet between them forever,
 *       nor to a packet too short to hold a header (there is no ID to answer to).
 *   <li>A reply to everything else: the query handler answers FORMERR at worst, and returns nothing
 *       only when it caught an exception of its own, so a missing reply is a swallowed bug.
 *   <li>That reply parses, has QR set and the query's ID, echoes the question it read, fits the
 *       client's UDP limit (512 without EDNS, else its size capped at 1232), and does not carry an
 *       "internal error" explanation, the resolver's word for an exception it caught.
 * </ul>
 */
final class ReplyRules {

  private ReplyRules() {}

  /** Checks {@code reply}, what the server sent back to {@code query} over UDP (if anything). */
  static void check(byte[] query, Optional<byte[]> reply) {
    Supplier<String> what = () -> "reply to " + HostileQueries.hex(query);
    if (query.length < WireQuery.HEADER || (query[2] & 0x80) != 0) {
      assertThat(reply)
          .as(() -> what.get() + ": a response or a header-less packet gets none")
          .isEmpty();
      return;
    }
    assertThat(reply)
        .as(() -> what.get() + ": a query with a whole header is answered, FORMERR at worst")
        .isPresent();
    byte[] wire = reply.orElseThrow();
    Message m;
    try {
      m = new Message(wire);
    } catch (IOException e) {
      throw new AssertionError(
          what.get() + ": the reply does not parse: " + HostileQueries.hex(wire), e);
    }
    assertThat(m.getHeader().getFlag(Flags.QR)).as(() -> what.get() + ": QR").isTrue();
    assertThat(m.getHeader().getID()).as(() -> what.get() + ": ID").isEqualTo(RawDns.id(query));
    assertThat(wire.length).as(() -> what.get() + ": size").isLessThanOrEqualTo(udpLimit(query));
    Optional<Message> parsed = parse(query);
    if (m.getQuestion() != null) {
      assertThat(parsed)
          .as(() -> what.get() + ": a question only where the query's parsed")
          .isPresent();
      assertThat(m.getQuestion())
          .as(() -> what.get() + ": question")
          .isEqualTo(parsed.get().getQuestion());
    }
    OPTRecord opt = m.getOPT();
    if (opt != null) {
      for (EDNSOption option : opt.getOptions()) {
        if (option instanceof ExtendedErrorCodeOption ede) {
          assertThat(ede.getText())
              .as(() -> what.get() + ": extended error")
              .doesNotContain("internal error");
        }
      }
    }
  }

  /** As the server computes it: 512 unless the query's OPT (as dnsjava reads it) asks for more. */
  static int udpLimit(byte[] query) {
    Optional<OPTRecord> opt = parse(query).map(Message::getOPT);
    return opt.map(
            o -> Math.max(Reply.MIN_UDP, Math.min(o.getPayloadSize(), Responses.EDNS_PAYLOAD)))
        .orElse(Reply.MIN_UDP);
  }

  private static Optional<Message> parse(byte[] query) {
    try {
      return Optional.of(new Message(query));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
