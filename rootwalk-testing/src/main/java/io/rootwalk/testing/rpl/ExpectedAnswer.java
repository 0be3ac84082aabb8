package io.rootwalk.testing.rpl;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Record;

/**
 * The answer a CHECK_ANSWER step expects, and which parts of it to compare (its MATCH line).
 * Records are as the scenario writes them, addresses unmapped.
 *
 * @param line the ENTRY_BEGIN line
 * @param checks what to compare; {@code opcode qtype qname} when the entry has no MATCH, {@code
 *     question} stands for qname and qtype, {@code all} for everything but the additional section
 * @param opcode the expected opcode (from REPLY)
 * @param rcode the expected rcode (from REPLY)
 * @param flags the expected header flags (from REPLY), upper case
 * @param question the expected question
 * @param answer the expected answer section
 * @param authority the expected authority section
 */
public record ExpectedAnswer(
    int line,
    Set<Check> checks,
    int opcode,
    int rcode,
    Set<String> flags,
    Optional<Record> question,
    List<Record> answer,
    List<Record> authority) {

  /** Copies the collections. */
  public ExpectedAnswer {
    checks = Set.copyOf(checks);
    flags = Set.copyOf(flags);
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
  }

  /** Whether this part is to be compared. */
  public boolean checks(Check check) {
    return checks.contains(check);
  }

  /** One comparable part of an answer, Deckard's MATCH elements. */
  public enum Check {
    /** The opcode. */
    OPCODE,
    /** The question type. */
    QTYPE,
    /** The question name, ignoring case. */
    QNAME,
    /** The question name, case included. */
    QCASE,
    /** The question name is the expected one or below it. */
    SUBDOMAIN,
    /** The header flags. */
    FLAGS,
    /** The rcode. */
    RCODE,
    /** The answer section, as a set (TTLs and owner-name case ignored). */
    ANSWER,
    /** The authority section, as a set. */
    AUTHORITY
  }
}
