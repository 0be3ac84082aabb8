package io.rootwalk.probe;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Address records as addresses: glue in referrals, A/AAAA answers for NS names. */
final class Glue {

  private Glue() {}

  static InetAddress address(Record r) {
    if (r instanceof ARecord a) {
      return a.getAddress();
    }
    if (r instanceof AAAARecord aaaa) {
      return aaaa.getAddress();
    }
    throw new IllegalArgumentException("not an address record: " + r);
  }

  static boolean isAddress(Record r) {
    return r instanceof ARecord || r instanceof AAAARecord;
  }

  /** The addresses among {@code records} owned by {@code owner}. */
  static List<InetAddress> addressesOf(Name owner, List<Record> records) {
    return records.stream()
        .filter(r -> isAddress(r) && r.getName().equals(owner))
        .map(Glue::address)
        .distinct()
        .toList();
  }
}
