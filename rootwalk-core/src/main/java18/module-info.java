/**
 * Rootwalk on Java 18 and newer: the module of the base layer ({@code src/main/java}), plus the
 * JDK-wide name service provider of JEP 418 ({@code io.rootwalk.inet}, not exported). Keep the two
 * descriptors alike but for the {@code provides} line: on the module path a JDK 18+ runtime reads
 * this one instead of the base's.
 */
module io.rootwalk {
  // Public signatures use dnsjava's Name, Record and Type, and Caffeine's Ticker.
  requires transitive org.dnsjava;
  requires transitive com.github.benmanes.caffeine;
  requires org.slf4j;
  // The parser of IANA's root-anchors.xml (TrustAnchors), hardened: no DTDs, no entities.
  requires java.xml;
  // The JDK Flight Recorder events (io.rootwalk.observe); see the base descriptor for why not
  // static.
  requires jdk.jfr;
  requires static transitive org.jspecify;

  exports io.rootwalk;
  exports io.rootwalk.check;
  exports io.rootwalk.spi;

  // Off unless the JVM is started with -Drootwalk.inet=true: see RootwalkInetProvider.
  provides java.net.spi.InetAddressResolverProvider with
      io.rootwalk.inet.RootwalkInetProvider;
}
