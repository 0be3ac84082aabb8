package io.rootwalk.cli.graph;

import io.rootwalk.cli.graph.WalkGraph.Edge;
import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Row;
import io.rootwalk.cli.graph.WalkGraph.Stroke;
import io.rootwalk.cli.graph.WalkGraph.Tone;
import java.util.ArrayDeque;

/**
 * Writes a {@link WalkGraph} as Graphviz DOT, for {@code dot -Tpng} or any other Graphviz tool.
 * Each row is a {@code rank=same} group, so Graphviz keeps a zone cut beside the servers asked at
 * it, and each chase's nested walk a dotted cluster; Graphviz lays the rows out itself.
 */
public final class DotWriter {

  private DotWriter() {}

  /**
   * The graph as DOT text.
   *
   * @param graph the walk
   * @return a {@code digraph walk { ... }} document
   */
  public static String write(WalkGraph graph) {
    StringBuilder dot = new StringBuilder();
    dot.append("digraph walk {\n");
    dot.append("  label=")
        .append(quote(graph.title() + "\n" + graph.subtitle()))
        .append(";\n  labelloc=t;\n  rankdir=TB;\n  newrank=true;\n");
    dot.append("  node [fontname=\"monospace\", fontsize=10, style=filled];\n");
    dot.append("  edge [fontname=\"monospace\", fontsize=9];\n");
    // A chase's rows go in a cluster of their own, so Graphviz draws its nested walk apart, as the
    // text trace indents it; the stack holds the depths of the clusters still open.
    ArrayDeque<Integer> open = new ArrayDeque<>();
    int r = 0;
    for (Row row : graph.rows()) {
      boolean chase = row.head().shape() == WalkGraph.Shape.CHASE;
      while (!open.isEmpty()
          && (row.depth() < open.peek() || (chase && row.depth() == open.peek()))) {
        open.pop();
        dot.append("  }\n");
      }
      if (chase) {
        dot.append("  subgraph cluster_")
            .append(row.head().id())
            .append(" {\n    style=dotted;\n    color=")
            .append(quote(GraphColours.PLAIN_LINE))
            .append(";\n    label=")
            .append(quote("nested walk: " + row.head().name()))
            .append(";\n");
        open.push(row.depth());
      }
      dot.append("  subgraph row").append(r++).append(" {\n    rank=same;\n");
      node(dot, row.head());
      for (Node member : row.members()) {
        node(dot, member);
      }
      dot.append("  }\n");
    }
    while (!open.isEmpty()) {
      open.pop();
      dot.append("  }\n");
    }
    for (Edge edge : graph.edges()) {
      dot.append("  ")
          .append(edge.from())
          .append(" -> ")
          .append(edge.to())
          .append(" [label=")
          .append(quote(edge.label()))
          .append(", style=")
          .append(style(edge.stroke()))
          .append(", color=")
          .append(quote(edge.tone() == Tone.FAILED ? GraphColours.FAILED_LINE : lineOf(edge)))
          .append("];\n");
    }
    dot.append("}\n");
    return dot.toString();
  }

  private static String lineOf(Edge edge) {
    return edge.stroke() == Stroke.DASHED ? GraphColours.CACHE_LINE : GraphColours.PLAIN_LINE;
  }

  private static void node(StringBuilder dot, Node node) {
    String shape;
    switch (node.shape()) {
      case ZONE_CUT:
        shape = "box";
        break;
      case CHASE:
        shape = "hexagon";
        break;
      case NOTE:
        shape = "note";
        break;
      default:
        shape = "box";
    }
    String style = "filled," + style(node.stroke());
    if (node.shape() == WalkGraph.Shape.SERVER || node.shape() == WalkGraph.Shape.CACHE_HIT) {
      style += ",rounded";
    }
    dot.append("    ")
        .append(node.id())
        .append(" [shape=")
        .append(shape)
        .append(", style=")
        .append(quote(style))
        .append(", color=")
        .append(quote(GraphColours.line(node.tone())))
        .append(", fillcolor=")
        .append(quote(GraphColours.fill(node.shape(), node.tone())))
        .append(node.shape() == WalkGraph.Shape.ZONE_CUT ? ", penwidth=2" : "")
        .append(", label=")
        .append(quote(String.join("\n", node.lines())))
        .append("];\n");
  }

  private static String style(Stroke stroke) {
    switch (stroke) {
      case DASHED:
        return "dashed";
      case DOTTED:
        return "dotted";
      default:
        return "solid";
    }
  }

  /**
   * A DOT double-quoted string: backslash and quote escaped (dnsjava prints a special character in
   * a name as a backslash escape, which must reach Graphviz as written), a line break as DOT's
   * {@code \n}, any other control character as a space.
   */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (Character.isISOControl(c)) {
        b.append(' ');
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
