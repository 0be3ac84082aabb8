package io.rootwalk.testing;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One query a {@link ScriptedServer} received, and which scripted answer it got.
 *
 * @param server the address it was sent to
 * @param protocol UDP or TCP
 * @param step the server's step when it arrived
 * @param message the whole parsed query: question, header flags, EDNS
 * @param answer the answer that matched it; empty when none did (the server then sent its {@link
 *     ScriptedServer.Unmatched} reply)
 */
public record ScriptedQuery(
    InetAddress server, Wire protocol, int step, Message message, Optional<ScriptedAnswer> answer) {

  /** Checks that every part is present. */
  public ScriptedQuery {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(answer, "answer");
  }

  /** The first question, absent from a query without one. */
  public Optional<Record> question() {
    return Optional.ofNullable(message.getQuestion());
  }

  /** Whether a scripted answer matched. */
  public boolean matched() {
    return answer.isPresent();
  }

  /** Whether the query had this header flag set (a dnsjava {@code Flags} constant). */
  public boolean hasFlag(int flag) {
    return message.getHeader().getFlag(flag);
  }

  @Override
  public String toString() {
    String asked =
        question().map(q -> q.getName() + " " + Type.string(q.getType())).orElse("(no question)");
    OPTRecord opt = message.getOPT();
    String flags = message.getHeader().printFlags().trim();
    String details =
        (flags.isEmpty() ? "no flags" : flags)
            + (opt != null ? ", EDNS " + opt.getPayloadSize() : "");
    return asked
        + " to "
        + server.getHostAddress()
        + " over "
        + protocol
        + " at step "
        + step
        + " ["
        + details
        + "] -> "
        + answer.map(ScriptedAnswer::label).orElse("no scripted answer");
  }
}
