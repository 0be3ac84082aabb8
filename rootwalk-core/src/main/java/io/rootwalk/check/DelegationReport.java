package io.rootwalk.check;

import io.rootwalk.Trace;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What {@code Resolver.check} found about one zone's delegation: the parent's side, every name
 * server with every address as it behaved when asked directly, the findings, and the trace of every
 * query sent.
 *
 * @param zone the zone checked
 * @param parent the delegation as the parent published it; empty when no parent server gave one (a
 *     {@link FindingCode#DELEGATION_BROKEN} finding then says why)
 * @param servers every NS name: the parent's, then those only the zone lists, each group in
 *     canonical order
 * @param findings what was found, most severe first; none for a healthy zone
 * @param trace the lookups (the walk to the parent, the name servers' addresses, the zone's SOA)
 *     and then every direct query, in the order they ended
 */
public record DelegationReport(
    Name zone,
    Optional<ParentDelegation> parent,
    List<NameServerReport> servers,
    List<Finding> findings,
    Trace trace) {

  /**
   * Copies the lists and orders the findings by severity (then code, then server), so the report
   * reads the same however the queries raced.
   *
   * @param zone the zone checked
   * @param parent the parent's delegation, if known
   * @param servers the name servers
   * @param findings the findings, in any order
   * @param trace every step
   * @throws NullPointerException if any part is null
   */
  public DelegationReport {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(parent, "parent");
    servers = List.copyOf(servers);
    findings =
        findings.stream()
            .sorted(
                Comparator.comparing(Finding::severity)
                    .thenComparing(Finding::code)
                    .thenComparing(f -> f.server().map(ServerId::toString).orElse("")))
            .toList();
    Objects.requireNonNull(trace, "trace");
  }

  /**
   * The most serious finding's severity.
   *
   * @return empty when nothing was found
   */
  public Optional<Severity> worst() {
    return findings.stream().map(Finding::severity).min(Comparator.naturalOrder());
  }

  /**
   * Whether the delegation is healthy: no ERROR and no WARNING (NOTICEs allowed).
   *
   * @return true when nothing worse than a NOTICE was found
   */
  public boolean healthy() {
    return worst().map(s -> s == Severity.NOTICE).orElse(true);
  }

  /**
   * The findings with this code.
   *
   * @param code the code
   * @return those findings, in report order
   */
  public List<Finding> findings(FindingCode code) {
    return findings.stream().filter(f -> f.code() == code).toList();
  }
}
