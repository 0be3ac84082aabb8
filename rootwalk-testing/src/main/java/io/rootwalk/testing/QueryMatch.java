package io.rootwalk.testing;

import java.net.InetAddress;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The conditions of one {@link ScriptedAnswer}, Deckard's MATCH plus its RANGE: every one must
 * hold.
 *
 * @param qname the question name, null for any
 * @param subdomains whether names below {@code qname} match too
 * @param caseSensitive whether the letter case must be the same
 * @param qtype the question type, -1 for any
 * @param opcode the opcode, -1 for any
 * @param protocol the transport, null for either
 * @param servers the server addresses, empty for all
 * @param firstStep the first step, included
 * @param lastStep the last step, included
 */
record QueryMatch(
    @Nullable Name qname,
    boolean subdomains,
    boolean caseSensitive,
    int qtype,
    int opcode,
    @Nullable Wire protocol,
    Set<InetAddress> servers,
    int firstStep,
    int lastStep) {

  QueryMatch {
    servers = Set.copyOf(servers);
  }

  boolean matches(int step, InetAddress server, Wire wire, Message query) {
    if (step < firstStep || step > lastStep) {
      return false;
    }
    if (!servers.isEmpty() && !servers.contains(server)) {
      return false;
    }
    if (protocol != null && protocol != wire) {
      return false;
    }
    if (opcode >= 0 && query.getHeader().getOpcode() != opcode) {
      return false;
    }
    Record question = query.getQuestion();
    if (qtype >= 0 && (question == null || question.getType() != qtype)) {
      return false;
    }
    Name wanted = qname;
    return wanted == null || (question != null && nameMatches(question.getName(), wanted));
  }

  private boolean nameMatches(Name asked, Name qname) {
    if (subdomains) {
      return asked.subdomain(qname);
    }
    // Name.equals ignores case; its text keeps the spelling.
    return caseSensitive ? asked.toString().equals(qname.toString()) : asked.equals(qname);
  }

  String describe() {
    StringBuilder text = new StringBuilder();
    text.append(qname == null ? "any name" : (subdomains ? "at or below " : "") + qname);
    text.append(' ').append(qtype < 0 ? "any type" : Type.string(qtype));
    if (protocol != null) {
      text.append(" over ").append(protocol);
    }
    if (!servers.isEmpty()) {
      text.append(" to ")
          .append(servers.stream().map(InetAddress::getHostAddress).sorted().toList());
    }
    if (firstStep != 0 || lastStep != Integer.MAX_VALUE) {
      text.append(" in steps ").append(firstStep).append('-').append(lastStep);
    }
    return text.toString();
  }
}
