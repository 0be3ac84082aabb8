package io.rootwalk.cli.graph;

import io.rootwalk.cli.graph.SvgLayout.Box;
import io.rootwalk.cli.graph.WalkGraph.Edge;
import io.rootwalk.cli.graph.WalkGraph.EdgeKind;
import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Shape;
import io.rootwalk.cli.graph.WalkGraph.Stroke;
import io.rootwalk.cli.graph.WalkGraph.Tone;
import java.util.Locale;

/**
 * Writes a {@link WalkGraph} as a standalone SVG 1.1 document, laid out by {@link SvgLayout}: every
 * node a {@code <g>} with a {@code <title>} (the browser's tooltip) and its text, every arrow a
 * path with its label, and a legend saying what solid, dotted, dashed and red mean. Every text is
 * XML-escaped, so a name with {@code <} or {@code &} in it cannot break the document.
 */
public final class SvgWriter {

  private static final String FONT = "font-family=\"DejaVu Sans Mono, Liberation Mono, monospace\"";

  private final StringBuilder svg = new StringBuilder();

  private SvgWriter() {}

  /**
   * The graph as SVG text.
   *
   * @param graph the walk
   * @return an {@code <svg>} document with its XML declaration
   */
  public static String write(WalkGraph graph) {
    SvgWriter writer = new SvgWriter();
    writer.document(graph, new SvgLayout(graph));
    return writer.svg.toString();
  }

  private void document(WalkGraph graph, SvgLayout layout) {
    double titleWidth =
        SvgLayout.MARGIN * 2
            + Math.max(
                graph.title().length() * 9.0, graph.subtitle().length() * SvgLayout.CHAR_WIDTH);
    double width = layout.width(Math.max(titleWidth, SvgLegend.WIDTH + 2 * SvgLayout.MARGIN));
    double height = layout.height();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        .append(" width=\"")
        .append(num(width))
        .append("\" height=\"")
        .append(num(height))
        .append("\" viewBox=\"0 0 ")
        .append(num(width))
        .append(' ')
        .append(num(height))
        .append("\" ")
        .append(FONT)
        .append(" font-size=\"")
        .append(num(SvgLayout.FONT_SIZE))
        .append("\">\n");
    svg.append("<title>").append(xml(graph.title())).append("</title>\n");
    markers();
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append("<text x=\"")
        .append(num(SvgLayout.MARGIN))
        .append("\" y=\"")
        .append(num(SvgLayout.MARGIN + 14))
        .append("\" font-size=\"15\" font-weight=\"bold\" fill=\"#000000\">")
        .append(xml(graph.title()))
        .append("</text>\n");
    svg.append("<text x=\"")
        .append(num(SvgLayout.MARGIN))
        .append("\" y=\"")
        .append(num(SvgLayout.MARGIN + 32))
        .append("\" fill=\"#37474f\">")
        .append(xml(graph.subtitle()))
        .append("</text>\n");
    svg.append(SvgLegend.draw(SvgLayout.MARGIN, SvgLayout.MARGIN + 48));
    svg.append("<g class=\"edges\">\n");
    for (Edge edge : graph.edges()) {
      edge(edge, layout);
    }
    svg.append("</g>\n<g class=\"nodes\">\n");
    for (Node node : graph.nodes()) {
      node(node, layout.box(node.id()));
    }
    svg.append("</g>\n</svg>\n");
  }

  private void markers() {
    svg.append("<defs>\n");
    marker("arrow-plain", GraphColours.PLAIN_LINE);
    marker("arrow-failed", GraphColours.FAILED_LINE);
    marker("arrow-cache", GraphColours.CACHE_LINE);
    svg.append("</defs>\n");
  }

  private void marker(String id, String colour) {
    svg.append("<marker id=\"")
        .append(id)
        .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\"")
        .append(" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
        .append(colour)
        .append("\"/></marker>\n");
  }

  private void node(Node node, Box box) {
    svg.append("<g id=\"")
        .append(node.id())
        .append("\" class=\"")
        .append(cssClass(node.shape()))
        .append("\">");
    svg.append("<title>").append(xml(String.join("\n", node.lines()))).append("</title>");
    String line = GraphColours.line(node.tone());
    svg.append("<rect x=\"")
        .append(num(box.x()))
        .append("\" y=\"")
        .append(num(box.y()))
        .append("\" width=\"")
        .append(num(box.width()))
        .append("\" height=\"")
        .append(num(box.height()))
        .append("\" rx=\"")
        .append(corner(node.shape()))
        .append("\" fill=\"")
        .append(GraphColours.fill(node.shape(), node.tone()))
        .append("\" stroke=\"")
        .append(line)
        .append("\" stroke-width=\"")
        .append(node.shape() == Shape.ZONE_CUT || node.tone() == Tone.FAILED ? "2" : "1.2")
        .append('"')
        .append(dashes(node.stroke()))
        .append("/>");
    double y = box.y() + SvgLayout.PAD_Y + SvgLayout.LINE_HEIGHT - 3.5;
    boolean first = true;
    for (String text : node.lines()) {
      svg.append("<text x=\"")
          .append(num(box.x() + SvgLayout.PAD_X))
          .append("\" y=\"")
          .append(num(y))
          .append("\" fill=\"")
          .append(node.tone() == Tone.FAILED ? GraphColours.FAILED_LINE : "#000000")
          .append(first ? "\" font-weight=\"bold" : "")
          .append("\">")
          .append(xml(text))
          .append("</text>");
      y += SvgLayout.LINE_HEIGHT;
      first = false;
    }
    svg.append("</g>\n");
  }

