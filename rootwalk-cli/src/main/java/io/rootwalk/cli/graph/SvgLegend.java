package io.rootwalk.cli.graph;

import static io.rootwalk.cli.graph.SvgWriter.num;

/**
 * The key drawn under the title: what a box, a solid, dotted or dashed line and red mean. One row
 * of samples, each followed by its words.
 */
final class SvgLegend {

  private record Item(String sample, String words) {}

  private static final Item[] ITEMS = {
    new Item("zone", "zone cut"),
    new Item("server", "server asked"),
    new Item("solid", "glue / hints / referral"),
    new Item("dotted", "chased address"),
    new Item("dashed", "from the cache"),
    new Item("failed", "lame / timeout"),
    new Item("answered", "answer")
  };

  private static final double SAMPLE = 28;
  private static final double GAP = 18;

  /** The legend's width, for the picture to be at least that wide. */
  static final double WIDTH = width();

  private SvgLegend() {}

  private static double width() {
    double w = 0;
    for (Item item : ITEMS) {
      w += SAMPLE + 6 + item.words().length() * SvgLayout.CHAR_WIDTH + GAP;
    }
    return w;
  }

  /** The legend's markup, its top left corner at ({@code x}, {@code y}). */
  static String draw(double x, double y) {
    StringBuilder svg = new StringBuilder("<g class=\"legend\"><title>legend</title>\n");
    double cx = x;
    double mid = y + 10;
    for (Item item : ITEMS) {
      svg.append(sample(item.sample(), cx, y, mid));
      svg.append("<text x=\"")
          .append(num(cx + SAMPLE + 6))
          .append("\" y=\"")
          .append(num(mid + 4))
          .append("\" fill=\"#37474f\">")
          .append(item.words())
          .append("</text>\n");
      cx += SAMPLE + 6 + item.words().length() * SvgLayout.CHAR_WIDTH + GAP;
    }
    return svg.append("</g>\n").toString();
  }

  private static String sample(String kind, double x, double y, double mid) {
    switch (kind) {
      case "zone":
        return box(x, y, GraphColours.ZONE_FILL, GraphColours.PLAIN_LINE, "2", "");
      case "server":
        return box(x, y, GraphColours.SERVER_FILL, GraphColours.PLAIN_LINE, "1.2", "");
      case "dotted":
        return line(x, mid, GraphColours.PLAIN_LINE, SvgWriter.dashes(WalkGraph.Stroke.DOTTED));
      case "dashed":
        return line(x, mid, GraphColours.CACHE_LINE, SvgWriter.dashes(WalkGraph.Stroke.DASHED));
      case "failed":
        return box(x, y, GraphColours.FAILED_FILL, GraphColours.FAILED_LINE, "2", "");
      case "answered":
        return box(x, y, GraphColours.ANSWERED_FILL, GraphColours.ANSWERED_LINE, "1.2", "");
      default:
        return line(x, mid, GraphColours.PLAIN_LINE, "");
    }
  }

  private static String box(
      double x, double y, String fill, String stroke, String width, String dashes) {
    return "<rect x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\" width=\""
        + num(SAMPLE)
        + "\" height=\"20\" rx=\"3\" fill=\""
        + fill
        + "\" stroke=\""
        + stroke
        + "\" stroke-width=\""
        + width
        + "\""
        + dashes
        + "/>";
  }

  private static String line(double x, double mid, String colour, String dashes) {
    return "<path d=\"M"
        + num(x)
        + ","
        + num(mid)
        + " L"
        + num(x + SAMPLE)
        + ","
        + num(mid)
        + "\" stroke=\""
        + colour
        + "\" stroke-width=\"1.6\" fill=\"none\""
        + dashes
        + " marker-end=\"url(#arrow-"
        + (colour.equals(GraphColours.CACHE_LINE) ? "cache" : "plain")
        + ")\"/>";
  }
}
