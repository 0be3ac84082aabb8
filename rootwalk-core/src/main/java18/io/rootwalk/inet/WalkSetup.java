package io.rootwalk.inet;

import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The resolver JDK-wide lookups walk with, or why there is none. Built once, at the first lookup;
 * an unusable setup stays unusable for the life of the JVM, and every lookup says why. There is no
 * fallback to the system resolver: a JVM told to resolve through Rootwalk that quietly used the
 * host's resolver instead would hide exactly the misconfiguration its owner needs to see.
 */
sealed interface WalkSetup {

  /**
   * A resolver to walk with.
   *
   * @param resolver built from the settings; lives as long as the JVM
   */
  record Ready(Resolver resolver) implements WalkSetup {
    /** Checks the resolver is there. */
    public Ready {
      Objects.requireNonNull(resolver, "resolver");
    }
  }

  /**
   * Settings no resolver can be built from.
   *
   * @param problem one line naming the property, the value or file, and what is wrong with it
   */
  record Unusable(String problem) implements WalkSetup {
    /** Checks the problem is stated. */
    public Unusable {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** Builds the resolver the settings describe: IANA's root hints and port 53 unless told. */
  static WalkSetup from(InetSettings settings) {
    ResolverBuilder builder = Resolver.builder();
    if (settings.upstreamPort().isPresent()) {
      String text = settings.upstreamPort().get();
      int port;
      try {
        port = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        return new Unusable(
            "-D" + InetSettings.UPSTREAM_PORT + "=" + text + " is not a port number (1 to 65535)");
      }
      builder.upstreamPort(port);
    }
    if (settings.rootHintsFile().isPresent()) {
      String file = settings.rootHintsFile().get();
      try {
        builder.rootHints(RootHints.fromFile(Path.of(file)));
      } catch (IllegalArgumentException e) {
        // RootHints names the file, the line and the fault; InvalidPathException is one too.
        return new Unusable("-D" + InetSettings.ROOT_HINTS + ": " + e.getMessage());
      }
    }
    try {
      return new Ready(builder.build());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return new Unusable("cannot build the resolver: " + e.getMessage());
    }
  }
}