  private void edge(Edge edge, SvgLayout layout) {
    Box from = layout.box(edge.from());
    Box to = layout.box(edge.to());
    String path;
    double labelX;
    double labelY;
    if ((edge.kind() == EdgeKind.ASK || edge.kind() == EdgeKind.CACHE)
        && layout.sameRow(edge.from(), edge.to())) {
      // A zone cut to what happened at it, in the column to its right: a straight line.
      double x1 = from.right();
      double y1 = from.centreY();
      double x2 = to.x();
      double y2 = to.centreY();
      path = "M" + num(x1) + "," + num(y1) + " L" + num(x2) + "," + num(y2);
      labelX = x1 + (x2 - x1) * 0.45;
      labelY = y1 + (y2 - y1) * 0.45 - 4;
    } else {
      double x1;
      double y1;
      double x2;
      double y2;
      double c1;
      double c2;
      if (to.y() >= from.bottom()) { // down the delegation: bottom to top
        x1 = from.centreX();
        y1 = from.bottom();
        x2 = to.centreX();
        y2 = to.y();
        double bend = Math.max(20, (y2 - y1) / 2);
        c1 = y1 + bend;
        c2 = y2 - bend;
      } else if (to.bottom() <= from.y()) { // back up: a chased address reaching its server
        x1 = from.centreX();
        y1 = from.y();
        x2 = to.centreX();
        y2 = to.bottom();
        double bend = Math.max(20, (y1 - y2) / 2);
        c1 = y1 - bend;
        c2 = y2 + bend;
      } else { // within one row: an arc over the top
        x1 = from.centreX();
        y1 = from.y();
        x2 = to.centreX();
        y2 = to.y();
        c1 = Math.min(y1, y2) - 30;
        c2 = c1;
      }
      path =
          "M" + num(x1) + "," + num(y1) + " C" + num(x1) + "," + num(c1) + " " + num(x2) + ","
              + num(c2) + " " + num(x2) + "," + num(y2);
      // Beside the curve where it leaves its source, still running straight up or down: a label
      // at the curve's middle sits on the line wherever it runs level.
      labelX = x1 + 6;
      labelY = c1 > y1 ? y1 + 13 : y1 - 5;
    }
    String colour =
        edge.tone() == Tone.FAILED
            ? GraphColours.FAILED_LINE
            : edge.stroke() == Stroke.DASHED ? GraphColours.CACHE_LINE : GraphColours.PLAIN_LINE;
    String marker =
        edge.tone() == Tone.FAILED
            ? "arrow-failed"
            : edge.stroke() == Stroke.DASHED ? "arrow-cache" : "arrow-plain";
    svg.append("<g class=\"edge ")
        .append(edge.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .append("\"><title>")
        .append(xml(edge.from() + " -> " + edge.to() + " " + edge.label()))
        .append("</title><path d=\"")
        .append(path)
        .append("\" fill=\"none\" stroke=\"")
        .append(colour)
        .append("\" stroke-width=\"1.4\"")
        .append(dashes(edge.stroke()))
        .append(" marker-end=\"url(#")
        .append(marker)
        .append(")\"/>");
    if (!edge.label().isEmpty()) {
      svg.append("<text x=\"")
          .append(num(labelX))
          .append("\" y=\"")
          .append(num(labelY))
          .append("\" font-size=\"10\" fill=\"")
          .append(colour)
          .append("\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">")
          .append(xml(edge.label()))
          .append("</text>");
    }
    svg.append("</g>\n");
  }

  static String dashes(Stroke stroke) {
    switch (stroke) {
      case DASHED:
        return " stroke-dasharray=\"6 4\"";
      case DOTTED:
        return " stroke-dasharray=\"1.5 3\" stroke-linecap=\"round\"";
      default:
        return "";
    }
  }

  private static String corner(Shape shape) {
    switch (shape) {
      case SERVER:
      case CACHE_HIT:
        return "6";
      case CHASE:
        return "14";
      default:
        return "0";
    }
  }

  private static String cssClass(Shape shape) {
    return shape.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String num(double value) {
    if (value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * Text for XML content or a double-quoted attribute: the five special characters as entities, and
   * characters XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE and
   * U+FFFF) as U+FFFD, since even an entity for them makes the document malformed.
   */
  static String xml(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&apos;");
          break;
        default:
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            b.append(c).append(text.charAt(++i));
          } else if (allowed(c)) {
            b.append(c);
          } else {
            b.append('\uFFFD');
          }
      }
    }
    return b.toString();
  }

  private static boolean allowed(char c) {
    if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
      return false;
    }
    return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  }
}
