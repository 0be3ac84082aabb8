/**
 * A recursive DNS server answering stub clients from a {@code Resolver}. A module of its own, so
 * that it uses only what {@code io.rootwalk} exports and a program embedding the server needs
 * neither the CLI nor the fixtures.
 */
module io.rootwalk.server {
  requires transitive io.rootwalk;
  requires org.slf4j;
  requires static org.jspecify;

  exports io.rootwalk.server;
}
