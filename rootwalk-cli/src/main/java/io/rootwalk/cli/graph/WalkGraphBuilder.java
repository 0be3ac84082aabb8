package io.rootwalk.cli.graph;

import io.rootwalk.Outcome;
import io.rootwalk.Provenance;
import io.rootwalk.Resolution;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.cli.graph.WalkGraph.Edge;
import io.rootwalk.cli.graph.WalkGraph.EdgeKind;
import io.rootwalk.cli.graph.WalkGraph.Node;
import io.rootwalk.cli.graph.WalkGraph.Row;
import io.rootwalk.cli.graph.WalkGraph.Shape;
import io.rootwalk.cli.graph.WalkGraph.Stroke;
import io.rootwalk.cli.graph.WalkGraph.Tone;
import io.rootwalk.spi.Protocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns a {@link Trace} into a {@link WalkGraph}, step by step in the order the walk took them.
 * Every exchange is its own server node (a retry over TCP is a second exchange, as the trace says),
 * so the picture shows each try; a chase's nested trace becomes rows one level deeper, linked to
 * the delegation that needed the address and to the server later asked at it.
 */
public final class WalkGraphBuilder {

  private final List<Edge> edges = new ArrayList<>();
  private final List<Node> dnssec = new ArrayList<>();
  private int steps;
  private int ids;

  private WalkGraphBuilder() {}

  /**
   * The picture of one resolution's walk.
   *
   * @param resolution a finished lookup, with its trace
   * @return its zone cuts, servers, cache hits and chases, and the arrows between them
   */
  public static WalkGraph of(Resolution resolution) {
    WalkGraphBuilder builder = new WalkGraphBuilder();
    Trace trace = resolution.trace();
    Level top = builder.walk(trace, 0);
    List<Row> rows = new ArrayList<>();
    top.rows(rows);
    if (!builder.dnssec.isEmpty()) {
      Node heading =
          new Node(
              builder.id("d"),
              Shape.NOTE,
              List.of("DNSSEC", "checked after the walk"),
              Stroke.SOLID,
              Tone.PLAIN);
      rows.add(new Row(0, heading, builder.dnssec));
    }
    String title =
        resolution.question()
            + ": "
            + resolution.status()
            + resolution.failure().map(f -> " (" + f.reason() + ")").orElse("");
    int cuts = trace.zoneCuts().size();
    String subtitle =
        trace.upstreamQueries()
            + (trace.upstreamQueries() == 1 ? " upstream query, " : " upstream queries, ")
            + cuts
            + (cuts == 1 ? " zone cut, " : " zone cuts, ")
            + OutcomeText.millis(trace.elapsed());
    return new WalkGraph(OutcomeText.clip(title), subtitle, rows, builder.edges);
  }

  private String id(String prefix) {
    return prefix + (ids++);
  }

  private Level walk(Trace trace, int depth) {
    Level level = new Level(depth);
    for (TraceStep step : trace.steps()) {
      if (step instanceof TraceStep.Exchange e) {
        exchange(level, e);
      } else if (step instanceof TraceStep.CacheHit c) {
        cacheHit(level, c);
      } else if (step instanceof TraceStep.Chase c) {
        chase(level, c);
      } else if (step instanceof TraceStep.LastResort l) {
        lastResort(level, l);
      } else if (step instanceof TraceStep.SecondLevelRead r) {
        secondLevel(level, r);
      } else if (step instanceof TraceStep.Validation v) {
        validation(v);
      }
    }
    return level;
  }

