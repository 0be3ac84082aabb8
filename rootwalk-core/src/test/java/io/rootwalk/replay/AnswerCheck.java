package io.rootwalk.replay;

import io.rootwalk.Resolution;
import io.rootwalk.testing.rpl.AddressMap;
import io.rootwalk.testing.rpl.ExpectedAnswer;
import io.rootwalk.testing.rpl.ExpectedAnswer.Check;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Compares a {@link Resolution} with a CHECK_ANSWER entry, part by part as its MATCH says. A
 * resolution is not a message, so some parts are read from what stands for them:
 *
 * <ul>
 *   <li>the rcode is {@link Resolution#rcode()} (NOERROR for NODATA, as a stub sees it);
 *   <li>the answer section is {@link Resolution#answers()}, lab addresses put back to the
 *       scenario's, compared as a set (TTLs and owner-name case ignored, as Deckard does);
 *   <li>the authority section is compared for its SOA records only: a resolution keeps the SOA of a
 *       negative answer and nothing else (no NS records, no referral data);
 *   <li>of the flags, only AD and TC are checked, and an expected one fails: Rootwalk does not
 *       validate DNSSEC and a lookup's result is never truncated. QR, RD, RA, AA and CD describe a
 *       message a resolution has no header for;
 *   <li>the opcode is always QUERY; the question is {@link Resolution#question()}.
 * </ul>
 */
final class AnswerCheck {

  private AnswerCheck() {}

  /** What differs, one line each; empty when the resolution is as expected. */
  static List<String> mismatches(ExpectedAnswer expected, Resolution actual, AddressMap map) {
    List<String> out = new ArrayList<>();
    if (expected.checks(Check.OPCODE) && expected.opcode() != Opcode.QUERY) {
      out.add("opcode: expected " + Opcode.string(expected.opcode()) + ", a lookup is QUERY");
    }
    expected.question().ifPresent(q -> question(expected, q, actual, out));
    if (expected.checks(Check.RCODE) && expected.rcode() != actual.rcode()) {
      out.add(
          "rcode: expected "
              + Rcode.string(expected.rcode())
              + ", got "
              + actual.rcodeName()
              + " ("
              + actual.status()
              + ")");
    }
    if (expected.checks(Check.FLAGS)) {
      for (String flag : List.of("AD", "TC")) {
        if (expected.flags().contains(flag)) {
          out.add("flags: " + flag + " expected, which a Rootwalk resolution never has");
        }
      }
    }
    if (expected.checks(Check.ANSWER)) {
      List<Record> got = actual.answers().stream().map(map::toScenario).toList();
      compare("answer", expected.answer(), got, out);
    }
    if (expected.checks(Check.AUTHORITY)) {
      compare("authority (SOA)", soa(expected.authority()), soa(actual.authority()), out);
    }
    return out;
  }

  private static void question(
      ExpectedAnswer expected, Record q, Resolution actual, List<String> out) {
    String asked = actual.question().name() + " " + Type.string(actual.question().type());
    if (expected.checks(Check.QTYPE) && q.getType() != actual.question().type()) {
      out.add("question type: expected " + Type.string(q.getType()) + ", looked up " + asked);
    }
    boolean sameName = q.getName().equals(actual.question().name());
    if (expected.checks(Check.QNAME) && !sameName) {
      out.add("question name: expected " + q.getName() + ", looked up " + asked);
    }
    if (expected.checks(Check.QCASE)
        && !q.getName().toString().equals(actual.question().name().toString())) {
      out.add("question name case: expected " + q.getName() + ", looked up " + asked);
    }
    if (expected.checks(Check.SUBDOMAIN) && !actual.question().name().subdomain(q.getName())) {
      out.add("question name: expected at or below " + q.getName() + ", looked up " + asked);
    }
  }

  /** Records as sets: dnsjava's equality leaves out the TTL and the case of names. */
  private static void compare(
      String what, List<Record> expected, List<Record> got, List<String> out) {
    Set<Record> want = new LinkedHashSet<>(expected);
    Set<Record> have = new LinkedHashSet<>(got);
    if (!want.equals(have) || expected.size() != got.size()) {
      out.add(what + ": expected" + lines(expected) + "\n    got" + lines(got));
    }
  }

  private static List<Record> soa(List<Record> records) {
    return records.stream().filter(r -> r.getType() == Type.SOA).toList();
  }

  /** The expectation in a line or few: what is checked, the rcode, the answer and authority. */
  static String describe(ExpectedAnswer expected) {
    return "MATCH "
        + expected.checks().stream()
            .map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
            .sorted()
            .toList()
        + ", "
        + Rcode.string(expected.rcode())
        + ", answer"
        + lines(expected.answer())
        + (expected.authority().isEmpty() ? "" : "\n    authority" + lines(expected.authority()));
  }

  static String lines(List<Record> records) {
    if (records.isEmpty()) {
      return " (none)";
    }
    StringBuilder text = new StringBuilder();
    records.forEach(r -> text.append("\n      ").append(r));
    return text.toString();
  }
}
