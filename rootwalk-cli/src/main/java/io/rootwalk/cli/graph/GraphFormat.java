package io.rootwalk.cli.graph;

import java.util.Locale;
import java.util.Optional;

/** The picture formats {@code --graph FILE} writes, told apart by FILE's ending. */
public enum GraphFormat {
  /** A standalone SVG document, laid out by Rootwalk itself: open it in any browser. */
  SVG(".svg"),
  /** Graphviz DOT text, for {@code dot -Tpng} and friends. */
  DOT(".dot");

  private final String ending;

  GraphFormat(String ending) {
    this.ending = ending;
  }

  /**
   * The format a file name asks for.
   *
   * @param fileName a path or file name
   * @return SVG for a name ending {@code .svg}, DOT for {@code .dot}, in any case; empty otherwise
   */
  public static Optional<GraphFormat> forFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (GraphFormat format : values()) {
      if (lower.endsWith(format.ending)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /**
   * The graph in this format.
   *
   * @param graph the walk
   * @return the document's text
   */
  public String render(WalkGraph graph) {
    return this == SVG ? SvgWriter.write(graph) : DotWriter.write(graph);
  }
}
