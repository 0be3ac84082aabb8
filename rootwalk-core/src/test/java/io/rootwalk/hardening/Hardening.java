package io.rootwalk.hardening;

import io.rootwalk.LabResolvers;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import io.rootwalk.testing.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/** Small helpers shared by the hardening scenarios: the lab fixture, records, faults. */
final class Hardening {

  private Hardening() {}

  /**
   * Given {@code world}: a lab of it per test, and resolvers on it with a short query timeout, so
   * lost packets cost little real time.
   */
  static LabResolvers lab(World world) {
    return LabResolvers.walking(world)
        .configured(b -> b.queryTimeout(Duration.ofMillis(300)).deadline(Duration.ofSeconds(4)));
  }

  static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A record from its parts, e.g. {@code rr("com.", Type.NS, "ns1.example.com.")}, TTL 86400. */
  static Record rr(String owner, int type, String rdata) {
    try {
      return Record.fromString(name(owner), type, DClass.IN, 86400, rdata, Name.root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Matches responses to the question {@code qname}/{@code qtype} (case-insensitively). */
  static Predicate<Message> asking(String qname, int qtype) {
    Name n = name(qname);
    return m ->
        m.getQuestion() != null
            && m.getQuestion().getName().equals(n)
            && m.getQuestion().getType() == qtype;
  }

  /** Matches responses whose question name is {@code zone} or below it. */
  static Predicate<Message> askingUnder(String zone) {
    Name z = name(zone);
    return m -> m.getQuestion() != null && m.getQuestion().getName().subdomain(z);
  }

  /** Rewrites responses that {@code when} matches with {@code edit}; others pass unchanged. */
  static Fault mutateWhen(Predicate<Message> when, Consumer<Message> edit) {
    return Fault.mutate(
        m -> {
          if (when.test(m)) {
            edit.accept(m);
          }
          return m;
        });
  }

  /** Adds {@code records} to {@code section} of the response. */
  static Consumer<Message> add(int section, Record... records) {
    return m -> {
      for (Record r : records) {
        m.addRecord(r, section);
      }
    };
  }

  static InetAddress address(String literal) {
    try {
      return org.xbill.DNS.Address.getByAddress(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Queries the lab received after the first {@code from} entries of its log. */
  static List<RecordedQuery> queriesSince(DnsLab lab, int from) {
    List<RecordedQuery> all = lab.queries();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  static final int ANSWER = Section.ANSWER;
  static final int AUTHORITY = Section.AUTHORITY;
  static final int ADDITIONAL = Section.ADDITIONAL;
}
