package io.rootwalk.benchmarks;

import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The delegated hierarchy that {@code bench/hierarchy.py} writes and {@code
 * bench/run-comparison.sh} serves with NSD on 127.90.0.0/16: its root hints and its name sets.
 * Every server in it is a loopback address, so nothing resolved through it leaves the machine.
 *
 * @param dir the directory the generator wrote
 */
record LocalHierarchy(Path dir) {

  LocalHierarchy {
    if (!Files.isRegularFile(dir.resolve("root.hints"))) {
      throw new IllegalArgumentException(
          dir + " holds no root.hints: run bench/hierarchy.py (or bench/run-comparison.sh) first");
    }
  }

  static LocalHierarchy at(String dir) {
    return new LocalHierarchy(Path.of(dir));
  }

  RootHints rootHints() {
    RootHints hints = RootHints.fromFile(dir.resolve("root.hints"));
    if (!hints.allLoopback()) {
      throw new IllegalStateException("root hints outside 127.0.0.0/8: " + hints);
    }
    return hints;
  }

  /** The local root server, where every query MiniDNS means for an IANA root goes instead. */
  InetAddress localRoot() {
    return rootHints().servers().get(0).addresses().get(0);
  }

  /** A resolver walking this hierarchy from its root, with the defaults a user gets otherwise. */
  ResolverBuilder rootwalk() {
    return Resolver.builder().rootHints(rootHints());
  }

  /**
   * The names of one set, in the generator's shuffled order.
   *
   * @param set {@code a} and {@code b} (10,000 explicit names each, in disjoint zones) or {@code
   *     burst} (distinct names answered by the leaf zones' wildcards)
   * @param limit how many to take at most
   */
  List<String> names(String set, int limit) {
    Path file = dir.resolve("names-" + set + ".txt");
    try (var lines = Files.lines(file)) {
      return lines.map(line -> line.split(" ", 2)[0]).limit(limit).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
