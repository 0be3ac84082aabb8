package io.rootwalk.cli.graph;

import io.rootwalk.cli.graph.WalkGraph.Shape;
import io.rootwalk.cli.graph.WalkGraph.Tone;

/**
 * The colours both writers use, so the DOT and the SVG of one walk look alike. Failures are a
 * saturated red that is easy to find in a screenshot; nothing else in the picture is red.
 */
final class GraphColours {

  static final String FAILED_LINE = "#c62828";
  static final String FAILED_FILL = "#ffebee";
  static final String ANSWERED_LINE = "#2e7d32";
  static final String ANSWERED_FILL = "#e8f5e9";
  static final String PLAIN_LINE = "#37474f";
  static final String CACHE_LINE = "#607d8b";
  static final String ZONE_FILL = "#e3f2fd";
  static final String SERVER_FILL = "#ffffff";
  static final String CACHE_FILL = "#f5f5f5";
  static final String CHASE_FILL = "#fff8e1";
  static final String NOTE_FILL = "#fafafa";

  private GraphColours() {}

  /** The border or line colour for a tone. */
  static String line(Tone tone) {
    switch (tone) {
      case FAILED:
        return FAILED_LINE;
      case ANSWERED:
        return ANSWERED_LINE;
      default:
        return PLAIN_LINE;
    }
  }

  /** The fill of a node: its tone's when it failed or answered, else its shape's. */
  static String fill(Shape shape, Tone tone) {
    if (tone == Tone.FAILED) {
      return FAILED_FILL;
    }
    if (tone == Tone.ANSWERED) {
      return ANSWERED_FILL;
    }
    switch (shape) {
      case ZONE_CUT:
        return ZONE_FILL;
      case CACHE_HIT:
        return CACHE_FILL;
      case CHASE:
        return CHASE_FILL;
      case NOTE:
        return NOTE_FILL;
      default:
        return SERVER_FILL;
    }
  }
}
