package io.rootwalk.cli.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.cli.graph.WalkGraph.Edge;
import io.rootwalk.cli.graph.WalkGraph.EdgeKind;
import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Row;
import io.rootwalk.cli.graph.WalkGraph.Shape;
import io.rootwalk.cli.graph.WalkGraph.Stroke;
import io.rootwalk.cli.graph.WalkGraph.Tone;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG: well-formed XML with every zone cut and server drawn, red and dashed where due. */
class SvgWriterTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void theChasedWalkParsesAndShowsEveryZoneCutAndServer() throws Exception {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.chasedNameServer(lab.get()));
    Document svg = parse(SvgWriter.write(graph));

    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getAttribute("xmlns"))
        .isEqualTo("http://www.w3.org/2000/svg");
    List<String> zoneCuts = texts(svg, "zone-cut");
    assertThat(zoneCuts).contains("shop.com.", "com.", "net.", "dnshost.net.", ".");
    assertThat(texts(svg, "server"))
        .anyMatch(t -> t.startsWith(DemoWorld.NS1_DNSHOST) || t.startsWith(DemoWorld.NS2_DNSHOST))
        .anyMatch(t -> t.startsWith(DemoWorld.A_GTLD) || t.startsWith(DemoWorld.B_GTLD))
        .hasSameSizeAs(groups(svg, "server"));
    assertThat(groups(svg, "server"))
        .anySatisfy(g -> assertThat(g.getTextContent()).contains("[chased]"));
    assertThat(texts(svg, "chase")).contains("chase ns1.dnshost.net. A");
    assertThat(svg.getElementsByTagName("g").getLength())
        .isGreaterThan(graph.nodes().size() + graph.edges().size());
    assertThat(groups(svg, "edge chased-address")).hasSize(1);
    assertThat(groups(svg, "legend")).hasSize(1);
  }

  @Test
  void theLameServerIsRedAndTheCacheHitDashed() throws Exception {
    WalkGraph graph = WalkGraphBuilder.of(DemoWalks.lameServerAfterCacheHit(lab.get()));
    Document svg = parse(SvgWriter.write(graph));

    Node lame = WalkGraphTest.server(graph, "lame.com.", DemoWorld.NS2_LAME);
    Element lameBox = rect(byId(svg, lame.id()));
    assertThat(lameBox.getAttribute("stroke")).isEqualTo(GraphColours.FAILED_LINE);
    for (Element hit : groups(svg, "cache-hit")) {
      assertThat(rect(hit).getAttribute("stroke-dasharray")).isNotEmpty();
    }
    assertThat(groups(svg, "cache-hit")).isNotEmpty();
    Node good = WalkGraphTest.server(graph, "lame.com.", DemoWorld.NS1_LAME);
    assertThat(rect(byId(svg, good.id())).getAttribute("stroke"))
        .isNotEqualTo(GraphColours.FAILED_LINE);
  }

  @Test
  void markupInANameIsEscapedSoTheDocumentStaysWellFormed() throws Exception {
    Node zone =
        new Node(
            "z0",
            Shape.ZONE_CUT,
            List.of("<b>&\"'.example.", "zone cut"),
            Stroke.SOLID,
            Tone.PLAIN);
    Node server =
        new Node("s1", Shape.SERVER, List.of("ns1.]]>\u0001.example."), Stroke.SOLID, Tone.FAILED);
    WalkGraph graph =
        new WalkGraph(
            "<svg> & co",
            "0 upstream queries",
            List.of(new Row(0, zone, List.of(server))),
            List.of(new Edge("z0", "s1", EdgeKind.ASK, "#1 <&>", Stroke.SOLID, Tone.FAILED)));

    Document svg = parse(SvgWriter.write(graph));

    assertThat(texts(svg, "zone-cut")).contains("<b>&\"'.example.");
    assertThat(texts(svg, "server")).contains("ns1.]]>\uFFFD.example.");
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The {@code <g>} elements of this class. */
  static List<Element> groups(Document svg, String cssClass) {
    List<Element> out = new ArrayList<>();
    NodeList gs = svg.getElementsByTagName("g");
    for (int i = 0; i < gs.getLength(); i++) {
      Element g = (Element) gs.item(i);
      if (g.getAttribute("class").equals(cssClass)) {
        out.add(g);
      }
    }
    return out;
  }

  static Element byId(Document svg, String id) {
    NodeList gs = svg.getElementsByTagName("g");
    for (int i = 0; i < gs.getLength(); i++) {
      Element g = (Element) gs.item(i);
      if (g.getAttribute("id").equals(id)) {
        return g;
      }
    }
    throw new AssertionError("no <g id=" + id + ">");
  }

  static Element rect(Element group) {
    return (Element) group.getElementsByTagName("rect").item(0);
  }

  /** The first text line of each node group of this class. */
  static List<String> texts(Document svg, String cssClass) {
    List<String> out = new ArrayList<>();
    for (Element g : groups(svg, cssClass)) {
      out.add(g.getElementsByTagName("text").item(0).getTextContent());
    }
    return out;
  }
}
