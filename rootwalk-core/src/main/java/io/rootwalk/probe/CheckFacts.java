package io.rootwalk.probe;

import io.rootwalk.Resolution;
import io.rootwalk.check.CheckOptions;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Everything a check learned, for the rules to judge: pure data, so each rule is a function of it.
 *
 * @param zone the zone checked
 * @param options the bounds and thresholds
 * @param parent the parent side
 * @param names every NS name, parent's first
 * @param probes what each address said, by address
 * @param zoneSoa the resolver's lookup of the zone's SOA from the root: whether it resolves at all
 */
record CheckFacts(
    Name zone,
    CheckOptions options,
    ParentFacts parent,
    List<NameFacts> names,
    Map<InetAddress, AddressFacts> probes,
    Resolution zoneSoa) {}
