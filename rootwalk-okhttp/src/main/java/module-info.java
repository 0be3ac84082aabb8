/**
 * Rootwalk for OkHttp: {@code RootwalkDns}, an {@code okhttp3.Dns} whose lookups walk from the
 * root. Both libraries are the application's to bring.
 */
module io.rootwalk.okhttp {
  requires transitive io.rootwalk;
  requires transitive okhttp3;
  requires static org.jspecify;

  exports io.rootwalk.okhttp;
}
