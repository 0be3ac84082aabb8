package io.rootwalk.check;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The delegation as the parent zone's servers publish it: the referral one of them gave for the
 * zone.
 *
 * @param parentZone the zone that delegates (the one whose servers answered the zone's DS query)
 * @param nameServers the NS names of the referral, in the order sent, without repeats
 * @param ttl the TTL of the referral's NS RRset: how long resolvers keep the delegation
 * @param glue the A and AAAA records the referral carried in its additional section
 * @param source the parent server (name and address) whose referral this is
 * @param asked every parent server address asked for the referral
 */
public record ParentDelegation(
    Name parentZone,
    List<Name> nameServers,
    long ttl,
    List<Record> glue,
    ServerId source,
    List<ServerId> asked) {

  /**
   * Copies the lists.
   *
   * @param parentZone the delegating zone
   * @param nameServers the NS names
   * @param ttl the NS TTL
   * @param glue the glue records
   * @param source the server that gave the referral
   * @param asked every parent address asked
   * @throws NullPointerException if any part is null
   */
  public ParentDelegation {
    Objects.requireNonNull(parentZone, "parentZone");
    nameServers = List.copyOf(nameServers);
    glue = List.copyOf(glue);
    Objects.requireNonNull(source, "source");
    asked = List.copyOf(asked);
  }
}
