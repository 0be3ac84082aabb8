package io.rootwalk.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwalk.Failure;
import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.Rejection;
import io.rootwalk.Resolution;
import io.rootwalk.Security;
import io.rootwalk.ServerAddress;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.WorkSpent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The {@code --json} form of a {@link Resolution}, as the CLI contract in DESIGN.md fixes it. Built
 * by hand from the sealed step and outcome types (not by reflection), so renaming a Java field can
 * never silently change what scripts read.
 */
public final class ResolutionJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The same mapper's output on one line, for JSON Lines ({@code bulk}). Only ASCII, anything else
   * as a JSON escape: standard output's charset is the locale's, often ASCII in scripts, and a JSON
   * line must come through it intact.
   */
  private static final ObjectWriter ONE_LINE =
      MAPPER
          .writer()
          .without(SerializationFeature.INDENT_OUTPUT)
          .with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private ResolutionJson() {}

  /** The whole resolution as pretty-printed JSON text. */
  public static String toJson(Resolution r) {
    return write(toTree(r));
  }

  /** A tree as pretty-printed JSON text, as every {@code --json} prints it. */
  static String write(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serializes", e);
    }
  }

  /** A tree as JSON text on one line, without a line break: one line of JSON Lines. */
  static String writeLine(ObjectNode tree) {
    try {
      return ONE_LINE.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serializes", e);
    }
  }

  /** An empty object node, from the mapper every {@code --json} uses. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The resolution as a Jackson tree. */
  public static ObjectNode toTree(Resolution r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("question", question(r.question()));
    root.put("status", r.status().name());
    root.put("rcode", r.rcodeName());
    root.set("answers", records(r.answers()));
    root.set("authority", records(r.authority()));
    root.put("canonicalName", r.canonicalName().toString());
    putFailure(root, r.failure());
    root.set("security", security(r.security()));
    root.set("dnssecRecords", records(r.dnssecRecords()));
    root.set("trace", trace(r.trace()));
    return root;
  }

  /**
   * {@code "failure": {"reason": ..., "detail": ...}}, or {@code "failure": null} when there is
   * none: the shape of every {@code --json} failure, {@code bulk}'s lines included.
   */
  static void putFailure(ObjectNode node, Optional<Failure> failure) {
    if (failure.isPresent()) {
      putFailure(node, failure.get().reason().name(), failure.get().detail());
    } else {
      node.putNull("failure");
    }
  }

  /** A failure of {@code reason} (an upper-case word) with {@code detail} in words. */
  static void putFailure(ObjectNode node, String reason, String detail) {
    ObjectNode failure = node.putObject("failure");
    failure.put("reason", reason);
    failure.put("detail", detail);
  }

  /**
   * {@code {"status": "SECURE", "detail": "...", "extendedError": null}}: the RFC 8914 code is a
   * number for BOGUS and null otherwise.
   */
  private static ObjectNode security(Security security) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("status", security.status().name());
    node.put("detail", security.detail());
    if (security.extendedError().isPresent()) {
      node.put("extendedError", security.extendedError().getAsInt());
    } else {
      node.putNull("extendedError");
    }
    return node;
  }

  /**
   * A trace as {@code trace --json} renders it: {@code steps}, {@code upstreamQueries}, {@code
   * elapsedMs}, {@code spent}. Shared with {@code check --json}, whose {@code trace} is the same
   * shape.
   */
  static ObjectNode trace(Trace trace) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode steps = node.putArray("steps");
    for (TraceStep step : trace.steps()) {
      steps.add(step(step));
    }
    node.put("upstreamQueries", trace.upstreamQueries());
    node.put("elapsedMs", millis(trace.elapsed()));
    WorkSpent spent = trace.spent();
    ObjectNode s = node.putObject("spent");
    s.put("upstreamQueries", spent.upstreamQueries());
    s.put("aliasHops", spent.aliasHops());
    s.put("nameServerChases", spent.nameServerChases());
    s.put("maxChaseDepth", spent.maxChaseDepth());
    s.put("nameServerNxdomains", spent.nameServerNxdomains());
    return node;
  }

  private static ObjectNode step(TraceStep step) {
    ObjectNode node = MAPPER.createObjectNode();
    if (step instanceof TraceStep.Exchange) {
      exchange(node, (TraceStep.Exchange) step);
    } else if (step instanceof TraceStep.CacheHit) {
      TraceStep.CacheHit hit = (TraceStep.CacheHit) step;
      common(node, "cache-hit", step);
      node.put("what", hit.what().name().toLowerCase(Locale.ROOT));
      node.set("question", question(hit.question()));
      node.set("records", records(hit.records()));
    } else if (step instanceof TraceStep.Chase) {
      TraceStep.Chase chase = (TraceStep.Chase) step;
      common(node, "chase", step);
      node.put("nameServer", chase.nameServer().toString());
      node.put("type", Type.string(chase.type()));
      node.put("status", chase.status().name());
      node.set("addresses", addresses(chase.addresses()));
      node.set("trace", trace(chase.trace()));
    } else if (step instanceof TraceStep.LastResort last) {
      common(node, "last-resort", step);
      node.put("fallback", last.fallback().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      node.put("reason", last.reason());
      ArrayNode servers = node.putArray("servers");
      for (ServerAddress a : last.servers()) {
        ObjectNode n = servers.addObject();
        n.put("nameServer", a.nameServer().toString());
        n.put("address", a.address().getHostAddress());
        n.put("provenance", a.provenance().label());
      }
      last.outcome().ifPresent(o -> outcome(node, o));
    } else if (step instanceof TraceStep.SecondLevelRead read) {
      common(node, "second-level", step);
      node.set("question", question(read.question()));
      node.put("result", read.result().name().toLowerCase(Locale.ROOT));
      ArrayNode loaded = node.putArray("loaded");
      read.loaded().forEach(loaded::add);
      ArrayNode rejected = node.putArray("rejected");
      read.rejected().forEach(rejected::add);
      node.put("detail", read.detail());
      node.put("elapsedMs", read.elapsed().toNanos() / 1_000_000.0);
    } else if (step instanceof TraceStep.Validation check) {
      validation(node, check);
    } else {
      throw new IllegalArgumentException("unknown trace step " + step);
    }
    return node;
  }

  /**
   * A DNSSEC check: {@code kind} "validation", {@code outcome} dnssec-keys, dnssec-no-ds,
   * dnssec-secure, dnssec-insecure or dnssec-bogus, then what was checked and the lookups it
   * needed, each a trace of its own.
   */
  private static void validation(ObjectNode node, TraceStep.Validation check) {
    common(node, "validation", check);
    node.put("check", check.check().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    node.put("owner", check.owner().toString());
    node.put("type", Type.string(check.type()));
    node.put("status", check.status().name());
    if (check.keyTag().isPresent()) {
      node.put("keyTag", check.keyTag().getAsInt());
    } else {
      node.putNull("keyTag");
    }
    node.put("detail", check.detail());
    ArrayNode fetched = node.putArray("fetched");
    for (Trace t : check.fetched()) {
      fetched.add(trace(t));
    }
  }

  private static void common(ObjectNode node, String kind, TraceStep step) {
    node.put("kind", kind);
    node.put("outcome", step.kind().label());
    node.put("zoneCut", step.zoneCut().toString());
  }

  private static void exchange(ObjectNode node, TraceStep.Exchange e) {
    common(node, "exchange", e);
    ServerAddress server = e.server();
    ObjectNode s = node.putObject("server");
    s.put("name", server.nameServer().toString());
    s.put("address", server.address().getHostAddress());
    s.put("port", e.port());
    s.put("provenance", server.provenance().label());
    s.put("cached", server.cached());
    node.set("sent", question(e.sent()));
    node.put("protocol", e.protocol().name());
    node.put("edns", e.edns());
    node.put("rttMs", millis(e.rtt()));
    outcome(node, e.outcome());
    ArrayNode rejected = node.putArray("rejected");
    for (Rejection r : e.rejected()) {
      ObjectNode n = rejected.addObject();
      n.put("section", r.section().name());
      n.put("name", r.name().toString());
      n.put("type", Type.string(r.type()));
      n.put("reason", r.reason());
    }
  }

  /** The outcome-specific fields of an exchange, flattened into the step object. */
  private static void outcome(ObjectNode node, Outcome o) {
    if (o instanceof Outcome.Priming) {
      Outcome.Priming p = (Outcome.Priming) o;
      node.set("rootServers", names(p.rootServers()));
      node.put("rootAddresses", p.addresses());
    } else if (o instanceof Outcome.Referral) {
      Outcome.Referral r = (Outcome.Referral) o;
      ObjectNode referral = node.putObject("referral");
      referral.put("child", r.child().toString());
      referral.set("nameServers", names(r.nameServers()));
      ArrayNode glue = referral.putArray("glue");
      for (ServerAddress g : r.glue()) {
        ObjectNode n = glue.addObject();
        n.put("nameServer", g.nameServer().toString());
        n.put("address", g.address().getHostAddress());
        n.put("kind", g.provenance().label());
      }
      referral.set("glueMissing", names(r.glueMissing()));
    } else if (o instanceof Outcome.Answer) {
      Outcome.Answer a = (Outcome.Answer) o;
      node.set("answer", records(a.records()));
      node.put("authoritative", a.authoritative());
    } else if (o instanceof Outcome.Cname) {
      Outcome.Cname c = (Outcome.Cname) o;
      node.set("answer", records(c.chain()));
      node.put("target", c.target().toString());
    } else if (o instanceof Outcome.YxDomain y) {
      node.set("answer", records(y.chain()));
    } else if (o instanceof Outcome.NxDomain) {
      Outcome.NxDomain n = (Outcome.NxDomain) o;
      node.set("answer", records(n.chain()));
      node.put("soa", n.soa().map(Record::toString).orElse(null));
    } else if (o instanceof Outcome.NoData) {
      Outcome.NoData n = (Outcome.NoData) o;
      node.set("answer", records(n.chain()));
      node.put("soa", n.soa().map(Record::toString).orElse(null));
    } else if (o instanceof Outcome.Lame) {
      Outcome.Lame l = (Outcome.Lame) o;
      ObjectNode lame = node.putObject("lame");
      lame.put("reason", l.reason().name());
      lame.put("rcode", l.rcodeName());
      lame.put("detail", l.detail());
    } else if (o instanceof Outcome.EdnsRejected) {
      node.put("rcode", org.xbill.DNS.Rcode.string(((Outcome.EdnsRejected) o).rcode()));
    } else if (o instanceof Outcome.Timeout) {
      node.put("timeoutMs", millis(((Outcome.Timeout) o).after()));
    } else if (o instanceof Outcome.Malformed) {
      node.put("detail", ((Outcome.Malformed) o).detail());
    } else if (o instanceof Outcome.Unreachable) {
      node.put("detail", ((Outcome.Unreachable) o).detail());
    }
    // Truncated carries nothing beyond its kind.
  }

  private static ObjectNode question(Question q) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", q.name().toString());
    node.put("type", Type.string(q.type()));
    return node;
  }

  /** Records in presentation format, as every {@code answers} array holds them. */
  static ArrayNode records(List<Record> records) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Record r : records) {
      array.add(r.toString());
    }
    return array;
  }

  static ArrayNode names(List<Name> names) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Name n : names) {
      array.add(n.toString());
    }
    return array;
  }

  private static ArrayNode addresses(List<InetAddress> addresses) {
    ArrayNode array = MAPPER.createArrayNode();
    for (InetAddress a : addresses) {
      array.add(a.getHostAddress());
    }
    return array;
  }

  /** A duration in milliseconds, to 0.01 ms: every {@code ...Ms} field. */
  static double millis(Duration d) {
    return Math.round(d.toNanos() / 10_000.0) / 100.0;
  }
}
