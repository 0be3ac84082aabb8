package io.rootwalk.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one cold pass over a name set gave.
 *
 * @param client which resolver, driven how
 * @param names how many names were asked
 * @param outcomes how many ended each way: {@code NOERROR} (with an address), {@code SERVFAIL
 *     <reason>}, an exception's class name, ...
 * @param wall from the first lookup started to the last one finished
 */
record ColdRun(String client, int names, Map<String, Long> outcomes, Duration wall) {

  ColdRun {
    outcomes = Map.copyOf(outcomes);
  }

  long answered() {
    return outcomes.getOrDefault("NOERROR", 0L);
  }

  double namesPerSecond() {
    return names / (wall.toNanos() / 1e9);
  }

  /** One line for the log: rate, then every outcome with its count. */
  String summary() {
    return String.format(
        "%-24s %,8.0f names/s  %,d names in %,d ms  %s",
        client, namesPerSecond(), names, wall.toMillis(), new TreeMap<>(outcomes));
  }
}
