/**
 * Rootwalk: an iterative DNS resolver that walks from the root hints down the delegation chain and
 * returns the answer with a typed trace of every step.
 *
 * <p>Two packages are API: {@code io.rootwalk} (build a {@code Resolver}, look names up, read the
 * {@code Resolution} and its {@code Trace}) and {@code io.rootwalk.spi} (the {@code Transport} a
 * caller may replace). Everything else is the engine, not exported: {@code iterate} (the walk),
 * {@code delegation} (zone cuts), {@code cache}, {@code net} (the UDP/TCP transport) and {@code
 * concurrent} (in-flight sharing and timers).
 *
 * <p>On JDK 18+ builds the jar has a Java 18 layer ({@code src/main/java18}, {@code
 * META-INF/versions/18}): the JDK-wide name service provider of JEP 418, package {@code
 * io.rootwalk.inet}, with a module descriptor of its own that adds {@code provides
 * java.net.spi.InetAddressResolverProvider}; keep the two descriptors alike otherwise. Room left
 * for what comes next: a second-level cache gets an {@code spi} interface here; adapters for other
 * libraries live in modules of their own that require this one.
 */
module io.rootwalk {
  // Public signatures use dnsjava's Name, Record and Type, and Caffeine's Ticker.
  requires transitive org.dnsjava;
  requires transitive com.github.benmanes.caffeine;
  requires org.slf4j;
  // The parser of IANA's root-anchors.xml (TrustAnchors), hardened: no DTDs, no entities.
  requires java.xml;
  requires static transitive org.jspecify;

  exports io.rootwalk;
  exports io.rootwalk.check;
  exports io.rootwalk.spi;
}
