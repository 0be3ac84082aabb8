package io.rootwalk.probe;

import io.rootwalk.Resolution;
import io.rootwalk.check.AddressSource;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;

/**
 * One NS name as the check learns it: which side lists it, every address found for it and where
 * from, and the resolver's lookups of its A and AAAA records. Mutable while the check runs, on the
 * thread that completes each stage (stages run one after another, never at once).
 */
final class NameFacts {

  final Name name;
  boolean listedByParent;
  boolean listedByChild;
  final Map<InetAddress, Set<AddressSource>> addresses = new LinkedHashMap<>();
  final List<Resolution> lookups = new ArrayList<>();
  boolean lookedUp;

  NameFacts(Name name) {
    this.name = name;
  }

  /**
   * Enough addresses for one name: a hostile referral could carry hundreds of glue records for it,
   * and nobody runs one server on more than a few.
   */
  static final int MAX_ADDRESSES = 8;

  void add(InetAddress address, AddressSource source) {
    if (addresses.size() >= MAX_ADDRESSES && !addresses.containsKey(address)) {
      return;
    }
    addresses.computeIfAbsent(address, a -> EnumSet.noneOf(AddressSource.class)).add(source);
  }

  /** The glue addresses the parent sent for this name. */
  List<InetAddress> glue() {
    return addresses.entrySet().stream()
        .filter(e -> e.getValue().contains(AddressSource.GLUE))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The CNAME the name's own lookups met, if it is an alias (RFC 2181 section 10.3). */
  List<CNAMERecord> aliases() {
    return lookups.stream()
        .flatMap(r -> r.answers().stream())
        .filter(r -> r instanceof CNAMERecord && r.getName().equals(name))
        .map(CNAMERecord.class::cast)
        .distinct()
        .toList();
  }
}