  private void exchange(Level level, TraceStep.Exchange e) {
    ZoneRow row = level.zone(e.zoneCut());
    level.arriveAt(row);
    Outcome outcome = e.outcome();
    boolean chased = e.server().provenance() == Provenance.CHASED;
    Tone tone =
        OutcomeText.failed(outcome)
            ? Tone.FAILED
            : OutcomeText.answered(outcome) ? Tone.ANSWERED : Tone.PLAIN;
    String how =
        "["
            + e.server().provenanceLabel()
            + (e.protocol() == Protocol.TCP ? ", TCP" : "")
            + (e.edns() ? "" : ", no EDNS")
            + "]";
    Node server =
        new Node(
            id("s"),
            Shape.SERVER,
            List.of(
                OutcomeText.clip(e.server().nameServer() + " " + address(e.server().address())),
                OutcomeText.clip(how),
                // What was sent: under QNAME minimisation often less than the lookup's question.
                OutcomeText.clip("asked " + e.sent()),
                OutcomeText.clip(OutcomeText.of(outcome) + "  " + OutcomeText.millis(e.rtt()))),
            chased ? Stroke.DOTTED : Stroke.SOLID,
            tone);
    row.members.add(server);
    int n = ++steps;
    edges.add(
        new Edge(
            row.id,
            server.id(),
            EdgeKind.ASK,
            "#" + n + (chased ? " chased" : ""),
            chased ? Stroke.DOTTED : Stroke.SOLID,
            tone == Tone.FAILED ? Tone.FAILED : Tone.PLAIN));
    String chase = level.chaseFor.get(e.server().nameServer());
    if (chased && chase != null) {
      edges.add(
          new Edge(
              chase, server.id(), EdgeKind.CHASED_ADDRESS, "address", Stroke.DOTTED, Tone.PLAIN));
    }
    if (outcome instanceof Outcome.Referral r) {
      ZoneRow child = level.zone(r.child());
      edges.add(
          new Edge(
              server.id(),
              child.id,
              EdgeKind.REFERRAL,
              "referral, glue " + r.glue().size() + "/" + r.nameServers().size(),
              Stroke.SOLID,
              Tone.PLAIN));
    } else if (outcome instanceof Outcome.Cname c) {
      level.aliasFrom(server.id(), "alias -> " + c.target());
    }
  }

  private void cacheHit(Level level, TraceStep.CacheHit c) {
    ZoneRow row = level.zone(c.zoneCut());
    level.arriveAt(row);
    if (c.what() == TraceStep.CacheHit.What.DELEGATION && row.members.isEmpty()) {
      row.fromCache = true;
    }
    String detail;
    if (c.what() == TraceStep.CacheHit.What.DELEGATION) {
      List<Name> ns = new ArrayList<>();
      for (Record r : c.records()) {
        if (r instanceof NSRecord nsRecord) {
          ns.add(nsRecord.getTarget());
        }
      }
      detail = "NS " + OutcomeText.names(ns);
    } else if (c.records().isEmpty()) {
      detail = c.question().toString();
    } else {
      detail = OutcomeText.finalRecord(c.records());
    }
    Tone tone =
        c.what() == TraceStep.CacheHit.What.FAILURE
            ? Tone.FAILED
            : c.what() == TraceStep.CacheHit.What.DELEGATION ? Tone.PLAIN : Tone.ANSWERED;
    Node hit =
        new Node(
            id("c"),
            Shape.CACHE_HIT,
            List.of(
                OutcomeText.clip("(cache) " + OutcomeText.of(c.what())), OutcomeText.clip(detail)),
            Stroke.DASHED,
            tone);
    row.members.add(hit);
    edges.add(new Edge(row.id, hit.id(), EdgeKind.CACHE, "cache", Stroke.DASHED, Tone.PLAIN));
    if (c.what() == TraceStep.CacheHit.What.CNAME) {
      level.aliasFrom(hit.id(), "alias");
    }
  }

  private void chase(Level level, TraceStep.Chase c) {
    ZoneRow row = level.zone(c.zoneCut());
    level.arriveAt(row);
    String found =
        c.status() == Status.NOERROR
            ? "-> "
                + String.join(", ", c.addresses().stream().map(WalkGraphBuilder::address).toList())
            : c.status().toString();
    Node head =
        new Node(
            id("x"),
            Shape.CHASE,
            List.of(
                OutcomeText.clip("chase " + c.nameServer() + " " + Type.string(c.type())),
                OutcomeText.clip("for " + c.zoneCut() + " " + found)),
            Stroke.DOTTED,
            c.status() == Status.NOERROR ? Tone.PLAIN : Tone.FAILED);
    edges.add(new Edge(row.id, head.id(), EdgeKind.CHASE, "chase", Stroke.DOTTED, Tone.PLAIN));
    Level nested = walk(c.trace(), level.depth + 1);
    nested
        .firstRow()
        .ifPresent(
            first ->
                edges.add(
                    new Edge(head.id(), first, EdgeKind.CHASE, "", Stroke.DOTTED, Tone.PLAIN)));
    level.entries.add(new ChaseBlock(head, nested));
    level.chaseFor.put(c.nameServer(), head.id());
  }

  private void lastResort(Level level, TraceStep.LastResort l) {
    ZoneRow row = level.zone(l.zoneCut());
    level.arriveAt(row);
    String fallback = l.fallback().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    Node note =
        new Node(
            id("n"),
            Shape.NOTE,
            List.of(OutcomeText.clip("last resort: " + fallback), OutcomeText.clip(l.reason())),
            Stroke.SOLID,
            Tone.PLAIN);
    row.members.add(note);
    edges.add(new Edge(row.id, note.id(), EdgeKind.ASK, "last resort", Stroke.SOLID, Tone.PLAIN));
  }

