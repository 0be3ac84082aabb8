package io.rootwalk.probe;

import io.rootwalk.Outcome;
import io.rootwalk.Resolution;
import io.rootwalk.ServerAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What the parent side said: the lookup that found the parent zone, the parent's servers, and their
 * referrals for the zone.
 *
 * @param dsLookup the zone's DS lookup: DS is parent-side data (RFC 4035 section 3.1.4.1), so the
 *     servers that answer it are the parent's
 * @param parentZone the parent zone, when the DS lookup reached one
 * @param servers the parent's server addresses asked for the referral
 * @param referrals each one's answer to the zone's NS query, with EDNS(0)
 * @param plainReferral the chosen server's answer to the same query without EDNS, to measure
 *     against 512 bytes
 * @param problem why there is no usable delegation, when there is none
 */
record ParentFacts(
    Resolution dsLookup,
    Optional<Name> parentZone,
    List<ServerAddress> servers,
    List<Probe> referrals,
    Optional<Probe> plainReferral,
    Optional<String> problem) {

  /**
   * The referral the report shows: the first parent server's that delegates the zone. A parent
   * server that also serves the zone answers with the apex NS set, authoritatively, instead: that
   * is used when no server gave a referral (the glue is then unknown).
   */
  Optional<Probe> chosen() {
    Optional<Probe> referral =
        referrals.stream()
            .filter(p -> p.outcome() instanceof Outcome.Referral r && r.child().equals(zone()))
            .findFirst();
    if (referral.isPresent()) {
      return referral;
    }
    return referrals.stream()
        .filter(p -> p.outcome() instanceof Outcome.Answer && p.authoritative())
        .filter(p -> !p.answers(zone(), org.xbill.DNS.Type.NS).isEmpty())
        .findFirst();
  }

  private Name zone() {
    return dsLookup.question().name();
  }

  /** The delegation's NS records: the referral's authority section, or a co-hosted answer's. */
  List<NSRecord> nsRecords() {
    return chosen()
        .map(
            p ->
                (p.outcome() instanceof Outcome.Referral
                        ? p.section(Section.AUTHORITY)
                        : p.section(Section.ANSWER))
                    .stream()
                        .filter(r -> r instanceof NSRecord && r.getName().equals(zone()))
                        .map(NSRecord.class::cast)
                        .toList())
        .orElse(List.of());
  }

  List<Name> nameServers() {
    Set<Name> names = new LinkedHashSet<>();
    nsRecords().forEach(r -> names.add(r.getTarget()));
    return List.copyOf(names);
  }

  OptionalLong ttl() {
    List<NSRecord> ns = nsRecords();
    return ns.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ns.get(0).getTTL());
  }

  /** The address records of the chosen referral's additional section, for its NS names. */
  List<Record> glue() {
    Set<Name> names = Set.copyOf(nameServers());
    return chosen()
        .map(
            p ->
                p.section(Section.ADDITIONAL).stream()
                    .filter(r -> Glue.isAddress(r) && names.contains(r.getName()))
                    .toList())
        .orElse(List.of());
  }
}
