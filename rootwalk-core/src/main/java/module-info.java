/**
 * Rootwalk: an iterative DNS resolver that walks from the root hints down the delegation chain and
 * returns the answer with a typed trace of every step.
 *
 * <p>Two packages are API: {@code io.rootwalk} (build a {@code Resolver}, look names up, read the
 * {@code Resolution} and its {@code Trace}) and {@code io.rootwalk.spi} (the {@code Transport} a
 * caller may replace). Everything else is the engine, not exported: {@code iterate} (the walk),
 * {@code delegation} (zone cuts), {@code cache}, {@code net} (the UDP/TCP transport), {@code
 * concurrent} (in-flight sharing and timers) and {@code observe} (the JDK Flight Recorder events
 * {@code io.rootwalk.Lookup}, {@code Exchange}, {@code CacheEviction} and {@code LimitReached}, and
 * the counters behind {@code Resolver.lookupStatistics()}).
 *
 * <p>On JDK 18+ builds the jar has a Java 18 layer ({@code src/main/java18}, {@code
 * META-INF/versions/18}): the JDK-wide name service provider of JEP 418, package {@code
 * io.rootwalk.inet}, with a module descriptor of its own that adds {@code provides
 * java.net.spi.InetAddressResolverProvider}; keep the two descriptors alike otherwise. The
 * second-level cache is {@code io.rootwalk.spi.SecondLevelCache} (the engine side in {@code
 * secondlevel}); its Redis implementation, like every adapter for another library, lives in a
 * module of its own that requires this one.
 */
module io.rootwalk {
  // Public signatures use dnsjava's Name, Record and Type, and Caffeine's Ticker.
  requires transitive org.dnsjava;
  requires transitive com.github.benmanes.caffeine;
  requires org.slf4j;
  // The parser of IANA's root-anchors.xml (TrustAnchors), hardened: no DTDs, no entities.
  requires java.xml;
  // The JDK Flight Recorder events (io.rootwalk.observe). Not `requires static`: every JDK 17+
  // image the vendors ship has jdk.jfr, and an optional module would go unresolved on the module
  // path unless the user added it by hand, leaving the events silently missing just when someone
  // starts a recording. A jlink image of its own must add jdk.jfr (about 1 MB).
  requires jdk.jfr;
  requires static transitive org.jspecify;

  exports io.rootwalk;
  exports io.rootwalk.check;
  exports io.rootwalk.spi;
}
