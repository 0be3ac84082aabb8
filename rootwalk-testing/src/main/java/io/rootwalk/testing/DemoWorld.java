package io.rootwalk.testing;

/**
 * The demo hierarchy from the design notes, built around seed 003's {@code example.com} zone. Every
 * name server lives in {@code 127.53.0.0/16}; answer data uses documentation addresses (and the
 * seed's own example.com addresses).
 *
 * <pre>
 * .            a/b.root-servers.net   127.53.0.1-2
 * com. net.    a/b.gtld-servers.net   127.53.1.1-2
 * org.         a/b.org-servers.net    127.53.2.1-2
 * example.com  ns1/ns2.example.com    127.53.10.1-2  seed 003 records; also serves sibling.com
 * api.example.com ns1/ns2.api.example.com 127.53.11.1-2 (in-domain glue in example.com)
 * tumblr.com   ns1.tumblr.com         127.53.12.1    example.tumblr.com (blog.example.com's target)
 * shop.com     ns1/ns2.dnshost.net    127.53.13.1-2  out-of-bailiwick NS, no glue: chase them
 * dnshost.net  ns1/ns2.dnshost.net    127.53.13.1-2
 * broken.com   ns1.broken.com         (no address anywhere: missing glue)
 * lame.com     ns1.lame.com 127.53.14.1 answers; ns2.lame.com 127.53.14.2 REFUSES
 * dead.com     ns1/ns2.dead.com       127.53.15.1-2  both REFUSE: every server lame
 * sibling.com  ns1/ns2.example.com    (sibling glue from com.)
 * example.org  ns1.example.org        127.53.16.1
 * example.net  ns1.example.net        127.53.17.1    features: wildcard, empty non-terminal,
 *                                                    CNAME chain and loop, DNAME, big TXT answers
 * </pre>
 */
public final class DemoWorld {

  public static final String A_ROOT = "a.root-servers.net.";
  public static final String B_ROOT = "b.root-servers.net.";
  public static final String A_ROOT_ADDRESS = "127.53.0.1";
  public static final String B_ROOT_ADDRESS = "127.53.0.2";
  public static final String A_GTLD = "a.gtld-servers.net.";
  public static final String B_GTLD = "b.gtld-servers.net.";
  public static final String A_GTLD_ADDRESS = "127.53.1.1";
  public static final String B_GTLD_ADDRESS = "127.53.1.2";
  public static final String A_ORG = "a.org-servers.net.";
  public static final String B_ORG = "b.org-servers.net.";
  public static final String NS1_EXAMPLE_COM = "ns1.example.com.";
  public static final String NS2_EXAMPLE_COM = "ns2.example.com.";
  public static final String NS1_EXAMPLE_COM_ADDRESS = "127.53.10.1";
  public static final String NS2_EXAMPLE_COM_ADDRESS = "127.53.10.2";
  public static final String NS1_API = "ns1.api.example.com.";
  public static final String NS2_API = "ns2.api.example.com.";
  public static final String NS1_TUMBLR = "ns1.tumblr.com.";
  public static final String NS1_DNSHOST = "ns1.dnshost.net.";
  public static final String NS2_DNSHOST = "ns2.dnshost.net.";
  public static final String NS1_LAME = "ns1.lame.com.";
  public static final String NS2_LAME = "ns2.lame.com.";
  public static final String NS1_DEAD = "ns1.dead.com.";
  public static final String NS2_DEAD = "ns2.dead.com.";
  public static final String NS1_EXAMPLE_ORG = "ns1.example.org.";
  public static final String NS1_EXAMPLE_NET = "ns1.example.net.";

  /** The seed's address for example.com and www.example.com. */
  public static final String EXAMPLE_COM_ADDRESS = "93.184.216.34";

  private DemoWorld() {}

  /** The demo world (immutable, so one shared instance is fine). */
  public static World world() {
    return WORLD;
  }

