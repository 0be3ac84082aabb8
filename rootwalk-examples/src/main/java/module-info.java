/**
 * Copyable examples, each a {@code main} against the in-process demo hierarchy. A module of its
 * own, so the compiler holds them to the public API, as it holds every user.
 */
module io.rootwalk.examples {
  requires io.rootwalk;
  requires io.rootwalk.testing;
  requires static org.jspecify;
}
