package io.rootwalk.cli.graph;

import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where each node of a {@link WalkGraph} goes in the SVG: rows top to bottom in walk order, a zone
 * cut (or chase) at the left, indented by its chase depth, what happened at it stacked in a column
 * to its right. Sizes come from the text: a monospace font makes every character as wide as the
 * next, so no font metrics are needed.
 */
final class SvgLayout {

  static final double FONT_SIZE = 12;

  /** DejaVu Sans Mono and Liberation Mono advance 0.6 em; a little more keeps text inside. */
  static final double CHAR_WIDTH = 7.4;

  static final double LINE_HEIGHT = 15;
  static final double PAD_X = 8;
  static final double PAD_Y = 6;
  static final double MARGIN = 20;

  /** The title, the subtitle and the legend take this much above the walk. */
  static final double HEADER = 104;

  static final double INDENT = 48;

  /** Room for an ask arrow and its "#12 chased" label. */
  static final double COLUMN_GAP = 96;

  static final double MEMBER_GAP = 8;

  /** Room for a referral arrow and its label between two rows. */
  static final double ROW_GAP = 46;

  /**
   * A node's box.
   *
   * @param x left
   * @param y top
   * @param width width
   * @param height height
   */
  record Box(double x, double y, double width, double height) {
    double right() {
      return x + width;
    }

    double bottom() {
      return y + height;
    }

    double centreX() {
      return x + width / 2;
    }

    double centreY() {
      return y + height / 2;
    }
  }

  private final Map<String, Box> boxes = new HashMap<>();
  private final Map<String, Integer> rowOf = new HashMap<>();
  private double width;
  private double height;

  SvgLayout(WalkGraph graph) {
    double y = MARGIN + HEADER;
    double right = 0;
    int r = 0;
    for (Row row : graph.rows()) {
      double x = MARGIN + INDENT * row.depth();
      Box head = place(row.head(), x, y, r);
      double memberX = head.right() + COLUMN_GAP;
      double memberY = y;
      right = Math.max(right, head.right());
      for (Node member : row.members()) {
        Box box = place(member, memberX, memberY, r);
        memberY = box.bottom() + MEMBER_GAP;
        right = Math.max(right, box.right());
      }
      double bottom = Math.max(head.bottom(), memberY - (row.members().isEmpty() ? 0 : MEMBER_GAP));
      y = bottom + ROW_GAP;
      r++;
    }
    width = right + MARGIN;
    height = y - ROW_GAP + MARGIN;
  }

  private Box place(Node node, double x, double y, int row) {
    Box box = new Box(x, y, width(node.lines()), height(node.lines().size()));
    boxes.put(node.id(), box);
    rowOf.put(node.id(), row);
    return box;
  }

  static double width(List<String> lines) {
    int longest = 0;
    for (String line : lines) {
      longest = Math.max(longest, line.codePointCount(0, line.length()));
    }
    return Math.ceil(longest * CHAR_WIDTH + 2 * PAD_X);
  }

  static double height(int lines) {
    return lines * LINE_HEIGHT + 2 * PAD_Y;
  }

  /** The node's box; every node of the graph has one. */
  Box box(String id) {
    return Objects.requireNonNull(boxes.get(id), id);
  }

  /** Whether two nodes are in the same row of the layout. */
  boolean sameRow(String a, String b) {
    return Objects.equals(rowOf.get(a), rowOf.get(b));
  }

  /** The picture's width, at least {@code minimum}. */
  double width(double minimum) {
    return Math.ceil(Math.max(width, minimum));
  }

  double height() {
    return Math.ceil(height);
  }
}