  private static World build() {
    return World.builder()
        .zone(".", ROOT)
        .zone("com.", COM)
        .zone("net.", NET)
        .zone("org.", ORG)
        .zone("example.com.", EXAMPLE_COM)
        .zone("api.example.com.", API_EXAMPLE_COM)
        .zone("tumblr.com.", TUMBLR_COM)
        .zone("shop.com.", SHOP_COM)
        .zone("dnshost.net.", DNSHOST_NET)
        .zone("lame.com.", LAME_COM)
        .zone("sibling.com.", SIBLING_COM)
        .zone("example.org.", EXAMPLE_ORG)
        .zone("example.net.", EXAMPLE_NET)
        .server(A_ROOT, A_ROOT_ADDRESS, ".")
        .server(B_ROOT, B_ROOT_ADDRESS, ".")
        .server(A_GTLD, A_GTLD_ADDRESS, "com.", "net.")
        .server(B_GTLD, B_GTLD_ADDRESS, "com.", "net.")
        .server(A_ORG, "127.53.2.1", "org.")
        .server(B_ORG, "127.53.2.2", "org.")
        .server(NS1_EXAMPLE_COM, NS1_EXAMPLE_COM_ADDRESS, "example.com.", "sibling.com.")
        .server(NS2_EXAMPLE_COM, NS2_EXAMPLE_COM_ADDRESS, "example.com.", "sibling.com.")
        .server(NS1_API, "127.53.11.1", "api.example.com.")
        .server(NS2_API, "127.53.11.2", "api.example.com.")
        .server(NS1_TUMBLR, "127.53.12.1", "tumblr.com.")
        .server(NS1_DNSHOST, "127.53.13.1", "dnshost.net.", "shop.com.")
        .server(NS2_DNSHOST, "127.53.13.2", "dnshost.net.", "shop.com.")
        .server(NS1_LAME, "127.53.14.1", "lame.com.")
        .server(NS2_LAME, "127.53.14.2")
        .server(NS1_DEAD, "127.53.15.1")
        .server(NS2_DEAD, "127.53.15.2")
        .server(NS1_EXAMPLE_ORG, "127.53.16.1", "example.org.")
        .server(NS1_EXAMPLE_NET, "127.53.17.1", "example.net.")
        .build();
  }

  private static final String ROOT =
      """
      $TTL 86400
      @   IN SOA a.root-servers.net. nstld.verisign-grs.com. 2025010100 1800 900 604800 86400
      @   518400 IN NS a.root-servers.net.
      @   518400 IN NS b.root-servers.net.
      com.  172800 IN NS a.gtld-servers.net.
      com.  172800 IN NS b.gtld-servers.net.
      net.  172800 IN NS a.gtld-servers.net.
      net.  172800 IN NS b.gtld-servers.net.
      org.  172800 IN NS a.org-servers.net.
      org.  172800 IN NS b.org-servers.net.
      a.root-servers.net. 518400 IN A 127.53.0.1
      b.root-servers.net. 518400 IN A 127.53.0.2
      a.gtld-servers.net. 172800 IN A 127.53.1.1
      b.gtld-servers.net. 172800 IN A 127.53.1.2
      a.org-servers.net.  172800 IN A 127.53.2.1
      b.org-servers.net.  172800 IN A 127.53.2.2
      """;

  private static final String COM =
      """
      $TTL 172800
      @   900 IN SOA a.gtld-servers.net. nstld.verisign-grs.com. 2025010100 1800 900 604800 86400
      @   IN NS a.gtld-servers.net.
      @   IN NS b.gtld-servers.net.
      example      IN NS ns1.example.com.
      example      IN NS ns2.example.com.
      ns1.example  IN A  127.53.10.1
      ns2.example  IN A  127.53.10.2
      tumblr       IN NS ns1.tumblr.com.
      ns1.tumblr   IN A  127.53.12.1
      shop         IN NS ns1.dnshost.net.
      shop         IN NS ns2.dnshost.net.
      broken       IN NS ns1.broken.com.
      lame         IN NS ns1.lame.com.
      lame         IN NS ns2.lame.com.
      ns1.lame     IN A  127.53.14.1
      ns2.lame     IN A  127.53.14.2
      dead         IN NS ns1.dead.com.
      dead         IN NS ns2.dead.com.
      ns1.dead     IN A  127.53.15.1
      ns2.dead     IN A  127.53.15.2
      sibling      IN NS ns1.example.com.
      sibling      IN NS ns2.example.com.
      """;

  private static final String NET =
      """
      $TTL 172800
      @   900 IN SOA a.gtld-servers.net. nstld.verisign-grs.com. 2025010100 1800 900 604800 86400
      @   IN NS a.gtld-servers.net.
      @   IN NS b.gtld-servers.net.
      a.root-servers  IN A 127.53.0.1
      b.root-servers  IN A 127.53.0.2
      a.gtld-servers  IN A 127.53.1.1
      b.gtld-servers  IN A 127.53.1.2
      a.org-servers   IN A 127.53.2.1
      b.org-servers   IN A 127.53.2.2
      dnshost         IN NS ns1.dnshost.net.
      dnshost         IN NS ns2.dnshost.net.
      ns1.dnshost     IN A  127.53.13.1
      ns2.dnshost     IN A  127.53.13.2
      example         IN NS ns1.example.net.
      ns1.example     IN A  127.53.17.1
      """;

  private static final String ORG =
      """
      $TTL 86400
      @   900 IN SOA a.org-servers.net. hostmaster.org. 2025010100 1800 900 604800 86400
      @   IN NS a.org-servers.net.
      @   IN NS b.org-servers.net.
      example      IN NS ns1.example.org.
      ns1.example  IN A  127.53.16.1
      """;

