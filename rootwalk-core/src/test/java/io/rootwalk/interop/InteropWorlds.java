package io.rootwalk.interop;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.World;

/**
 * The world every implementation serves: {@link DemoWorld} plus a glueless chain of depth 2.
 *
 * <pre>
 * chain.com.  NS ns1.hop1.net.  (com. can give no glue for a net. name: chase it)
 * hop1.net.   NS ns1.hop2.org.  (net. can give no glue for an org. name: chase that too)
 * hop2.org.   NS ns1.hop2.org.  127.53.19.1, in-domain glue in org.
 *
 * ns1.hop1.net. 127.53.18.1  serves chain.com.
 * ns1.hop2.org. 127.53.19.1  serves hop2.org. and hop1.net.
 * </pre>
 *
 * <p>And a lame delegation whose lame server comes first both in file order and in canonical order
 * (NSD keeps the first, Knot sorts RRsets canonically; BIND shuffles), so that the LAME step is
 * exercised without faults: {@code lamer.com. NS ns1.dead.com. (REFUSES), ns1.lame.com.}
 */
final class InteropWorlds {

  static final String NS1_HOP1 = "ns1.hop1.net.";
  static final String NS1_HOP2 = "ns1.hop2.org.";

  private static final World WORLD = build();

  private InteropWorlds() {}

  static World world() {
    return WORLD;
  }

  private static World build() {
    World demo = DemoWorld.world();
    String com =
        "chain.com. 172800 IN NS ns1.hop1.net.\n"
            + "lamer.com. 172800 IN NS ns1.dead.com.\n"
            + "lamer.com. 172800 IN NS ns1.lame.com.\n";
    String net = "hop1.net. 172800 IN NS ns1.hop2.org.\n";
    String org = "hop2.org. 86400 IN NS ns1.hop2.org.\n" + "ns1.hop2.org. 86400 IN A 127.53.19.1\n";
    return demo.toBuilder()
        .extendZone("com.", com)
        .extendZone("net.", net)
        .extendZone("org.", org)
        .zone(
            "chain.com.",
            """
            $TTL 3600
            @   IN SOA ns1.hop1.net. hostmaster.chain.com. 2025010100 3600 900 1209600 3600
            @   IN NS ns1.hop1.net.
            www IN A 192.0.2.120
            """)
        .zone(
            "hop1.net.",
            """
            $TTL 3600
            @   IN SOA ns1.hop2.org. hostmaster.hop1.net. 2025010100 3600 900 1209600 3600
            @   IN NS ns1.hop2.org.
            ns1 IN A 127.53.18.1
            """)
        .zone(
            "hop2.org.",
            """
            $TTL 3600
            @   IN SOA ns1.hop2.org. hostmaster.hop2.org. 2025010100 3600 900 1209600 3600
            @   IN NS ns1.hop2.org.
            ns1 IN A 127.53.19.1
            """)
        .zone(
            "lamer.com.",
            """
            $TTL 3600
            @   IN SOA ns1.lame.com. hostmaster.lame.com. 2025010100 3600 900 1209600 3600
            @   IN NS ns1.dead.com.
            @   IN NS ns1.lame.com.
            www IN A 192.0.2.91
            """)
        .server(DemoWorld.NS1_LAME, "127.53.14.1", "lame.com.", "lamer.com.")
        .server(NS1_HOP1, "127.53.18.1", "chain.com.")
        .server(NS1_HOP2, "127.53.19.1", "hop2.org.", "hop1.net.")
        .build();
  }
}
