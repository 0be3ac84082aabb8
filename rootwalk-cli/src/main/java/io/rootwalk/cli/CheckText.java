package io.rootwalk.cli;

import io.rootwalk.check.AddressReport;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Finding;
import io.rootwalk.check.NameServerReport;
import io.rootwalk.check.ParentDelegation;
import io.rootwalk.check.ServerId;
import io.rootwalk.check.Severity;
import io.rootwalk.check.ZoneTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The text form of a {@link DelegationReport}, for people: the verdict line, the findings by
 * severity with the code's fix, the servers table, the parent's delegation. Long lines wrap at
 * {@value #WIDTH} columns; the table is as wide as its longest name and address.
 */
final class CheckText {

  /** Detail and fix lines wrap here, so the report reads in an 80 to 100 column terminal. */
  static final int WIDTH = 96;

  private static final String INDENT = "    ";

  private CheckText() {}

  /** Everything {@code check} prints without {@code --json}. */
  static String render(DelegationReport report) {
    return verdict(report)
        + "\n"
        + work(report)
        + findings(report)
        + "\n"
        + servers(report)
        + "\n"
        + parent(report);
  }

  /**
   * What the demo shows: the verdict, each ERROR and WARNING (severity, code, server) with its
   * detail under it, and the NOTICE codes on one line.
   */
  static String brief(DelegationReport report) {
    StringBuilder out = new StringBuilder(verdict(report)).append('\n');
    List<String> notices = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.NOTICE) {
        notices.add(f.code().name());
        continue;
      }
      out.append(String.format(Locale.ROOT, "%-8s%s", f.severity(), f.code()));
      f.server().map(ServerId::toString).ifPresent(s -> out.append("  ").append(s));
      out.append('\n');
      wrap(out, INDENT, f.detail(), INDENT);
    }
    if (!notices.isEmpty()) {
      out.append(
          String.format(Locale.ROOT, "%-8s%s%n", Severity.NOTICE, String.join(", ", notices)));
    }
    return out.toString();
  }

  /**
   * {@code example.com.: healthy}, {@code example.com.: healthy, 1 notice}, or {@code lame.com.: 1
   * error, 0 warnings, 2 notices}.
   */
  static String verdict(DelegationReport report) {
    long errors = count(report, Severity.ERROR);
    long warnings = count(report, Severity.WARNING);
    long notices = count(report, Severity.NOTICE);
    String zone = report.zone() + ": ";
    if (errors == 0 && warnings == 0) {
      return zone + "healthy" + (notices == 0 ? "" : ", " + plural(notices, "notice"));
    }
    return zone
        + plural(errors, "error")
        + ", "
        + plural(warnings, "warning")
        + ", "
        + plural(notices, "notice");
  }

  /** {@code ;; 58 queries, 0.31 s}: what the check cost. */
  private static String work(DelegationReport report) {
    double seconds = report.trace().elapsed().toMillis() / 1000.0;
    return String.format(
        Locale.ROOT,
        ";; %s, %.2f s%n",
        plural(report.trace().upstreamQueries(), "query", "queries"),
        seconds);
  }

  /**
   * The findings under one heading per severity, most severe first: the code and the server on one
   * line, the detail and the fix indented under it. Nothing when there are none.
   */
  static String findings(DelegationReport report) {
    StringBuilder out = new StringBuilder();
    for (Severity severity : Severity.values()) {
      List<Finding> these =
          report.findings().stream().filter(f -> f.severity() == severity).toList();
      if (these.isEmpty()) {
        continue;
      }
      out.append("\n;; ").append(severity).append(these.size() == 1 ? "" : "S").append('\n');
      for (Finding f : these) {
        out.append(f.code());
        f.server().map(ServerId::toString).ifPresent(s -> out.append("  ").append(s));
        out.append('\n');
        wrap(out, INDENT, f.detail(), INDENT);
        wrap(out, INDENT + "fix: ", f.code().fix(), INDENT + "     ");
      }
    }
    return out.toString();
  }

  /**
   * One row per address of each NS name (the name on its first row only): who lists the name
   * (parent, child or both), where the address came from and what it did when asked, the AXFR
   * included. {@code -} for a question an address was not asked.
   */
  static String servers(DelegationReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "NS NAME", "LISTED BY", "ADDRESS", "FROM", "UDP", "TCP", "EDNS", "AA", "SERIAL", "AXFR"
        });
    for (NameServerReport ns : report.servers()) {
      String name = ns.name().toString();
      String listed = listed(ns);
      if (ns.addresses().isEmpty()) {
        rows.add(new String[] {name, listed, "(no address)", "", "", "", "", "", "", ""});
        continue;
      }
      for (AddressReport a : ns.addresses()) {
        String from =
            a.sources().stream()
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
        String serial =
            !a.probed()
                ? "(not asked)"
                : a.soaSerial().isPresent() ? String.valueOf(a.soaSerial().getAsLong()) : "-";
        rows.add(
            new String[] {
              name,
              listed,
              a.address().getHostAddress(),
              from,
              yesNo(a.probed(), a.udp()),
              yesNo(a.probed(), a.tcp()),
              yesNo(a.probed(), a.edns()),
              yesNo(a.probed(), a.authoritative()),
              serial,
              transfer(a.zoneTransfer())
            });
        name = "";
        listed = "";
      }
    }
    if (report.servers().isEmpty()) {
      return ";; SERVERS\n(no name server known)\n";
    }
    return ";; SERVERS\n" + table(rows);
  }

  /** Who gave the delegation, its NS set and TTL, its glue, and which parent servers were asked. */
  static String parent(DelegationReport report) {
    StringBuilder out = new StringBuilder(";; PARENT DELEGATION\n");
    if (report.parent().isEmpty()) {
      out.append("(no parent server gave a referral for ").append(report.zone()).append(")\n");
      return out.toString();
    }
    ParentDelegation p = report.parent().get();
    out.append(p.parentZone())
        .append(" delegates ")
        .append(report.zone())
        .append(", said by ")
        .append(p.source())
        .append(", NS TTL ")
        .append(p.ttl())
        .append('\n');
    out.append("NS     ").append(join(p.nameServers())).append('\n');
    if (p.glue().isEmpty()) {
      out.append("glue   (none)\n");
    }
    String label = "glue   ";
    for (Record r : p.glue()) {
      out.append(label)
          .append(r.getName())
          .append(' ')
          .append(Type.string(r.getType()))
          .append(' ')
          .append(CheckJson.address(r))
          .append(" (TTL ")
          .append(r.getTTL())
          .append(")\n");
      label = "       ";
    }
    String asked = p.asked().stream().map(ServerId::toString).collect(Collectors.joining(", "));
    wrap(out, "asked  ", asked, "       ");
    return out.toString();
  }

  private static String listed(NameServerReport ns) {
    if (ns.listedByParent() && ns.listedByChild()) {
      return "both";
    }
    if (ns.listedByParent()) {
      return "parent";
    }
    return ns.listedByChild() ? "child" : "-";
  }

  /** {@code open} when the zone was handed out, {@code no} refused or unanswered, {@code -}. */
  private static String transfer(ZoneTransfer transfer) {
    switch (transfer) {
      case ALLOWED:
        return "open";
      case REFUSED:
      case NO_ANSWER:
        return "no";
      default:
        return "-";
    }
  }

  private static String yesNo(boolean probed, boolean value) {
    return !probed ? "-" : value ? "yes" : "no";
  }

  /** Left-aligned columns two spaces apart, trailing blanks trimmed. */
  private static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * {@code text} word-wrapped at {@link #WIDTH}: the first line after {@code first}, the others
   * after {@code indent}; a word longer than a line stays whole.
   */
  private static void wrap(StringBuilder out, String first, String text, String indent) {
    String prefix = first;
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && prefix.length() + line.length() + 1 + word.length() > WIDTH) {
        out.append(prefix).append(line).append('\n');
        prefix = indent;
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(prefix).append(line).append('\n');
  }

  private static String join(List<Name> names) {
    return names.stream().map(Name::toString).collect(Collectors.joining(", "));
  }

  private static long count(DelegationReport report, Severity severity) {
    return report.findings().stream().filter(f -> f.severity() == severity).count();
  }

  private static String plural(long n, String one) {
    return plural(n, one, one + "s");
  }

  private static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
