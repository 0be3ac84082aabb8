package io.rootwalk.benchmarks;

import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Finding;
import io.rootwalk.testing.DelegationMistakes;
import io.rootwalk.testing.DnsLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * {@code Resolver.check} and Zonemaster side by side on the {@link DelegationMistakes} hierarchy,
 * served by the lab on port 53 of 127.55.0.0/16 (Zonemaster asks port 53 only), zone by zone: the
 * wall time of each and what each found (Rootwalk's codes at WARNING and above; Zonemaster's
 * message tags at WARNING and above). Needs root (port 53) and {@code zonemaster-cli}; nothing
 * leaves loopback, since both are given the lab's root hints ({@code --no-ipv6} for Zonemaster).
 *
 * <pre>{@code
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.CheckComparison [ZONE...]
 * }</pre>
 */
public final class CheckComparison {

  private static final Pattern TAG =
      Pattern.compile("^\\s*\\S+\\s+(WARNING|ERROR|CRITICAL)\\s+(\\S+)");

  private CheckComparison() {}

  public static void main(String[] args) throws Exception {
    List<String> zones = args.length > 0 ? List.of(args) : DelegationMistakes.ZONES;
    try (DnsLab lab = DelegationMistakes.misbehave(DnsLab.start(DelegationMistakes.world(), 53))) {
      String hints = lab.rootHintsFile().toString();
      // The JVM's first check pays for class loading and JIT; the second of each zone is steady.
      check(lab, "healthy.test.");
      System.out.printf(
          "%-20s %9s %9s %11s %7s  %-40s %s%n",
          "zone",
          "rw first",
          "rw warm",
          "zonemaster",
          "ratio",
          "rootwalk (WARNING+)",
          "zonemaster (WARNING+)");
      long rootwalkTotal = 0;
      long zonemasterTotal = 0;
      for (String zone : zones) {
        long t0 = System.nanoTime();
        DelegationReport first = check(lab, zone);
        long t1 = System.nanoTime();
        check(lab, zone);
        long t2 = System.nanoTime();
        long[] zmTime = new long[1];
        List<String> tags = zonemaster(hints, zone, zmTime);
        long rwWarm = (t2 - t1) / 1_000_000;
        rootwalkTotal += rwWarm;
        zonemasterTotal += zmTime[0];
        TreeSet<String> codes = new TreeSet<>();
        for (Finding f : first.findings()) {
          if (f.severity() != io.rootwalk.check.Severity.NOTICE) {
            codes.add(f.code().name());
          }
        }
        System.out.printf(
            "%-20s %7d ms %7d ms %8d ms %6.0fx  %-40s %s%n",
            zone,
            (t1 - t0) / 1_000_000,
            rwWarm,
            zmTime[0],
            zmTime[0] / (double) Math.max(1, rwWarm),
            String.join(",", codes),
            String.join(",", tags));
      }
      System.out.printf(
          "total: rootwalk %d ms, zonemaster %d ms (%.0fx)%n",
          rootwalkTotal, zonemasterTotal, zonemasterTotal / (double) Math.max(1, rootwalkTotal));
    }
  }

  private static DelegationReport check(DnsLab lab, String zone) {
    try (Resolver resolver =
        Resolver.builder()
            .rootHints(RootHints.fromFile(lab.rootHintsFile()))
            .upstreamPort(lab.port())
            .build()) {
      return resolver.check(
          Name.fromConstantString(zone),
          CheckOptions.defaults().withQueryTimeout(Duration.ofSeconds(2)));
    }
  }

  private static List<String> zonemaster(String hints, String zone, long[] millis)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(
                "zonemaster-cli",
                "--no-ipv6",
                "--hints",
                hints,
                "--level",
                "WARNING",
                "--raw",
                "--show-level",
                zone)
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    millis[0] = (System.nanoTime() - t0) / 1_000_000;
    TreeSet<String> tags = new TreeSet<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      Matcher m = TAG.matcher(line);
      if (m.find()) {
        tags.add(m.group(2));
      }
    }
    return new ArrayList<>(tags);
  }
}
