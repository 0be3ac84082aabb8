package io.rootwalk.hardening;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.World;

/**
 * The demo world plus the hostile and awkward corners the hardening scenarios need. Every name
 * server address is in 127.53.0.0/16, except the deliberately invalid glue of {@code badaddr.com}
 * and {@code mixed.com}, which the resolver must never use.
 *
 * <pre>
 * loopa.com / loopb.com   NS ns.loopb.com / ns.loopa.com, no glue: a delegation loop
 * nxns.com                NS ns1..ns3.nonexistent.example.net: name servers that do not exist
 * nxns20.com              NS ns01..ns20.nxns.example.net: NXNSAttack shape (20 glueless NS)
 * target.com              NS ns.hop1.net        (127.53.20.1, glueless)
 *   hop1.net              NS ns.hop2.org        (127.53.21.1, glueless)
 *     hop2.org            NS ns.hop3.com        (127.53.22.1, glueless)
 *       hop3.com          NS ns1.hop3.com       (127.53.23.1, in-domain glue)   chase depth 3
 * badaddr.com             glue 0.0.0.0, 224.0.0.1, 255.255.255.255: never queried
 * mixed.com               ns1 glue 0.0.0.0, ns2 127.53.24.1 (serves it)
 * c0.example.net          CNAME chain of 13 hops alternating example.net / example.org
 * s0.example.net          CNAME chain of 2 hops, s2.example.net A 192.0.2.102
 * </pre>
 */
final class HardeningWorld {

  static final String TARGET_SERVER = "127.53.20.1";
  static final String HOP1_SERVER = "127.53.21.1";
  static final String HOP2_SERVER = "127.53.22.1";
  static final String HOP3_SERVER = "127.53.23.1";
  static final String MIXED_SERVER = "127.53.24.1";

  /** Hops in the long alias chain c0 .. c13 (more than the default maxAliasHops of 11). */
  static final int LONG_CHAIN_HOPS = 13;

  private HardeningWorld() {}

  static World world() {
    return WORLD;
  }

  private static World build() {
    World demo = DemoWorld.world();
    StringBuilder nxns20 = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      nxns20.append(String.format("nxns20.com. 172800 IN NS ns%02d.nxns.example.net.%n", i));
    }
    String com =
        """
        loopa.com. 172800 IN NS ns.loopb.com.
        loopb.com. 172800 IN NS ns.loopa.com.
        nxns.com. 172800 IN NS ns1.nonexistent.example.net.
        nxns.com. 172800 IN NS ns2.nonexistent.example.net.
        nxns.com. 172800 IN NS ns3.nonexistent.example.net.
        target.com. 172800 IN NS ns.hop1.net.
        hop3.com. 172800 IN NS ns1.hop3.com.
        ns1.hop3.com. 172800 IN A 127.53.23.1
        badaddr.com. 172800 IN NS ns1.badaddr.com.
        badaddr.com. 172800 IN NS ns2.badaddr.com.
        badaddr.com. 172800 IN NS ns3.badaddr.com.
        ns1.badaddr.com. 172800 IN A 0.0.0.0
        ns2.badaddr.com. 172800 IN A 224.0.0.1
        ns3.badaddr.com. 172800 IN A 255.255.255.255
        mixed.com. 172800 IN NS ns1.mixed.com.
        mixed.com. 172800 IN NS ns2.mixed.com.
        ns1.mixed.com. 172800 IN A 0.0.0.0
        ns2.mixed.com. 172800 IN A 127.53.24.1
        """
            + nxns20;
    StringBuilder net = new StringBuilder("hop1.net. 172800 IN NS ns.hop2.org.\n");
    StringBuilder org = new StringBuilder("hop2.org. 172800 IN NS ns.hop3.com.\n");
    StringBuilder exampleNet = new StringBuilder();
    StringBuilder exampleOrg = new StringBuilder();
    for (int i = 0; i < LONG_CHAIN_HOPS; i++) {
      String next = "c" + (i + 1) + ((i + 1) % 2 == 0 ? ".example.net." : ".example.org.");
      (i % 2 == 0 ? exampleNet : exampleOrg)
          .append("c" + i + (i % 2 == 0 ? ".example.net." : ".example.org."))
          .append(" 3600 IN CNAME ")
          .append(next)
          .append('\n');
    }
    (LONG_CHAIN_HOPS % 2 == 0 ? exampleNet : exampleOrg)
        .append(
            "c" + LONG_CHAIN_HOPS + (LONG_CHAIN_HOPS % 2 == 0 ? ".example.net." : ".example.org."))
        .append(" 3600 IN A 192.0.2.113\n");
    exampleNet.append("s0.example.net. 3600 IN CNAME s1.example.org.\n");
    exampleOrg.append("s1.example.org. 3600 IN CNAME s2.example.net.\n");
    exampleNet.append("s2.example.net. 3600 IN A 192.0.2.102\n");
    return demo.toBuilder()
        .extendZone("com.", com)
        .extendZone("net.", net.toString())
        .extendZone("org.", org.toString())
        .extendZone("example.net.", exampleNet.toString())
        .extendZone("example.org.", exampleOrg.toString())
        .zone(
            "target.com.",
            """
            $TTL 3600
            @ IN SOA ns.hop1.net. hostmaster.target.com. 1 3600 900 1209600 300
            @ IN NS ns.hop1.net.
            www IN A 192.0.2.200
            """)
        .zone(
            "hop1.net.",
            """
            $TTL 3600
            @ IN SOA ns.hop2.org. hostmaster.hop1.net. 1 3600 900 1209600 300
            @ IN NS ns.hop2.org.
            ns IN A 127.53.20.1
            """)
        .zone(
            "hop2.org.",
            """
            $TTL 3600
            @ IN SOA ns.hop3.com. hostmaster.hop2.org. 1 3600 900 1209600 300
            @ IN NS ns.hop3.com.
            ns IN A 127.53.21.1
            """)
        .zone(
            "hop3.com.",
            """
            $TTL 3600
            @ IN SOA ns1.hop3.com. hostmaster.hop3.com. 1 3600 900 1209600 300
            @ IN NS ns1.hop3.com.
            ns1 IN A 127.53.23.1
            ns IN A 127.53.22.1
            """)
        .zone(
            "mixed.com.",
            """
            $TTL 3600
            @ IN SOA ns2.mixed.com. hostmaster.mixed.com. 1 3600 900 1209600 300
            @ IN NS ns1.mixed.com.
            @ IN NS ns2.mixed.com.
            ns1 IN A 0.0.0.0
            ns2 IN A 127.53.24.1
            www IN A 192.0.2.210
            """)
        .server("ns.hop1.net.", TARGET_SERVER, "target.com.")
        .server("ns.hop2.org.", HOP1_SERVER, "hop1.net.")
        .server("ns.hop3.com.", HOP2_SERVER, "hop2.org.")
        .server("ns1.hop3.com.", HOP3_SERVER, "hop3.com.")
        .server("ns2.mixed.com.", MIXED_SERVER, "mixed.com.")
        .build();
  }

  private static final World WORLD = build();
}
