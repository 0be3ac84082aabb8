package io.rootwalk.testing.rpl;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario's CONFIG block says that a replay can act on. Every {@code key: value} line is
 * kept in {@link #options()}; only these are interpreted, the rest (trust anchors, harden-glue,
 * Unbound's {@code server:} options) are ignored.
 *
 * @param rootAddresses the {@code stub-addr} addresses, as the scenario writes them: where priming
 *     starts (Unbound's stub-addr inside a {@code stub-zone} for another name than "." is left out)
 * @param qnameMinimisation {@code query-minimization} (Deckard) or {@code qname-minimisation}
 *     (Unbound), when given
 * @param options every option, key in lower case, the last value of a repeated key, quotes removed
 */
public record ScenarioConfig(
    List<InetAddress> rootAddresses,
    Optional<Boolean> qnameMinimisation,
    Map<String, String> options) {

  /** Copies the lists. */
  public ScenarioConfig {
    rootAddresses = List.copyOf(rootAddresses);
    options = Map.copyOf(options);
  }
}
