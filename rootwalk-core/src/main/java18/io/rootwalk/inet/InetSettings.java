package io.rootwalk.inet;

import java.util.Objects;
import java.util.Optional;

/**
 * What the JVM was started with for the provider: three system properties, read once when the JDK
 * loads the provider (at the first name lookup of the JVM). Kept as text; {@link WalkSetup} checks
 * it, so that a bad value becomes an error every lookup reports rather than a JVM that will not
 * start.
 *
 * @param enabled whether {@value #ENABLED} is {@code true}: off by default, since a library on the
 *     class path must not take over every lookup of the JVM unasked
 * @param rootHintsFile the value of {@value #ROOT_HINTS}; empty for IANA's root servers
 * @param upstreamPort the value of {@value #UPSTREAM_PORT}; empty for port 53
 */
record InetSettings(
    boolean enabled, Optional<String> rootHintsFile, Optional<String> upstreamPort) {

  /** The switch: {@code -Drootwalk.inet=true} turns the provider on. */
  static final String ENABLED = "rootwalk.inet";

  /** A {@code named.root} file to walk from instead of IANA's root servers. */
  static final String ROOT_HINTS = "rootwalk.rootHints";

  /** The port every upstream server is asked on (a lab's, in tests). */
  static final String UPSTREAM_PORT = "rootwalk.upstreamPort";

  InetSettings {
    Objects.requireNonNull(rootHintsFile, "rootHintsFile");
    Objects.requireNonNull(upstreamPort, "upstreamPort");
  }

  /** The settings this JVM was started with. */
  static InetSettings fromSystemProperties() {
    return new InetSettings(
        Boolean.getBoolean(ENABLED), property(ROOT_HINTS), property(UPSTREAM_PORT));
  }

  private static Optional<String> property(String key) {
    return Optional.ofNullable(System.getProperty(key)).map(String::strip);
  }
}
