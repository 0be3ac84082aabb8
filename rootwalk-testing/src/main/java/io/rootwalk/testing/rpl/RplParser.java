package io.rootwalk.testing.rpl;

import io.rootwalk.testing.ScriptedAnswer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * Reads a whole scenario: CONFIG, then {@code SCENARIO_BEGIN}, RANGE blocks and STEPs in any order,
 * then {@code SCENARIO_END}. The entries are read by {@link EntryParser}, given their meaning by
 * {@link EntryMeaning}; the addresses are mapped once every server address is known, since glue may
 * name a server whose RANGE comes later.
 */
final class RplParser {

  /** A RANGE block as read: steps, server addresses as written, entries. */
  private record Range(
      int line, int first, int last, List<InetAddress> addresses, List<Entry> entries) {}

  private final RplReader in;
  private final List<Range> ranges = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private int lastStep = -1;

  private RplParser(RplReader in) {
    this.in = in;
  }

  static Scenario parse(String text, String source) {
    return new RplParser(new RplReader(text, source)).read();
  }

  private Scenario read() {
    ScenarioConfig config = ConfigParser.parse(in);
    RplLine begin = in.next("SCENARIO_BEGIN");
    if (!begin.keyword().equals("SCENARIO_BEGIN")) {
      throw in.error(
          begin, "expected SCENARIO_BEGIN after CONFIG_END, found '" + begin.text() + "'");
    }
    while (true) {
      RplLine line = in.next("SCENARIO_END");
      switch (line.keyword()) {
        case "RANGE_BEGIN" -> ranges.add(range(line));
        case "STEP" -> step(line).ifPresent(steps::add);
        case "SCENARIO_END" -> {
          RplLine after = in.peek();
          if (after != null) {
            throw in.error(after, "text after SCENARIO_END");
          }
          return scenario(begin, config);
        }
        default ->
            throw in.error(
                line, "expected RANGE_BEGIN, STEP or SCENARIO_END, found '" + line.first() + "'");
      }
    }
  }

  private Scenario scenario(RplLine begin, ScenarioConfig config) {
    List<InetAddress> servers = new ArrayList<>(config.rootAddresses());
    ranges.forEach(r -> servers.addAll(r.addresses()));
    AddressMap map = AddressMap.of(servers);
    EntryMeaning meaning = new EntryMeaning(in, map);
    List<ScriptedAnswer> answers = new ArrayList<>();
    for (Range range : ranges) {
      List<InetAddress> lab =
          range.addresses().stream().map(a -> map.labAddress(a).orElseThrow()).toList();
      for (Entry entry : range.entries()) {
        answers.add(meaning.answer(entry, range.first(), range.last(), lab));
      }
    }
    return new Scenario(in.source(), begin.rest(), config, steps, answers, map);
  }

  /** {@code RANGE_BEGIN first last}, ADDRESS lines and entries, {@code RANGE_END}. */
  private Range range(RplLine begin) {
    List<String> args = begin.arguments();
    if (args.size() != 2 || !isNumber(args.get(0)) || !isNumber(args.get(1))) {
      throw in.error(begin, "RANGE_BEGIN needs two step numbers, found '" + begin.text() + "'");
    }
    int first = number(begin, args.get(0));
    int last = number(begin, args.get(1));
    if (first > last) {
      throw in.error(
          begin, "RANGE_BEGIN " + first + " " + last + ": the first step is after the last");
    }
    List<InetAddress> addresses = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    while (true) {
      RplLine line = in.next("RANGE_END for the RANGE_BEGIN on line " + begin.number());
      switch (line.keyword()) {
        case "ADDRESS" -> addresses.add(address(line));
        case "ENTRY_BEGIN" -> entries.add(EntryParser.parse(in, line, EntryParser.Use.RANGE));
        case "RANGE_END" -> {
          return new Range(begin.number(), first, last, addresses, entries);
        }
        default ->
            throw in.error(
                line,
                "expected ADDRESS, ENTRY_BEGIN or RANGE_END in the RANGE of line "
                    + begin.number()
                    + ", found '"
                    + line.first()
                    + "'");
      }
    }
  }

  private InetAddress address(RplLine line) {
    if (line.arguments().size() != 1) {
      throw in.error(line, "ADDRESS needs one IP address, found '" + line.text() + "'");
    }
    String literal = line.arguments().get(0);
    InetAddress address;
    try {
      address = InetAddress.getByAddress(Address.getByAddress(literal).getAddress());
    } catch (UnknownHostException e) {
      throw in.error(line, "ADDRESS '" + literal + "' is not an IP address");
    }
    if (AddressMap.isLabRange(address)) {
      throw in.error(
          line, "ADDRESS " + literal + " is in 127.77/16, which the replay keeps for itself");
    }
    return address;
  }

  /** {@code STEP n TYPE ...}, and the entry of a QUERY or CHECK_ANSWER. */
  private Optional<Step> step(RplLine line) {
    List<String> args = line.arguments();
    if (args.size() < 2 || !isNumber(args.get(0))) {
      throw in.error(line, "STEP needs a number and a type, found '" + line.text() + "'");
    }
    int id = number(line, args.get(0));
    if (id <= lastStep) {
      throw in.error(
          line,
          "STEP "
              + id
              + " after STEP "
              + lastStep
              + ": steps must be numbered in increasing order");
    }
    lastStep = id;
    String type = args.get(1).toUpperCase(java.util.Locale.ROOT);
    switch (type) {
      case "QUERY" -> {
        Entry entry = EntryParser.parse(in, entryBegin(line, type), EntryParser.Use.QUERY);
        return Optional.of(new EntryMeaning(in, null).query(id, line, entry));
      }
      case "CHECK_ANSWER" -> {
        Entry entry = EntryParser.parse(in, entryBegin(line, type), EntryParser.Use.CHECK);
        return Optional.of(new Step.CheckAnswer(id, line.number(), EntryMeaning.expected(entry)));
      }
      case "TIME_PASSES" -> {
        if (args.size() != 4 || !args.get(2).equalsIgnoreCase("ELAPSE") || !isNumber(args.get(3))) {
          throw in.error(
              line,
              "TIME_PASSES needs ELAPSE and a number of seconds, found '" + line.text() + "'");
        }
        return Optional.of(new Step.TimePasses(id, line.number(), Long.parseLong(args.get(3))));
      }
      case "CHECK_OUT_QUERY", "NOTHING" -> {
        // Deckard skips these too: the query log is where outgoing queries are checked here.
        if (in.peek() != null && in.peek().keyword().equals("ENTRY_BEGIN")) {
          EntryParser.parse(in, in.next("ENTRY_BEGIN"), EntryParser.Use.QUERY);
        }
        return Optional.empty();
      }
      default ->
          throw in.error(
              line,
              "STEP "
                  + type
                  + " is not supported (QUERY, CHECK_ANSWER and TIME_PASSES are): script replies in"
                  + " a RANGE");
    }
  }

  private RplLine entryBegin(RplLine step, String type) {
    RplLine next = in.peek();
    if (next == null || !next.keyword().equals("ENTRY_BEGIN")) {
      throw in.error(step, "STEP " + type + " needs an ENTRY_BEGIN on the next line");
    }
    return in.next("ENTRY_BEGIN");
  }

  private int number(RplLine line, String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw in.error(line, "'" + digits + "' is too large a number");
    }
  }

  private static boolean isNumber(String token) {
    return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
  }
}
