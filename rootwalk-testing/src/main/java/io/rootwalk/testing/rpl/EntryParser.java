package io.rootwalk.testing.rpl;

import io.rootwalk.testing.MessageBuilder;
import io.rootwalk.testing.Records;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Reads one ENTRY block; what it may contain depends on where it stands. */
final class EntryParser {

  /** Where an entry stands, and so which MATCH and ADJUST elements mean something there. */
  enum Use {
    /** A scripted answer in a RANGE: MATCH says which queries it answers. */
    RANGE(
        "a RANGE entry",
        "a server matches on the query's question, opcode and transport",
        Set.of("opcode", "qtype", "qname", "qcase", "subdomain", "question", "tcp", "udp"),
        Set.of("copy_id", "copy_query", "do_not_answer")),
    /** The query of a STEP QUERY: only its question counts. */
    QUERY("a STEP QUERY entry", "", Set.of(), Set.of()),
    /** The expected answer of a STEP CHECK_ANSWER, compared with a Resolution. */
    CHECK(
        "a CHECK_ANSWER entry",
        "a Resolution has no additional section or EDNS to compare",
        Set.of(
            "opcode",
            "qtype",
            "qname",
            "qcase",
            "subdomain",
            "question",
            "flags",
            "rcode",
            "answer",
            "authority",
            "all"),
        Set.of());

    final String what;
    final String why;
    final Set<String> match;
    final Set<String> adjust;

    Use(String what, String why, Set<String> match, Set<String> adjust) {
      this.what = what;
      this.why = why;
      this.match = match;
      this.adjust = adjust;
    }
  }

  private static final List<String> SECTIONS =
      List.of("QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL");

  /** Lines that end an entry or start a part of it, so never the rest of a record. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "ENTRY_END",
          "ENTRY_BEGIN",
          "MATCH",
          "ADJUST",
          "REPLY",
          "SECTION",
          "RANGE_END",
          "STEP",
          "SCENARIO_END");

  private final RplReader in;
  private final Use use;
  private final RplLine begin;
  private Optional<Set<String>> match = Optional.empty();
  private Optional<Set<String>> adjust = Optional.empty();
  private int opcode = Opcode.QUERY;
  private int rcode = Rcode.NOERROR;
  private final Set<String> flags = new LinkedHashSet<>();
  private boolean dnssecOk;
  private final List<List<Record>> sections =
      List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  private int section = -1;

  private EntryParser(RplReader in, Use use, RplLine begin) {
    this.in = in;
    this.use = use;
    this.begin = begin;
  }

  /** Reads from the line after {@code begin} (an ENTRY_BEGIN) to its ENTRY_END. */
  static Entry parse(RplReader in, RplLine begin, Use use) {
    return new EntryParser(in, use, begin).read();
  }

  private Entry read() {
    while (true) {
      RplLine line = in.next("ENTRY_END for the ENTRY_BEGIN on line " + begin.number());
      switch (line.keyword()) {
        case "ENTRY_END" -> {
          return new Entry(begin.number(), match, adjust, opcode, rcode, flags, dnssecOk, sections);
        }
        case "MATCH" -> match = Optional.of(elements(line, "MATCH", use.match, use != Use.QUERY));
        case "ADJUST" ->
            adjust = Optional.of(elements(line, "ADJUST", use.adjust, use == Use.RANGE));
        case "REPLY" -> reply(line);
        case "SECTION" -> section = section(line);
        case "MANDATORY" -> {
          // Deckard fails a test whose mandatory entry never fired; the query log shows it here.
        }
        case "ENTRY_BEGIN", "RANGE_BEGIN", "RANGE_END", "STEP", "SCENARIO_END" ->
            throw in.error(
                line, "ENTRY_BEGIN on line " + begin.number() + " has no ENTRY_END before this");
        case "RAW", "TSIG", "EXTRA_PACKET", "HEX_ANSWER_BEGIN", "HEX_EDNSDATA_BEGIN" ->
            throw in.error(line, line.keyword() + " is not supported in scenarios replayed here");
        default -> record(line);
      }
    }
  }

  /**
   * MATCH or ADJUST elements: checked against what {@code use} supports when {@code checked},
   * ignored (but still read) where they mean nothing.
   */
  private Set<String> elements(RplLine line, String keyword, Set<String> known, boolean checked) {
    Set<String> elements = new LinkedHashSet<>();
    for (String token : line.arguments()) {
      String element = token.toLowerCase(Locale.ROOT);
      if (checked && !known.contains(element)) {
        throw in.error(
            line,
            keyword
                + " "
                + token
                + " is not supported in "
                + use.what
                + (keyword.equals("MATCH") ? ": " + use.why : "")
                + (known.isEmpty() ? "" : " (supported: " + String.join(" ", sorted(known)) + ")"));
      }
      elements.add(element);
    }
    return elements;
  }

  /** REPLY: header flags, DO, at most one opcode and at most one rcode, in any order. */
  private void reply(RplLine line) {
    boolean sawRcode = false;
    boolean sawOpcode = false;
    for (String token : line.arguments()) {
      String upper = token.toUpperCase(Locale.ROOT);
      if (MessageBuilder.headerFlag(upper) >= 0) {
        flags.add(upper);
      } else if (upper.equals("DO")) {
        dnssecOk = true;
      } else if (Opcode.value(upper) >= 0 && !isNumber(upper)) {
        if (sawOpcode) {
          throw in.error(line, "REPLY gives more than one opcode");
        }
        sawOpcode = true;
        opcode = Opcode.value(upper);
      } else if (Rcode.value(upper) >= 0 && !isNumber(upper)) {
        if (sawRcode) {
          throw in.error(line, "REPLY gives more than one rcode");
        }
        sawRcode = true;
        rcode = Rcode.value(upper);
      } else {
        throw in.error(
            line,
            "REPLY "
                + token
                + " is neither a flag (QR AA TC RD RA AD CD DO), an rcode (NOERROR NXDOMAIN"
                + " SERVFAIL ...) nor an opcode (QUERY NOTIFY ...)");
      }
    }
  }

  private int section(RplLine line) {
    List<String> args = line.arguments();
    String name = args.size() == 1 ? args.get(0).toUpperCase(Locale.ROOT) : "";
    int index = SECTIONS.indexOf(name);
    if (index < 0) {
      throw in.error(
          line,
          "SECTION needs one of QUESTION ANSWER AUTHORITY ADDITIONAL, found '" + line.text() + "'");
    }
    return index;
  }

  /** A record of the current section; parentheses may carry it over several lines. */
  private void record(RplLine line) {
    if (section < 0) {
      throw in.error(
          line,
          "expected MATCH, ADJUST, REPLY, SECTION or ENTRY_END, found '" + line.first() + "'");
    }
    StringBuilder text = new StringBuilder(line.text());
    while (depth(text) > 0) {
      RplLine more = in.peek();
      if (more == null || KEYWORDS.contains(more.keyword())) {
        throw in.error(
            line, "SECTION " + SECTIONS.get(section) + ": the record's '(' is never closed");
      }
      text.append(' ').append(in.next("')'").text());
    }
    try {
      Record record =
          section == Section.QUESTION
              ? Records.question(text.toString())
              : Records.parse(text.toString());
      sections.get(section).add(record);
    } catch (IllegalArgumentException e) {
      throw in.error(line, "SECTION " + SECTIONS.get(section) + ": " + e.getMessage());
    }
  }

  private static int depth(CharSequence text) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
    }
    return depth;
  }

  private static boolean isNumber(String token) {
    return token.chars().allMatch(Character::isDigit);
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }
}