  /** Seed 003's zone; ns1/ns2 get addresses, the api glue moves into 127/8. */
  private static final String EXAMPLE_COM =
      """
      $ORIGIN example.com.
      $TTL 86400
      @ IN SOA ns1.example.com. admin.example.com. (
              2025021301 ; Serial
              3600       ; Refresh
              900        ; Retry
              1209600    ; Expire
              86400 )    ; Minimum / negative cache TTL
      @ IN NS ns1.example.com.
      @ IN NS ns2.example.com.
      ns1 IN A 127.53.10.1
      ns2 IN A 127.53.10.2
      @ IN A 93.184.216.34
      www IN A 93.184.216.34
      mail IN A 93.184.216.50
      @ IN AAAA 2606:2800:220:1:248:1893:25c8:1946
      @ IN MX 10 mail.example.com.
      @ IN MX 20 backup-mail.example.com.
      @ IN TXT "v=spf1 include:_spf.google.com ~all"
      blog IN CNAME example.tumblr.com.
      api IN NS ns1.api.example.com.
      api IN NS ns2.api.example.com.
      ns1.api IN A 127.53.11.1
      ns2.api IN A 127.53.11.2
      @ IN CAA 0 issue "letsencrypt.org"
      """;

  private static final String API_EXAMPLE_COM =
      """
      $TTL 86400
      @   IN SOA ns1.api.example.com. admin.example.com. 2025021301 3600 900 1209600 86400
      @   IN NS ns1.api.example.com.
      @   IN NS ns2.api.example.com.
      ns1 IN A 127.53.11.1
      ns2 IN A 127.53.11.2
      @   IN A 192.0.2.10
      v2  IN A 192.0.2.20
      """;

  private static final String TUMBLR_COM =
      """
      $TTL 3600
      @   IN SOA ns1.tumblr.com. hostmaster.tumblr.com. 2025010100 3600 900 1209600 3600
      @   IN NS ns1.tumblr.com.
      ns1 IN A 127.53.12.1
      example IN A 192.0.2.30
      """;

  private static final String SHOP_COM =
      """
      $TTL 3600
      @   IN SOA ns1.dnshost.net. hostmaster.dnshost.net. 2025010100 3600 900 1209600 3600
      @   IN NS ns1.dnshost.net.
      @   IN NS ns2.dnshost.net.
      @   IN A 192.0.2.80
      www IN A 192.0.2.80
      """;

  private static final String DNSHOST_NET =
      """
      $TTL 3600
      @   IN SOA ns1.dnshost.net. hostmaster.dnshost.net. 2025010100 3600 900 1209600 3600
      @   IN NS ns1.dnshost.net.
      @   IN NS ns2.dnshost.net.
      ns1 IN A 127.53.13.1
      ns2 IN A 127.53.13.2
      """;

  private static final String LAME_COM =
      """
      $TTL 3600
      @   IN SOA ns1.lame.com. hostmaster.lame.com. 2025010100 3600 900 1209600 3600
      @   IN NS ns1.lame.com.
      @   IN NS ns2.lame.com.
      ns1 IN A 127.53.14.1
      ns2 IN A 127.53.14.2
      www IN A 192.0.2.90
      """;

  private static final String SIBLING_COM =
      """
      $TTL 3600
      @   IN SOA ns1.example.com. admin.example.com. 2025010100 3600 900 1209600 3600
      @   IN NS ns1.example.com.
      @   IN NS ns2.example.com.
      @   IN A 192.0.2.110
      www IN A 192.0.2.110
      """;

  private static final String EXAMPLE_ORG =
      """
      $TTL 3600
      @   IN SOA ns1.example.org. hostmaster.example.org. 2025010100 3600 900 1209600 3600
      @   IN NS ns1.example.org.
      ns1 IN A 127.53.16.1
      @   IN A 192.0.2.100
      www IN A 192.0.2.100
      """;

  /**
   * Answer-side features for resolver tests: wildcard, empty non-terminal, in-zone CNAME chain, a
   * CNAME loop, a DNAME into example.org, a cross-zone CNAME, and TXT answers of about 900 bytes
   * (over 512: TC without EDNS) and about 2000 bytes (TC even with a 1232-byte EDNS payload).
   */
  private static final String EXAMPLE_NET =
      """
      $TTL 3600
      @   IN SOA ns1.example.net. hostmaster.example.net. 2025010100 3600 900 1209600 300
      @   IN NS ns1.example.net.
      ns1 IN A 127.53.17.1
      www IN A 192.0.2.60
      *.wild IN A 192.0.2.50
      *.wild IN TXT "synthesized from a wildcard"
      leaf.ent.deep IN A 192.0.2.61
      alias  IN CNAME www
      chain  IN CNAME alias
      outside IN CNAME www.example.com.
      loop1  IN CNAME loop2
      loop2  IN CNAME loop1
      org    IN DNAME example.org.
      """
          + bigTxt("big", 9)
          + bigTxt("huge", 20);

  private static String bigTxt(String owner, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(owner)
          .append(" IN TXT \"")
          .append(String.format("%02d", i))
          .append(" ")
          .append("x".repeat(85))
          .append("\"\n");
    }
    return text.toString();
  }

  /** Last, so that every zone text above is initialised before it is parsed. */
  private static final World WORLD = build();
}