  /** A read of the shared cache, dashed like a cache hit: red when the store failed. */
  private void secondLevel(Level level, TraceStep.SecondLevelRead r) {
    ZoneRow row = level.zone(r.zoneCut());
    level.arriveAt(row);
    String first;
    Tone tone;
    switch (r.result()) {
      case LOADED:
        first = "(second-level) loaded " + r.loaded().size();
        tone = Tone.ANSWERED;
        break;
      case NOTHING:
        first = "(second-level) nothing";
        tone = Tone.PLAIN;
        break;
      default:
        first = "(second-level) unavailable";
        tone = Tone.FAILED;
        break;
    }
    String detail =
        r.result() == TraceStep.SecondLevelRead.Result.UNAVAILABLE
            ? r.detail()
            : r.loaded().isEmpty() ? r.question().toString() : r.loaded().get(0);
    Node read =
        new Node(
            id("l"),
            Shape.CACHE_HIT,
            List.of(OutcomeText.clip(first), OutcomeText.clip(detail)),
            Stroke.DASHED,
            tone);
    row.members.add(read);
    edges.add(
        new Edge(row.id, read.id(), EdgeKind.CACHE, "second-level", Stroke.DASHED, Tone.PLAIN));
  }

  private void validation(TraceStep.Validation v) {
    String check = v.check().name().toLowerCase(Locale.ROOT).replace('_', '-');
    Tone tone =
        v.status() == SecurityStatus.BOGUS
            ? Tone.FAILED
            : v.status() == SecurityStatus.SECURE ? Tone.ANSWERED : Tone.PLAIN;
    String key = v.keyTag().isPresent() ? ", key " + v.keyTag().getAsInt() : "";
    dnssec.add(
        new Node(
            id("v"),
            Shape.NOTE,
            List.of(
                OutcomeText.clip(check + " " + v.owner() + " " + Type.string(v.type())),
                OutcomeText.clip(v.status() + key)),
            Stroke.SOLID,
            tone));
  }

  private static String address(InetAddress address) {
    return address.getHostAddress();
  }

  /** What one level of the walk lists, in order: a zone cut's row, or a chase and its walk. */
  private sealed interface Entry permits ZoneRow, ChaseBlock {}

  /** A zone cut's row while the walk is read: its members grow as steps arrive. */
  private static final class ZoneRow implements Entry {
    final String id;
    final Name zone;
    final List<Node> members = new ArrayList<>();
    boolean fromCache;

    ZoneRow(String id, Name zone) {
      this.id = id;
      this.zone = zone;
    }

    Node head() {
      return new Node(
          id,
          Shape.ZONE_CUT,
          List.of(OutcomeText.clip(zone.toString()), fromCache ? "zone cut (cached)" : "zone cut"),
          fromCache ? Stroke.DASHED : Stroke.SOLID,
          Tone.PLAIN);
    }
  }

  /** A chase and its nested walk, drawn below the zone cut that needed the address. */
  private record ChaseBlock(Node head, Level nested) implements Entry {}

  /** One trace's rows, in the order their zone cuts were first met; chases in between. */
  private final class Level {
    final int depth;
    final List<Entry> entries = new ArrayList<>();
    final Map<Name, ZoneRow> zones = new LinkedHashMap<>();
    final Map<Name, String> chaseFor = new HashMap<>();
    private @Nullable String aliasFrom;
    private String aliasLabel = "";

    Level(int depth) {
      this.depth = depth;
    }

    ZoneRow zone(Name zone) {
      ZoneRow row = zones.get(zone);
      if (row == null) {
        row = new ZoneRow(id("z"), zone);
        zones.put(zone, row);
        entries.add(row);
      }
      return row;
    }

    /** The next step after an alias is where the alias led: the arrow goes there. */
    void arriveAt(ZoneRow row) {
      String from = aliasFrom;
      if (from != null) {
        edges.add(new Edge(from, row.id, EdgeKind.ALIAS, aliasLabel, Stroke.SOLID, Tone.PLAIN));
        aliasFrom = null;
      }
    }

    void aliasFrom(String node, String label) {
      aliasFrom = node;
      aliasLabel = label;
    }

    Optional<String> firstRow() {
      return zones.values().stream().findFirst().map(row -> row.id);
    }

    void rows(List<Row> out) {
      for (Entry entry : entries) {
        if (entry instanceof ZoneRow row) {
          out.add(new Row(depth, row.head(), row.members));
        } else if (entry instanceof ChaseBlock chase) {
          out.add(new Row(depth + 1, chase.head(), List.of()));
          chase.nested().rows(out);
        }
      }
    }
  }
}
