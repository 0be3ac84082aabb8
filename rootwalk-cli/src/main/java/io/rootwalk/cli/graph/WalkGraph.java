package io.rootwalk.cli.graph;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One resolution's walk as a picture to draw: zone cuts, the servers asked at each, cache hits,
 * chases of name-server addresses, and the arrows between them. The rows say where a simple layered
 * layout puts each node: zone cuts top to bottom in walk order, what happened at a cut beside it, a
 * chase's nested walk indented one level deeper.
 *
 * @param title what was asked and how it ended, e.g. {@code www.shop.com. A: NOERROR}
 * @param subtitle the counters: upstream queries, zone cuts, elapsed time
 * @param rows every node, once, in display order
 * @param edges the arrows, in walk order
 */
public record WalkGraph(String title, String subtitle, List<Row> rows, List<Edge> edges) {

  /**
   * Copies the lists.
   *
   * @param title what was asked and how it ended
   * @param subtitle the counters
   * @param rows the nodes, row by row
   * @param edges the arrows
   */
  public WalkGraph {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    rows = List.copyOf(rows);
    edges = List.copyOf(edges);
  }

  /**
   * Every node, row by row, head first.
   *
   * @return the nodes in display order
   */
  public List<Node> nodes() {
    return rows.stream()
        .flatMap(row -> Stream.concat(Stream.of(row.head()), row.members().stream()))
        .toList();
  }

  /** What a node stands for; each writer gives each its own shape. */
  public enum Shape {
    /** A zone cut: the zone whose servers were asked. */
    ZONE_CUT,
    /** One exchange with one server address. */
    SERVER,
    /** Something the cache already knew, so nothing was asked. */
    CACHE_HIT,
    /** A nested resolution of a name server's address. */
    CHASE,
    /** A last resort or a DNSSEC check: a note on the walk. */
    NOTE
  }

  /** How a node's border or an edge's line is drawn. */
  public enum Stroke {
    /** Asked, with an address from glue, the hints or priming. */
    SOLID,
    /** From the cache: a cache hit, or a zone cut the walk started from because it was cached. */
    DASHED,
    /** A chase, or a server whose address was found by one. */
    DOTTED
  }

  /** What a node's or an edge's colour says. */
  public enum Tone {
    /** An ordinary step. */
    PLAIN,
    /** The data asked for, or a negative answer: the walk ended well here. */
    ANSWERED,
    /** Lame, timed out, unreachable or malformed: drawn red. */
    FAILED
  }

  /** What an arrow stands for. */
  public enum EdgeKind {
    /** A zone cut's server asked: zone cut to server. */
    ASK,
    /** A referral down the delegation: server to the child zone cut. */
    REFERRAL,
    /** An alias followed: server to the zone cut the walk continued at. */
    ALIAS,
    /** The cache consulted: zone cut to cache hit. */
    CACHE,
    /** A chase started: the zone cut needing an address to the chase, the chase to its walk. */
    CHASE,
    /** The address a chase found, used: chase to the server asked at that address. */
    CHASED_ADDRESS
  }

  /**
   * One box to draw.
   *
   * @param id unique within the graph, made of letters, digits and underscores
   * @param shape what it stands for
   * @param lines its text, one line each; the first is the name
   * @param stroke how its border is drawn
   * @param tone its colour
   */
  public record Node(String id, Shape shape, List<String> lines, Stroke stroke, Tone tone) {
    /**
     * Copies the lines.
     *
     * @param id unique id
     * @param shape what it stands for
     * @param lines its text
     * @param stroke its border
     * @param tone its colour
     * @throws IllegalArgumentException if there is no line
     */
    public Node {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(shape, "shape");
      lines = List.copyOf(lines);
      Objects.requireNonNull(stroke, "stroke");
      Objects.requireNonNull(tone, "tone");
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("a node needs at least one line: " + id);
      }
    }

    /**
     * The node's name, its first line.
     *
     * @return e.g. {@code com.} or {@code b.gtld-servers.net. 127.53.1.2}
     */
    public String name() {
      return lines.get(0);
    }
  }

  /**
   * One arrow.
   *
   * @param from the source node's id
   * @param to the target node's id
   * @param kind what it stands for
   * @param label a short text beside it, possibly empty
   * @param stroke how its line is drawn
   * @param tone its colour
   */
  public record Edge(
      String from, String to, EdgeKind kind, String label, Stroke stroke, Tone tone) {
    /**
     * Checks that every part is present.
     *
     * @param from the source id
     * @param to the target id
     * @param kind what it stands for
     * @param label its text
     * @param stroke its line
     * @param tone its colour
     */
    public Edge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(stroke, "stroke");
      Objects.requireNonNull(tone, "tone");
    }
  }

  /**
   * One row of the layout: a zone cut and what happened at it, or a chase heading its nested walk.
   *
   * @param depth how deeply nested in chases, 0 for the lookup itself
   * @param head the zone cut, the chase, or the DNSSEC heading
   * @param members the nodes beside it, in the order they happened
   */
  public record Row(int depth, Node head, List<Node> members) {
    /**
     * Copies the list.
     *
     * @param depth the nesting depth
     * @param head the row's first node
     * @param members the nodes beside it
     */
    public Row {
      Objects.requireNonNull(head, "head");
      members = List.copyOf(members);
    }
  }
}
