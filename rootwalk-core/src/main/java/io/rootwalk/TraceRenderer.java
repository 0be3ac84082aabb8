package io.rootwalk;

import io.rootwalk.spi.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base16;

/**
 * Draws a {@link Trace} as text in the spirit of {@code dig +trace} and dnsr's indented tree: one
 * line per step, columns for zone cut, server, address, how the address was known, the question
 * sent (under QNAME minimisation often shorter than the lookup's, RFC 9156), outcome and RTT;
 * nested chases indented under the step that needed them; scrubbed records under their exchange;
 * each DNSSEC check on one line of its own, the DS and DNSKEY lookups it needed indented under it.
 * DNSSEC records are shown short (an RRSIG by what it covers, its algorithm, signer and key tag; a
 * DNSKEY by its flags, algorithm and tag; a DS with the start of its digest), since their base64
 * and hex would drown the line.
 */
final class TraceRenderer {

  private static final int MAX_RECORDS_SHOWN = 3;

  private TraceRenderer() {}

  static String render(Trace trace) {
    List<String[]> rows = new ArrayList<>();
    collect(trace, "", rows);
    int[] widths = new int[6];
    for (String[] row : rows) {
      if (row.length == 7 || row.length == 3) {
        // A check's row shares the zone and server columns; its long text must not widen the rest.
        for (int i = 0; i < Math.min(6, row.length - 1); i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(";; ")
        .append(trace.upstreamQueries())
        .append(trace.upstreamQueries() == 1 ? " upstream query" : " upstream queries")
        .append(", ")
        .append(countCuts(trace))
        .append(countCuts(trace) == 1 ? " zone cut, " : " zone cuts, ")
        .append(millis(trace.elapsed()))
        .append('\n');
    for (String[] row : rows) {
      if (row.length == 1) {
        out.append(row[0]).append('\n');
        continue;
      }
      if (row.length == 3) {
        out.append(pad(row[0], widths[0]))
            .append("  ")
            .append(pad(row[1], widths[1]))
            .append("  ")
            .append(row[2])
            .append('\n');
        continue;
      }
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        line.append(pad(row[i], widths[i])).append("  ");
      }
      line.append(row[6]);
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static void collect(Trace trace, String indent, List<String[]> rows) {
    for (TraceStep step : trace.steps()) {
      if (step instanceof TraceStep.Exchange e) {
        String server = e.server().nameServer().toString();
        String address = e.server().address().getHostAddress();
        String how = "[" + e.server().provenanceLabel() + "]";
        String what = describe(e.outcome());
        if (e.protocol() == Protocol.TCP) {
          what = "tcp: " + what;
        }
        if (!e.edns()) {
          what = what + " (no EDNS)";
        }
        rows.add(
            new String[] {
              indent + e.zoneCut(), server, address, how, e.sent().toString(), what, millis(e.rtt())
            });
        for (Rejection r : e.rejected()) {
          rows.add(new String[] {indent + "    scrubbed " + r});
        }
      } else if (step instanceof TraceStep.CacheHit c) {
        rows.add(
            new String[] {
              indent + c.zoneCut(), "(cache)", "", "", c.question().toString(), describe(c), ""
            });
      } else if (step instanceof TraceStep.Chase c) {
        String result =
            c.addresses().isEmpty()
                ? c.status().name()
                : c.addresses().stream()
                    .map(a -> a.getHostAddress())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
        rows.add(
            new String[] {
              indent
                  + "  chase "
                  + c.nameServer()
                  + " "
                  + Type.string(c.type())
                  + " for "
                  + c.zoneCut()
                  + " -> "
                  + result
            });
        collect(c.trace(), indent + "    ", rows);
      } else if (step instanceof TraceStep.LastResort l) {
        String servers =
            l.servers().stream()
                .map(a -> a.nameServer() + " " + a.address().getHostAddress())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        String what =
            "last resort: "
                + l.fallback().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + l.outcome().map(o -> " -> " + describe(o)).orElse("")
                + " ("
                + l.reason()
                + ")";
        rows.add(new String[] {indent + l.zoneCut(), servers, "", "", "", what, ""});
      } else if (step instanceof TraceStep.SecondLevelRead r) {
        rows.add(
            new String[] {
              indent + r.zoneCut(),
              "(second-level)",
              "",
              "",
              r.question().toString(),
              describe(r),
              millis(r.elapsed())
            });
        for (String refused : r.rejected()) {
          rows.add(new String[] {indent + "    refused " + refused});
        }
      } else if (step instanceof TraceStep.Validation v) {
        rows.add(new String[] {indent + v.zoneCut(), "(dnssec)", describe(v)});
        for (Trace fetched : v.fetched()) {
          rows.add(new String[] {indent + "  fetch " + fetchedWhat(fetched)});
          collect(fetched, indent + "    ", rows);
        }
      }
    }
  }

  /**
   * {@code loaded A www.shop.com. (authoritative answer, 287 s)}, {@code nothing}, or {@code
   * unavailable: TimeoutException: ...}: what a second-level read brought.
   */
  static String describe(TraceStep.SecondLevelRead r) {
    switch (r.result()) {
      case LOADED:
        return "loaded " + String.join(", ", r.loaded());
      case NOTHING:
        return r.rejected().isEmpty() ? "nothing" : "nothing usable";
      default:
        return "unavailable: " + r.detail();
    }
  }

  /**
   * {@code ds-keys example.com. DNSKEY: SECURE, key 12345 (detail)}: the check, the RRset, the
   * verdict and the key that decided it, then the evidence in words.
   */
  static String describe(TraceStep.Validation v) {
    return v.check().name().toLowerCase(Locale.ROOT).replace('_', '-')
        + " "
        + v.owner()
        + " "
        + Type.string(v.type())
        + ": "
        + v.status()
        + (v.keyTag().isPresent() ? ", key " + v.keyTag().getAsInt() : "")
        + " ("
        + v.detail()
        + ")";
  }

  /**
   * What a validator's fetch looked up and what it cost: {@code example.com. DNSKEY (1 query)}. A
   * fetch is a lookup of its own, so its last step (the answer, or the cache hit) names its
   * question.
   */
  private static String fetchedWhat(Trace fetched) {
    String what = "DS/DNSKEY";
    for (TraceStep step : fetched.steps()) {
      if (step instanceof TraceStep.Exchange e) {
        what = e.sent().toString();
      } else if (step instanceof TraceStep.CacheHit c) {
        what = c.question().toString();
      }
    }
    int n = fetched.upstreamQueries();
    return what + " (" + n + (n == 1 ? " query)" : " queries)");
  }

  static String describe(Outcome o) {
    if (o instanceof Outcome.Priming p) {
      return "priming: "
          + p.rootServers().size()
          + " root servers, "
          + p.addresses()
          + " addresses";
    }
    if (o instanceof Outcome.Referral r) {
      StringBuilder s =
          new StringBuilder("referral -> ")
              .append(r.child())
              .append("  ")
              .append(r.nameServers().size())
              .append(" NS, glue ")
              .append(glueCount(r))
              .append('/')
              .append(r.nameServers().size());
      if (!r.glueMissing().isEmpty()) {
        s.append(", no glue for in-domain ").append(names(r.glueMissing()));
      }
      return s.toString();
    }
    if (o instanceof Outcome.Answer a) {
      return "answer" + (a.authoritative() ? " (AA) " : " (not AA) ") + records(a.records());
    }
    if (o instanceof Outcome.YxDomain y) {
      return "YXDOMAIN: the DNAME substitution exceeds 255 octets  " + records(y.chain());
    }
    if (o instanceof Outcome.Cname c) {
      return "alias -> " + c.target() + "  " + records(c.chain());
    }
    if (o instanceof Outcome.NxDomain n) {
      return "NXDOMAIN" + n.soa().map(s -> " (SOA " + s.getName() + ")").orElse("");
    }
    if (o instanceof Outcome.NoData n) {
      return "NODATA" + n.soa().map(s -> " (SOA " + s.getName() + ")").orElse("");
    }
    if (o instanceof Outcome.Lame l) {
      return "lame: "
          + l.reason()
          + (l.reason() == LameReason.REFUSED || l.reason() == LameReason.SERVFAIL
              ? ""
              : " (" + l.detail() + ")");
    }
    if (o instanceof Outcome.EdnsRejected e) {
      return "EDNS rejected (" + org.xbill.DNS.Rcode.string(e.rcode()) + "), retrying without EDNS";
    }
    if (o instanceof Outcome.Truncated) {
      return "truncated, retrying over TCP";
    }
    if (o instanceof Outcome.Timeout) {
      return "timeout";
    }
    if (o instanceof Outcome.Malformed m) {
      return "malformed response: " + m.detail();
    }
    if (o instanceof Outcome.Unreachable u) {
      return "unreachable: " + u.detail();
    }
    return o.kind().label();
  }

  private static String describe(TraceStep.CacheHit c) {
    switch (c.what()) {
      case DELEGATION:
        {
          List<Name> ns = new ArrayList<>();
          for (Record r : c.records()) {
            ns.add(((org.xbill.DNS.NSRecord) r).getTarget());
          }
          return "cached delegation " + c.zoneCut() + (ns.isEmpty() ? "" : "  NS " + names(ns));
        }
      case NEGATIVE:
        return "cached negative answer for " + c.question();
      case CNAME:
        return "cached alias " + records(c.records());
      case FAILURE:
        return "recent failure at " + c.zoneCut() + " is cached (RFC 9520); not retried yet";
      case STALE_ANSWER:
        return "serving stale " + records(c.records()) + " (RFC 8767)";
      default:
        return "cached answer " + records(c.records());
    }
  }

  private static long glueCount(Outcome.Referral r) {
    return r.glue().stream().map(ServerAddress::nameServer).distinct().count();
  }

  private static String records(List<Record> records) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(records.size(), MAX_RECORDS_SHOWN); i++) {
      shown.add(record(records.get(i)));
    }
    String s = String.join(", ", shown);
    if (records.size() > MAX_RECORDS_SHOWN) {
      s += " (+" + (records.size() - MAX_RECORDS_SHOWN) + " more)";
    }
    return s;
  }

  /**
   * One record as {@code name TYPE rdata}, with the DNSSEC types short: {@code RRSIG A 13 by
   * example.com. tag 12345}, {@code DNSKEY 257 13 tag 12345}, {@code DS 12345 13 2 98FD386E...}.
   */
  static String record(Record r) {
    String head = r.getName() + " " + Type.string(r.getType()) + " ";
    if (r instanceof RRSIGRecord sig) {
      return head
          + Type.string(sig.getTypeCovered())
          + " "
          + sig.getAlgorithm()
          + " by "
          + sig.getSigner()
          + " tag "
          + sig.getFootprint();
    }
    if (r instanceof DNSKEYRecord key) {
      return head + key.getFlags() + " " + key.getAlgorithm() + " tag " + key.getFootprint();
    }
    if (r instanceof DSRecord ds) {
      // The key tag names the key; eight hex digits of the digest are enough to tell two apart.
      String digest = base16.toString(ds.getDigest());
      return head
          + ds.getFootprint()
          + " "
          + ds.getAlgorithm()
          + " "
          + ds.getDigestID()
          + " "
          + (digest.length() > 8 ? digest.substring(0, 8) + "..." : digest);
    }
    return head + r.rdataToString();
  }

  private static String names(List<Name> names) {
    List<String> s = new ArrayList<>();
    for (Name n : names) {
      s.add(n.toString());
    }
    return String.join(", ", s);
  }

  /**
   * The zone cuts the walk worked at: {@link Trace#zoneCuts()} without the zones of the DNSSEC
   * checks, which come after the walk and run from the trust anchor down, so a walk that started at
   * a cached delegation would otherwise count the root and every zone above it too.
   */
  private static int countCuts(Trace trace) {
    List<Name> cuts = new ArrayList<>();
    for (TraceStep step : trace.steps()) {
      if (!(step instanceof TraceStep.Chase)
          && !(step instanceof TraceStep.Validation)
          && !(step instanceof TraceStep.SecondLevelRead)
          && !cuts.contains(step.zoneCut())) {
        cuts.add(step.zoneCut());
      }
    }
    return cuts.size();
  }

  static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1_000_000.0);
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
