/**
 * A Micrometer {@code MeterBinder} for a Rootwalk resolver: {@link
 * io.rootwalk.micrometer.RootwalkMetrics}. An adapter module of its own, so that the core library
 * never depends on Micrometer.
 */
module io.rootwalk.micrometer {
  requires transitive io.rootwalk;
  // Micrometer 1.x ships as an automatic module (Automatic-Module-Name: micrometer.core).
  requires transitive micrometer.core;
  requires static org.jspecify;

  exports io.rootwalk.micrometer;
}
