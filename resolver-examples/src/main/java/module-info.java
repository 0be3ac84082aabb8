/**
 * The {@code rootwalk} command line tool, the recursive DNS server and the copyable examples. Being
 * a module of its own, it can use only what {@code io.rootwalk} exports: the compiler holds the CLI
 * and the server to the public API, as it holds every user.
 */
module io.rootwalk.examples {
  requires io.rootwalk;
  requires org.dnsjava;
  // The demo and the examples run the in-process lab from the test fixtures.
  requires io.rootwalk.testing;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static org.jspecify;
}
