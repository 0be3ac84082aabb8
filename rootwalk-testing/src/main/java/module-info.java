/**
 * Rootwalk's test fixtures: a small internet in a test ({@code DnsLab}, {@code World}, {@code
 * DemoWorld}, {@code Fault}, {@code DnsLabExtension}) and DNSSEC signing for them ({@code
 * io.rootwalk.testing.dnssec}). It never depends on the resolver, so the resolver's own tests, the
 * examples and any user's tests can use it alike.
 */
module io.rootwalk.testing {
  requires transitive org.dnsjava;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;

  exports io.rootwalk.testing;
  exports io.rootwalk.testing.rpl;
  exports io.rootwalk.testing.dnssec;
}
