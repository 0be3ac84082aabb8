/**
 * The {@code rootwalk} command line tool: {@code demo}, {@code lookup}, {@code trace}, {@code
 * check}, {@code serve}, {@code completion}. Being a module of its own, it can use only what {@code
 * io.rootwalk} and {@code io.rootwalk.server} export: the compiler holds the CLI to the public API,
 * as it holds every user.
 */
module io.rootwalk.cli {
  requires io.rootwalk;
  requires io.rootwalk.server;
  requires io.rootwalk.redis;
  requires org.dnsjava;
  // `rootwalk demo` runs the in-process lab from the test fixtures.
  requires io.rootwalk.testing;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires info.picocli;
  requires static org.jspecify;

  // picocli reads and sets the annotated fields, and creates the commands and converters, by
  // reflection.
  opens io.rootwalk.cli to
      info.picocli;
}
