package io.rootwalk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwalk.check.AddressReport;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Finding;
import io.rootwalk.check.NameServerReport;
import io.rootwalk.check.ParentDelegation;
import io.rootwalk.check.ServerId;
import java.net.InetAddress;
import java.util.OptionalLong;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The {@code check --json} form of a {@link DelegationReport}: one object, {@code zone}, {@code
 * findings}, {@code parent}, {@code servers}, {@code trace}, as the README documents it. Built by
 * hand, as {@link ResolutionJson} is, so that renaming a Java field never changes what scripts
 * read; the {@code trace} is {@link ResolutionJson#trace}'s, the same as {@code trace --json}'s.
 * Names are absolute (trailing dot), addresses IP literals without a port, codes and severities the
 * enum names.
 */
final class CheckJson {

  private CheckJson() {}

  /** The report as pretty-printed JSON text. */
  static String toJson(DelegationReport report) {
    return ResolutionJson.write(toTree(report));
  }

  /** The report as a Jackson tree. */
  static ObjectNode toTree(DelegationReport report) {
    ObjectNode root = ResolutionJson.object();
    root.put("zone", report.zone().toString());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode n = findings.addObject();
      n.put("code", f.code().name());
      n.put("severity", f.severity().name());
      if (f.server().isPresent()) {
        n.set("server", server(f.server().get()));
      } else {
        n.putNull("server");
      }
      n.put("detail", f.detail());
    }
    if (report.parent().isPresent()) {
      root.set("parent", parent(report.parent().get()));
    } else {
      root.putNull("parent");
    }
    ArrayNode servers = root.putArray("servers");
    for (NameServerReport ns : report.servers()) {
      servers.add(nameServer(ns));
    }
    root.set("trace", ResolutionJson.trace(report.trace()));
    return root;
  }

  /** {@code {"name": "ns2.lame.com.", "address": "127.53.14.2"}}, the address null if none. */
  private static ObjectNode server(ServerId id) {
    ObjectNode n = ResolutionJson.object();
    n.put("name", id.name().toString());
    n.put("address", id.address().map(InetAddress::getHostAddress).orElse(null));
    return n;
  }

  private static ObjectNode parent(ParentDelegation p) {
    ObjectNode n = ResolutionJson.object();
    n.put("zone", p.parentZone().toString());
    n.set("source", server(p.source()));
    n.put("ttl", p.ttl());
    n.set("nameServers", ResolutionJson.names(p.nameServers()));
    ArrayNode glue = n.putArray("glue");
    for (Record r : p.glue()) {
      ObjectNode g = glue.addObject();
      g.put("name", r.getName().toString());
      g.put("type", Type.string(r.getType()));
      g.put("address", address(r));
      g.put("ttl", r.getTTL());
    }
    ArrayNode asked = n.putArray("asked");
    for (ServerId id : p.asked()) {
      asked.add(server(id));
    }
    return n;
  }

  private static ObjectNode nameServer(NameServerReport ns) {
    ObjectNode n = ResolutionJson.object();
    n.put("name", ns.name().toString());
    n.put("listedByParent", ns.listedByParent());
    n.put("listedByChild", ns.listedByChild());
    ArrayNode addresses = n.putArray("addresses");
    for (AddressReport a : ns.addresses()) {
      ObjectNode o = addresses.addObject();
      o.put("address", a.address().getHostAddress());
      ArrayNode sources = o.putArray("sources");
      a.sources().forEach(s -> sources.add(s.name())); // in the enum's order
      o.put("probed", a.probed());
      o.put("udp", a.udp());
      o.put("tcp", a.tcp());
      o.put("edns", a.edns());
      o.put("authoritative", a.authoritative());
      putOptional(o, "soaSerial", a.soaSerial());
      o.set("apexNameServers", ResolutionJson.names(a.apexNameServers()));
      putOptional(o, "apexNsTtl", a.apexNsTtl());
      o.put("zoneTransfer", a.zoneTransfer().name());
    }
    return n;
  }

  private static void putOptional(ObjectNode o, String field, OptionalLong value) {
    if (value.isPresent()) {
      o.put(field, value.getAsLong());
    } else {
      o.putNull(field);
    }
  }

  /** A glue record's address as an IP literal, like every other address here. */
  static String address(Record r) {
    if (r instanceof ARecord a) {
      return a.getAddress().getHostAddress();
    }
    if (r instanceof AAAARecord a) {
      return a.getAddress().getHostAddress();
    }
    return r.rdataToString();
  }
}
