package io.rootwalk.cli.graph;

import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.TraceStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The short words a node of the picture carries: one line per outcome, names clipped to fit. */
final class OutcomeText {

  /** Longer lines are clipped: a box as wide as a TXT record helps no one read the walk. */
  static final int MAX_LINE = 60;

  private OutcomeText() {}

  /** {@code referral -> shop.com. glue 0/2}, {@code lame: REFUSED}, {@code timeout 1500 ms}. */
  static String of(Outcome o) {
    if (o instanceof Outcome.Priming p) {
      return "priming: " + p.rootServers().size() + " root servers";
    } else if (o instanceof Outcome.Referral r) {
      return "referral -> "
          + r.child()
          + "  glue "
          + r.glue().size()
          + "/"
          + r.nameServers().size();
    } else if (o instanceof Outcome.Answer a) {
      return (a.authoritative() ? "answer (AA) " : "answer (no AA) ") + finalRecord(a.records());
    } else if (o instanceof Outcome.Cname c) {
      return "alias -> " + c.target();
    } else if (o instanceof Outcome.NxDomain) {
      return "NXDOMAIN";
    } else if (o instanceof Outcome.NoData) {
      return "NODATA";
    } else if (o instanceof Outcome.YxDomain) {
      return "YXDOMAIN";
    } else if (o instanceof Outcome.Lame l) {
      return "lame: "
          + (l.reason() == LameReason.REFUSED || l.reason() == LameReason.SERVFAIL
              ? l.rcodeName()
              : words(l.reason().name()));
    } else if (o instanceof Outcome.EdnsRejected e) {
      return "EDNS rejected: " + Rcode.string(e.rcode());
    } else if (o instanceof Outcome.Truncated) {
      return "truncated (TC): retry over TCP";
    } else if (o instanceof Outcome.Timeout t) {
      return "timeout after " + millis(t.after());
    } else if (o instanceof Outcome.Malformed) {
      return "malformed reply";
    } else if (o instanceof Outcome.Unreachable) {
      return "unreachable";
    }
    return o.kind().label();
  }

  /** Whether the server failed the walk here: the picture draws those red. */
  static boolean failed(Outcome o) {
    return o instanceof Outcome.Lame
        || o instanceof Outcome.Timeout
        || o instanceof Outcome.Unreachable
        || o instanceof Outcome.Malformed;
  }

  /** Whether the walk got what it asked for (or a definite no) here. */
  static boolean answered(Outcome o) {
    return o instanceof Outcome.Answer
        || o instanceof Outcome.NxDomain
        || o instanceof Outcome.NoData
        || o instanceof Outcome.YxDomain;
  }

  /** {@code cached delegation}, {@code cached answer}: what the cache gave. */
  static String of(TraceStep.CacheHit.What what) {
    switch (what) {
      case ANSWER:
        return "cached answer";
      case CNAME:
        return "cached alias";
      case NEGATIVE:
        return "cached negative answer";
      case DELEGATION:
        return "cached delegation";
      case FAILURE:
        return "cached failure (RFC 9520)";
      default:
        return "stale answer (RFC 8767)";
    }
  }

  /** {@code 12.1 ms}. */
  static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  /** The last record (the final RRset, after any alias chain): owner, type and data. */
  static String finalRecord(List<Record> records) {
    if (records.isEmpty()) {
      return "";
    }
    Record r = records.get(records.size() - 1);
    return r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString();
  }

  /** The names, comma separated. */
  static String names(List<Name> names) {
    StringBuilder b = new StringBuilder();
    for (Name n : names) {
      b.append(b.length() == 0 ? "" : ", ").append(n);
    }
    return b.toString();
  }

  /** At most {@link #MAX_LINE} characters, the cut marked with an ellipsis. */
  static String clip(String line) {
    String oneLine = line.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return oneLine.length() <= MAX_LINE ? oneLine : oneLine.substring(0, MAX_LINE - 1) + "\u2026";
  }

  private static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
