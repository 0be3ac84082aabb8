package io.rootwalk.examples;

import io.rootwalk.Outcome;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.testing.DnsLab;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Reads a trace as data instead of text: for each zone cut, which servers were asked and which were
 * lame. Steps are sealed types, so {@code instanceof} covers every case.
 */
public final class WalkTheTrace {

  private WalkTheTrace() {}

  /** What one zone cut looked like from this lookup. */
  public record ZoneCut(Name zone, List<String> asked, List<String> lame) {}

  public static void main(String[] args) {
    try (DnsLab lab = DemoLab.start();
        Resolver resolver = DemoLab.resolverFor(lab).build()) {
      run(resolver, "www.lame.com", Type.A, System.out);
      // ns2.lame.com has not been measured yet, so this lookup tries it first: it REFUSES.
      run(resolver, "lame.com", Type.SOA, System.out);
      run(resolver, "www.shop.com", Type.A, System.out); // a chase: the nested trace is walked too
    }
  }

  public static Map<Name, ZoneCut> run(Resolver resolver, String name, int type, PrintStream out) {
    Resolution r = resolver.lookup(name, type);
    Map<Name, ZoneCut> cuts = new LinkedHashMap<>();
    walk(r.trace(), cuts);
    out.println(r.question() + ": " + r.status());
    for (ZoneCut cut : cuts.values()) {
      out.println(
          "  "
              + cut.zone()
              + " asked "
              + cut.asked()
              + (cut.lame().isEmpty() ? "" : ", lame " + cut.lame()));
    }
    return cuts;
  }

  private static void walk(Trace trace, Map<Name, ZoneCut> cuts) {
    for (TraceStep step : trace.steps()) {
      if (step instanceof TraceStep.Exchange) {
        TraceStep.Exchange e = (TraceStep.Exchange) step;
        ZoneCut cut =
            cuts.computeIfAbsent(
                e.zoneCut(), z -> new ZoneCut(z, new ArrayList<>(), new ArrayList<>()));
        String server = e.server().nameServer() + " " + e.server().address().getHostAddress();
        cut.asked().add(server);
        if (e.outcome() instanceof Outcome.Lame) {
          cut.lame().add(server + " (" + ((Outcome.Lame) e.outcome()).reason() + ")");
        }
      } else if (step instanceof TraceStep.Chase) {
        walk(((TraceStep.Chase) step).trace(), cuts); // the NS address lookup's own steps
      } else if (step instanceof TraceStep.CacheHit) {
        // Nothing was asked: the cache knew. A real tool might count these.
      }
    }
  }
}
