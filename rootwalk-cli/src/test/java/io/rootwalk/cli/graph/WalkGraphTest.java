package io.rootwalk.cli.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolution;
import io.rootwalk.Status;
import io.rootwalk.cli.graph.WalkGraph.Edge;
import io.rootwalk.cli.graph.WalkGraph.EdgeKind;
import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Row;
import io.rootwalk.cli.graph.WalkGraph.Shape;
import io.rootwalk.cli.graph.WalkGraph.Stroke;
import io.rootwalk.cli.graph.WalkGraph.Tone;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The walk as a graph: which nodes, rows and arrows a demo walk becomes. */
class WalkGraphTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void aGlueReferralIsASolidArrowFromTheReferringServerToTheChildZoneCut() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.chasedNameServer(lab.get()));

    Node net = zone(graph, "net.");
    Node dnshost = zone(graph, "dnshost.net.");
    Node gtld = server(graph, "net.", DemoWorld.A_GTLD, DemoWorld.B_GTLD);
    assertThat(gtld.lines()).anySatisfy(l -> assertThat(l).contains("[in-domain glue]"));
    assertThat(gtld.lines())
        .as("the question sent: net. is asked only the labels it needs (QNAME minimisation)")
        .contains("asked dnshost.net. A");
    assertThat(graph.edges())
        .contains(
            new Edge(
                gtld.id(),
                dnshost.id(),
                EdgeKind.REFERRAL,
                "referral, glue 2/2",
                Stroke.SOLID,
                Tone.PLAIN));
    assertThat(edgesTo(graph, gtld.id()))
        .singleElement()
        .satisfies(
            ask -> {
              assertThat(ask.from()).isEqualTo(net.id());
              assertThat(ask.kind()).isEqualTo(EdgeKind.ASK);
              assertThat(ask.stroke()).isEqualTo(Stroke.SOLID);
            });
  }

  @Test
  void aChasedNameServerIsADottedSubWalkOneLevelDeeperWhoseAddressReachesTheServer() {
    Resolution r = DemoWalks.chasedNameServer(lab.get());
    WalkGraph graph = WalkGraphBuilder.of(r);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    Row chaseRow =
        graph.rows().stream()
            .filter(row -> row.head().shape() == Shape.CHASE)
            .findFirst()
            .orElseThrow();
    Node chase = chaseRow.head();
    assertThat(chase.name()).isEqualTo("chase ns1.dnshost.net. A");
    assertThat(chase.stroke()).isEqualTo(Stroke.DOTTED);
    assertThat(chaseRow.depth()).isEqualTo(1);
    // The chase's own walk: from the root through net. to dnshost.net., indented under it.
    assertThat(graph.rows())
        .filteredOn(row -> row.depth() == 1 && row.head().shape() == Shape.ZONE_CUT)
        .extracting(row -> row.head().name())
        .containsExactly(".", "net.", "dnshost.net.");
    Node shop = zone(graph, "shop.com.");
    assertThat(graph.edges())
        .anySatisfy(e -> assertThat(e).isEqualTo(chaseEdge(shop.id(), chase.id())));
    Node chased = server(graph, "shop.com.", DemoWorld.NS1_DNSHOST, DemoWorld.NS2_DNSHOST);
    assertThat(chased.stroke()).isEqualTo(Stroke.DOTTED);
    assertThat(chased.lines()).anySatisfy(l -> assertThat(l).contains("[chased]"));
    assertThat(edgesTo(graph, chased.id()))
        .extracting(Edge::from, Edge::kind, Edge::stroke)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(shop.id(), EdgeKind.ASK, Stroke.DOTTED),
            org.assertj.core.groups.Tuple.tuple(
                chase.id(), EdgeKind.CHASED_ADDRESS, Stroke.DOTTED));
  }

  @Test
  void aLameServerIsRedAndTheCachedZoneCutItWasAskedFromIsDashed() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.lameServerAfterCacheHit(lab.get()));

    Node lame = server(graph, "lame.com.", DemoWorld.NS2_LAME);
    assertThat(lame.tone()).isEqualTo(Tone.FAILED);
    assertThat(lame.lines()).anySatisfy(l -> assertThat(l).startsWith("lame: REFUSED"));
    Node good = server(graph, "lame.com.", DemoWorld.NS1_LAME);
    assertThat(good.tone()).isEqualTo(Tone.ANSWERED);
    Node cut = zone(graph, "lame.com.");
    assertThat(cut.stroke()).isEqualTo(Stroke.DASHED);
    Node hit = rowOf(graph, "lame.com.").members().get(0);
    assertThat(hit.shape()).isEqualTo(Shape.CACHE_HIT);
    assertThat(hit.stroke()).isEqualTo(Stroke.DASHED);
    assertThat(hit.lines())
        .containsExactly("(cache) cached delegation", "NS ns1.lame.com., ns2.lame.com.");
    assertThat(edgesTo(graph, lame.id()))
        .singleElement()
        .satisfies(ask -> assertThat(ask.tone()).isEqualTo(Tone.FAILED));
  }

  @Test
  void aTimedOutServerIsRed() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.timedOutRootServer(lab.get()));

    Node silent = server(graph, ".", DemoWorld.A_ROOT);
    assertThat(silent.tone()).isEqualTo(Tone.FAILED);
    assertThat(silent.lines()).anySatisfy(l -> assertThat(l).startsWith("timeout after"));
  }

  @Test
  void everyEdgeJoinsTwoNodesOfTheGraphAndEveryIdIsUnique() {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.chasedNameServer(lab.get()));

    Map<String, Node> byId =
        graph.nodes().stream().collect(Collectors.toMap(Node::id, Function.identity()));
    assertThat(byId).hasSameSizeAs(graph.nodes());
    assertThat(graph.edges()).allSatisfy(e -> assertThat(byId).containsKeys(e.from(), e.to()));
    assertThat(byId.keySet()).allMatch(id -> id.matches("[a-z][0-9]+"));
  }

  static Edge chaseEdge(String from, String to) {
    return new Edge(from, to, EdgeKind.CHASE, "chase", Stroke.DOTTED, Tone.PLAIN);
  }

  static Row rowOf(WalkGraph graph, String zone) {
    return graph.rows().stream()
        .filter(row -> row.head().shape() == Shape.ZONE_CUT && row.head().name().equals(zone))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + zone + " in " + graph.rows()));
  }

  static Node zone(WalkGraph graph, String zone) {
    return rowOf(graph, zone).head();
  }

  /** The one server node at {@code zone} named one of {@code names}. */
  static Node server(WalkGraph graph, String zone, String... names) {
    List<Node> servers =
        rowOf(graph, zone).members().stream()
            .filter(n -> n.shape() == Shape.SERVER)
            .filter(n -> List.of(names).contains(n.name().split(" ")[0]))
            .toList();
    assertThat(servers).as("servers %s at %s", List.of(names), zone).hasSize(1);
    return servers.get(0);
  }

  static List<Edge> edgesTo(WalkGraph graph, String id) {
    return graph.edges().stream().filter(e -> e.to().equals(id)).toList();
  }
}
