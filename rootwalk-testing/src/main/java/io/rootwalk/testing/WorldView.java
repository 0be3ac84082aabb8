package io.rootwalk.testing;

import java.util.List;
import java.util.Objects;

/**
 * What a lab server may know of the world beyond its own zones, for faults that reach outside them:
 * the root servers an upward referral points to, and an answerer over every zone of the world that
 * an open resolver answers from. One instance is shared by every server of a lab.
 *
 * @param rootServers the world's root servers, in world order
 * @param everyZone an answerer serving all the world's zones (the deepest zone containing a name
 *     answers for it)
 */
record WorldView(List<ServerSpec> rootServers, AuthoritativeAnswerer everyZone) {

  WorldView {
    rootServers = List.copyOf(rootServers);
    Objects.requireNonNull(everyZone, "everyZone");
  }
}
