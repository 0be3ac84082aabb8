package io.rootwalk.net;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Decides whether some bytes are the response to one particular query.
 *
 * <p>An off-path attacker who wants to poison a resolver floods it with forged responses and wins
 * if one is accepted before the real answer arrives (RFC 5452 section 4). Every check a forgery
 * must pass multiplies the attacker's work, so a response is accepted only if it matches the
 * query's ID and its question (name, type and class) exactly, and the transport keeps waiting when
 * a datagram fails (RFC 5452 section 9.1: "MUST NOT" accept, not "give up"). The source address and
 * port are the transport's job; the ID and question are checked here so UDP and TCP share one
 * definition.
 *
 * <p>When the query name carries upper-case letters the caller is using DNS 0x20 (mixed-case query
 * names as extra entropy), and the name must come back byte for byte: dnsjava's {@link Name#equals}
 * ignores case, which would throw that entropy away. An all-lower-case query name has no such bits,
 * so a server that echoes it in another case is still accepted.
 *
 * <p>Immutable and thread-safe; built on the caller's thread, used on the I/O thread.
 */
final class ResponseMatcher {

  private final int id;
  private final @Nullable Record question;

  /** The query name as sent, case kept, when it carries 0x20 bits; else null. */
  private final byte @Nullable [] exactCaseName;

  ResponseMatcher(Message query) {
    this.id = query.getHeader().getID();
    this.question = query.getQuestion();
    byte[] sent = question == null ? null : question.getName().toWire();
    this.exactCaseName = sent != null && hasUpperCase(sent) ? sent : null;
  }

  int id() {
    return id;
  }

  /** Judges one complete message (a datagram, or a TCP message without its length prefix). */
  Verdict judge(byte[] data) {
    if (data.length < Header.LENGTH) {
      return new Mismatch(data.length + " bytes, shorter than a DNS header");
    }
    int responseId = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    if (responseId != id) {
      return new Mismatch("ID " + responseId + " instead of " + id);
    }
    Message response;
    try {
      response = new Message(data);
    } catch (Exception e) { // WireParseException, or whatever a record parser throws on junk
      return new Unparsable("response with ID " + id + " does not parse: " + e.getMessage(), e);
    }
    if (!response.getHeader().getFlag(Flags.QR)) {
      return new Mismatch("QR bit clear: a query, not a response");
    }
    String questionProblem = questionMismatch(response);
    if (questionProblem != null) {
      return new Mismatch(questionProblem);
    }
    return new Accept(response);
  }

  private @Nullable String questionMismatch(Message response) {
    List<Record> questions = response.getSection(Section.QUESTION);
    Record expected = question;
    if (expected == null) {
      return questions.isEmpty() ? null : "a question the query did not ask";
    }
    if (questions.isEmpty()) {
      // A server that could not parse the query (or does not implement its opcode or EDNS version)
      // may not be able to echo a question. The engine needs exactly these rcodes to decide on
      // EDNS fallback (RFC 6891 section 7), so they are accepted without one.
      // With 0x20 in use the echoed case is part of the proof of origin: a reply without a
      // question would let a spoofer skip it (and, as FORMERR, switch EDNS off for the server).
      int rcode = response.getRcode();
      boolean mayOmit = rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP || rcode == Rcode.BADVERS;
      boolean caseProof = exactCaseName != null;
      return mayOmit && !caseProof
          ? null
          : "no question section (rcode " + Rcode.string(rcode) + ")";
    }
    if (questions.size() != 1) {
      return questions.size() + " questions instead of 1";
    }
    Record actual = questions.get(0);
    if (actual.getType() != expected.getType() || actual.getDClass() != expected.getDClass()) {
      return "question type/class "
          + Type.string(actual.getType())
          + "/"
          + actual.getDClass()
          + " instead of "
          + Type.string(expected.getType())
          + "/"
          + expected.getDClass();
    }
    if (!sameName(expected.getName(), actual.getName())) {
      return "question name " + actual.getName() + " instead of " + expected.getName();
    }
    return null;
  }

  private boolean sameName(Name expected, Name actual) {
    if (!expected.equals(actual)) {
      return false;
    }
    // Name.toWire keeps each byte as it arrived; equals above has already matched the lengths.
    return exactCaseName == null || Arrays.equals(exactCaseName, actual.toWire());
  }

  /**
   * Whether an uncompressed wire name has an ASCII upper-case letter in a label. Length bytes are
   * at most 63, below 'A' (65), so scanning every byte finds only label contents.
   */
  private static boolean hasUpperCase(byte[] wire) {
    for (byte b : wire) {
      if (b >= 'A' && b <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /** The outcome of {@link #judge}. */
  sealed interface Verdict permits Accept, Mismatch, Unparsable {}

  /** The response to our query. */
  record Accept(Message response) implements Verdict {}

  /** Not a response to our query: on UDP a forgery or a stray, to be ignored. */
  record Mismatch(String reason) implements Verdict {}

  /** Our ID, but not a DNS message. */
  record Unparsable(String reason, Exception cause) implements Verdict {}
}
