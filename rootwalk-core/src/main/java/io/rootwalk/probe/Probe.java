package io.rootwalk.probe;

import io.rootwalk.Outcome;
import io.rootwalk.ServerAddress;
import io.rootwalk.TraceStep;
import io.rootwalk.spi.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One direct query of a check and what came back: the raw response, for the rules to judge, and the
 * trace step that shows it, for the report's evidence.
 *
 * @param server who was asked
 * @param qname the name asked
 * @param qtype the type asked
 * @param protocol UDP or TCP
 * @param edns whether the query carried an OPT record
 * @param rtt how long it took
 * @param outcome what came back, labelled as the trace labels it
 * @param response the response, when one came and parsed
 * @param step the exchange as the trace shows it; empty for the AXFR attempt, which a {@code
 *     Question} cannot express (a zone transfer is not a lookup), so only its finding tells of it
 */
record Probe(
    ServerAddress server,
    Name qname,
    int qtype,
    Protocol protocol,
    boolean edns,
    Duration rtt,
    Outcome outcome,
    Optional<Message> response,
    Optional<TraceStep.Exchange> step) {

  /** The trace step, as a list for evidence. */
  List<TraceStep> evidence() {
    return step.<List<TraceStep>>map(List::of).orElse(List.of());
  }

  boolean answered() {
    return response.isPresent();
  }

  /** The rcode with EDNS's extended bits (BADVERS is 16); -1 without a response. */
  int rcode() {
    return response.map(Message::getRcode).orElse(-1);
  }

  boolean flag(int flag) {
    return response.map(m -> m.getHeader().getFlag(flag)).orElse(false);
  }

  boolean authoritative() {
    return flag(Flags.AA);
  }

  /** Whether the server turned the EDNS query down (RFC 6891 section 7) rather than answering. */
  boolean ednsRejected() {
    int rcode = rcode();
    return edns && (rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP || rcode == Rcode.BADVERS);
  }

  /** Whether this is a response a server of the zone could give: answered, and EDNS accepted. */
  boolean usable() {
    return answered() && !ednsRejected();
  }

  List<Record> section(int section) {
    return response.map(m -> m.getSection(section)).orElse(List.of());
  }

  /** The records of {@code type} owned by {@code owner} in the answer section. */
  List<Record> answers(Name owner, int type) {
    return section(Section.ANSWER).stream()
        .filter(r -> r.getType() == type && r.getName().equals(owner))
        .toList();
  }

  /** "UDP+EDNS" and the like, for details. */
  String how() {
    return protocol + (edns ? "+EDNS" : "");
  }

  /** What came back, in a few words, for details: "REFUSED", "no response (timeout)". */
  String result() {
    if (response.isEmpty()) {
      if (outcome instanceof Outcome.Unreachable u) {
        return "unreachable (" + u.detail() + ")";
      }
      if (outcome instanceof Outcome.Malformed m) {
        return "a malformed response (" + m.detail() + ")";
      }
      return "no response in " + rtt.toMillis() + " ms";
    }
    Message m = response.get();
    StringBuilder b = new StringBuilder(Rcode.string(m.getRcode()));
    if (m.getHeader().getFlag(Flags.AA)) {
      b.append(" AA");
    }
    if (m.getHeader().getFlag(Flags.RA)) {
      b.append(" RA");
    }
    if (m.getHeader().getFlag(Flags.TC)) {
      b.append(" TC");
    }
    b.append(", ").append(m.getSection(Section.ANSWER).size()).append(" answer records");
    return b.toString();
  }
}
