package io.rootwalk.testing.rpl;

import io.rootwalk.testing.ScriptedAnswer;
import io.rootwalk.testing.Wire;
import io.rootwalk.testing.rpl.ExpectedAnswer.Check;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What an {@link Entry} means where it stands: a scripted answer in a RANGE, the question of a STEP
 * QUERY, the expectation of a STEP CHECK_ANSWER. Deckard's defaults apply: no MATCH line means
 * {@code opcode qtype qname}, no ADJUST line means {@code copy_id}.
 */
final class EntryMeaning {

  private static final Set<String> DEFAULT_MATCH = Set.of("opcode", "qtype", "qname");
  private static final Set<String> DEFAULT_ADJUST = Set.of("copy_id");

  private final RplReader in;
  private final @Nullable AddressMap map;

  /**
   * @param map the scenario's addresses, for scripted answers; null where only queries are read
   */
  EntryMeaning(RplReader in, @Nullable AddressMap map) {
    this.in = in;
    this.map = map;
  }

  /**
   * A RANGE entry as a scripted answer for the range's steps and lab addresses. Its reply is the
   * entry's message with server addresses mapped, and an OPT record exactly when the query has one
   * (Deckard gives every scripted reply the query's EDNS).
   */
  ScriptedAnswer answer(Entry entry, int first, int last, List<InetAddress> servers) {
    Set<String> match = entry.match().orElse(DEFAULT_MATCH);
    Set<String> adjust = entry.adjust().orElse(DEFAULT_ADJUST);
    Optional<Record> question = entry.question();
    boolean byName = has(match, "qname", "qcase", "subdomain", "question");
    boolean byType = has(match, "qtype", "question");
    // Deckard ignores question conditions when the entry has no question to compare with.
    ScriptedAnswer.Builder b =
        question.isPresent() && byName
            ? ScriptedAnswer.forQuery(question.get().getName(), question.get().getType())
            : ScriptedAnswer.forAnyQuery();
    if (question.isPresent() && byType) {
      b.type(question.get().getType());
    } else {
      b.anyType();
    }
    if (question.isPresent() && match.contains("subdomain")) {
      b.subdomains();
    } else if (question.isPresent() && match.contains("qcase")) {
      b.caseSensitive();
    }
    b.opcode(match.contains("opcode") ? entry.opcode() : -1);
    if (match.contains("tcp")) {
      b.over(Wire.TCP);
    } else if (match.contains("udp")) {
      b.over(Wire.UDP);
    }
    b.at(servers).steps(first, last).label(label(entry)).mirrorEdns();
    b.copyId(adjust.contains("copy_id"));
    if (adjust.contains("copy_query")) {
      b.copyQuery();
    }
    if (adjust.contains("do_not_answer")) {
      return b.noReply();
    }
    AddressMap lab = map;
    if (lab == null) {
      throw new IllegalStateException("a scripted reply needs the scenario's address map");
    }
    List<List<Record>> records = new ArrayList<>();
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      records.add(entry.section(section).stream().map(lab::toLab).toList());
    }
    return b.reply(entry.message(records));
  }

  /** A STEP QUERY: the first question, which must be of class IN. */
  Step.Query query(int id, RplLine step, Entry entry) {
    Record question =
        entry
            .question()
            .orElseThrow(
                () ->
                    in.error(
                        entry.line(), "STEP " + id + " QUERY: the ENTRY has no SECTION QUESTION"));
    if (question.getDClass() != DClass.IN) {
      throw in.error(
          entry.line(),
          "STEP "
              + id
              + " QUERY asks class "
              + DClass.string(question.getDClass())
              + ": a lookup is class IN");
    }
    return new Step.Query(id, step.number(), question.getName(), question.getType());
  }

  /** A CHECK_ANSWER entry: the parts its MATCH names, with the REPLY line and sections. */
  static ExpectedAnswer expected(Entry entry) {
    Set<Check> checks = EnumSet.noneOf(Check.class);
    for (String element : entry.match().orElse(DEFAULT_MATCH)) {
      switch (element) {
        case "all" ->
            checks.addAll(
                EnumSet.of(
                    Check.OPCODE,
                    Check.QTYPE,
                    Check.QNAME,
                    Check.FLAGS,
                    Check.RCODE,
                    Check.ANSWER,
                    Check.AUTHORITY));
        case "question" -> checks.addAll(EnumSet.of(Check.QNAME, Check.QTYPE));
        default -> checks.add(Check.valueOf(element.toUpperCase(java.util.Locale.ROOT)));
      }
    }
    return new ExpectedAnswer(
        entry.line(),
        checks,
        entry.opcode(),
        entry.rcode(),
        entry.flags(),
        entry.question(),
        entry.section(Section.ANSWER),
        entry.section(Section.AUTHORITY));
  }

  private String label(Entry entry) {
    Path file = Path.of(in.source()).getFileName();
    return (file != null ? file : in.source()) + ":" + entry.line();
  }

  private static boolean has(Set<String> match, String... elements) {
    for (String element : elements) {
      if (match.contains(element)) {
        return true;
      }
    }
    return false;
  }
}
