package io.rootwalk.testing.rpl;

import io.rootwalk.testing.MessageBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One {@code ENTRY_BEGIN} .. {@code ENTRY_END} block as written: what it matches, how it adjusts,
 * the REPLY line and the sections. What it means depends on where it stands (a RANGE, a STEP QUERY
 * or a STEP CHECK_ANSWER).
 *
 * @param line where ENTRY_BEGIN is
 * @param match the MATCH elements, lower case; empty when there is no MATCH line
 * @param adjust the ADJUST elements, lower case; empty when there is no ADJUST line
 * @param opcode the opcode from REPLY, QUERY by default
 * @param rcode the rcode from REPLY, NOERROR by default
 * @param flags the header flags from REPLY (QR AA TC RD RA AD CD), upper case
 * @param dnssecOk whether REPLY has DO
 * @param sections the records of QUESTION, ANSWER, AUTHORITY and ADDITIONAL, by dnsjava section
 */
record Entry(
    int line,
    Optional<Set<String>> match,
    Optional<Set<String>> adjust,
    int opcode,
    int rcode,
    Set<String> flags,
    boolean dnssecOk,
    List<List<Record>> sections) {

  Entry {
    flags = Set.copyOf(flags);
    sections = sections.stream().map(List::copyOf).toList();
  }

  /** The first question, if the entry has a QUESTION section with one. */
  Optional<Record> question() {
    List<Record> questions = sections.get(Section.QUESTION);
    return questions.isEmpty() ? Optional.empty() : Optional.of(questions.get(0));
  }

  List<Record> section(int section) {
    return sections.get(section);
  }

  /** The message this entry describes, exactly as written, with its records as given. */
  Message message(List<List<Record>> records) {
    MessageBuilder builder =
        MessageBuilder.create()
            .opcode(opcode)
            .rcode(rcode)
            .flags(String.join(" ", flags) + (dnssecOk ? " DO" : ""));
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      builder.records(section, records.get(section));
    }
    return builder.build();
  }
}
