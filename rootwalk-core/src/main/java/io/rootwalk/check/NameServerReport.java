package io.rootwalk.check;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One NS name of the zone, from either side of the cut, with every address known for it.
 *
 * @param name the NS name
 * @param listedByParent whether the parent's referral lists it
 * @param listedByChild whether any of the zone's servers lists it in the apex NS set
 * @param addresses every address found for it (glue, looked up, from the zone), each as asked
 */
public record NameServerReport(
    Name name, boolean listedByParent, boolean listedByChild, List<AddressReport> addresses) {

  /**
   * Copies the list.
   *
   * @param name the NS name
   * @param listedByParent whether the parent lists it
   * @param listedByChild whether the zone lists it
   * @param addresses its addresses
   * @throws NullPointerException if any part is null
   */
  public NameServerReport {
    Objects.requireNonNull(name, "name");
    addresses = List.copyOf(addresses);
  }
}
