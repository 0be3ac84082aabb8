package io.rootwalk.cli;

/** The usage text, printed for {@code --help} and after every usage error. */
final class Usage {

  static final String TEXT =
      """
      usage: rootwalk demo [--verbose]
             rootwalk lookup NAME [TYPE] [--root-hints FILE] [--upstream-port N] [--json] [--verbose]
             rootwalk trace  NAME [TYPE] [--root-hints FILE] [--upstream-port N] [--json] [--verbose]
             rootwalk serve  --listen ADDR:PORT [--root-hints FILE] [--upstream-port N] [--verbose]

      commands:
        demo     start the built-in demo hierarchy on 127.53.x.x and trace example lookups (offline)
        lookup   resolve NAME iteratively from the root and print the answer, like dig
        trace    resolve NAME and print every step: zone cuts, servers, glue, chases, cache hits
        serve    run a recursive DNS server on UDP and TCP (IPv6 as [::1]:5300; port 0 picks one)

      options:
        TYPE                  record type: A (default), AAAA, MX, TXT, ... or TYPEnnn
        --root-hints FILE     named.root-format hints to start from (default: IANA's root servers)
        --upstream-port N     port every upstream server is asked on (default 53)
        --listen ADDR:PORT    address to serve on, e.g. 127.0.0.1:5300 or [::1]:0
        --json                print one JSON object instead of text
        --verbose             show debug logs on stderr
        -h, --help            show this help

      exit status: 0 answer, 1 NXDOMAIN, NODATA or YXDOMAIN, 2 SERVFAIL, 64 usage error
      """;

  private Usage() {}
}
