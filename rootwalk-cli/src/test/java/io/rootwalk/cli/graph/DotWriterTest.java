package io.rootwalk.cli.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Row;
import io.rootwalk.cli.graph.WalkGraph.Shape;
import io.rootwalk.cli.graph.WalkGraph.Stroke;
import io.rootwalk.cli.graph.WalkGraph.Tone;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DOT text: Graphviz's nodes, edges and styles for the demo walks. */
class DotWriterTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void theChasedWalkHasEveryZoneCutServerAndArrowWithItsStyle() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.chasedNameServer(lab.get()));
    String dot = DotWriter.write(graph);

    assertThat(dot).startsWith("digraph walk {\n").endsWith("}\n");
    Node shop = WalkGraphTest.zone(graph, "shop.com.");
    assertThat(dot)
        .contains(shop.id() + " [shape=box, style=\"filled,solid\"")
        .contains("label=\"shop.com.\\nzone cut\"");
    Node chased =
        WalkGraphTest.server(graph, "shop.com.", DemoWorld.NS1_DNSHOST, DemoWorld.NS2_DNSHOST);
    assertThat(dot)
        .contains(chased.id() + " [shape=box, style=\"filled,dotted,rounded\"")
        .containsPattern(
            shop.id() + " -> " + chased.id() + " \\[label=\"#\\d+ chased\", style=dotted")
        .containsPattern("x\\d+ -> " + chased.id() + " \\[label=\"address\", style=dotted")
        .contains("shape=hexagon")
        .contains("label=\"referral, glue 0/2\", style=solid");
    // One rank per row keeps each zone cut beside its servers.
    assertThat(dot.split("rank=same", -1)).hasSize(graph.rows().size() + 1);
  }

  @Test
  void theChasesNestedWalkIsADottedClusterOfItsOwnZoneCuts() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.chasedNameServer(lab.get()));
    String dot = DotWriter.write(graph);

    int start = dot.indexOf("subgraph cluster_x");
    assertThat(start).isPositive();
    String cluster = dot.substring(start, closing(dot, start));
    assertThat(cluster)
        .contains("label=\"nested walk: chase ns1.dnshost.net. A\"")
        .contains("label=\"net.\\nzone cut\"", "label=\"dnshost.net.\\nzone cut\"")
        .doesNotContain("label=\"shop.com.\\nzone cut\"", "label=\"com.\\nzone cut\"");
    assertThat(dot.chars().filter(c -> c == '{').count())
        .isEqualTo(dot.chars().filter(c -> c == '}').count());
  }

  /** The index just past the brace closing the block that opens at or after {@code start}. */
  private static int closing(String dot, int start) {
    int depth = 0;
    for (int i = dot.indexOf('{', start); i < dot.length(); i++) {
      if (dot.charAt(i) == '{') {
        depth++;
      } else if (dot.charAt(i) == '}' && --depth == 0) {
        return i + 1;
      }
    }
    throw new AssertionError("unbalanced braces in " + dot);
  }

  @Test
  void theLameServerIsRedAndTheCacheHitDashed() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.lameServerAfterCacheHit(lab.get()));
    String dot = DotWriter.write(graph);

    Node lame = WalkGraphTest.server(graph, "lame.com.", DemoWorld.NS2_LAME);
    assertThat(dot)
        .containsPattern(
            lame.id() + " \\[shape=box, style=\"filled,solid,rounded\", color=\"#c62828\"")
        .containsPattern(
            "z\\d+ -> " + lame.id() + " \\[label=\"#\\d+\", style=solid, color=\"#c62828\"")
        .containsPattern("c\\d+ \\[shape=box, style=\"filled,dashed,rounded\"")
        .containsPattern("label=\"cache\", style=dashed");
  }

  @Test
  void quotesAndBackslashesInNamesAreEscaped() {
    Node odd =
        new Node(
            "z0",
            Shape.ZONE_CUT,
            List.of("we\\\"ird.example.", "zone cut"),
            Stroke.SOLID,
            Tone.PLAIN);
    String dot =
        DotWriter.write(new WalkGraph("t", "s", List.of(new Row(0, odd, List.of())), List.of()));

    assertThat(dot).contains("label=\"we\\\\\\\"ird.example.\\nzone cut\"");
  }
}
