package io.rootwalk.iterate;

import io.rootwalk.Question;
import io.rootwalk.ServerAddress;
import io.rootwalk.TraceStep;
import io.rootwalk.TraceStep.LastResort.Fallback;
import io.rootwalk.delegation.Delegation;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * What SELECT_SERVER falls back on when no server of a zone cut is left to try, no name server's
 * address is left to chase and the timeout retry round is spent: the ways real resolvers reach a
 * zone whose servers are half broken, tried in this order, each once, each a trace step saying why.
 * Each stays within the lookup's work budget (a chase counts as a glueless fetch), and none makes
 * anything answerable that a server of the zone did not say.
 *
 * <ol>
 *   <li>Parent-side glue: the addresses another delegation carried for a name server outside this
 *       zone (the glue of the server's own zone, from its parent), used to reach the server only.
 *   <li>The other address family: a server whose every known address is of one family, all failed
 *       or not usable here, has its other family chased.
 *   <li>The answer a recursion-lame server gave, kept at this cut (see {@link ResponseStep}).
 * </ol>
 */
final class LastResortStage {

  private final WalkContext context;
  private final TraceRecorder trace;

  LastResortStage(WalkContext context, TraceRecorder trace) {
    this.context = context;
    this.trace = trace;
  }

  /** The next last resort at {@code c}, or empty when all are spent: the cut has failed. */
  Optional<Transition> next(CutAttempts c) {
    Optional<Transition> glue = parentSideGlue(c);
    if (glue.isPresent()) {
      return glue;
    }
    Optional<Transition> family = otherAddressFamily(c);
    if (family.isPresent()) {
      return family;
    }
    return c.takeLastResort().map(Transition.LastResort::new);
  }

  private Optional<Transition> parentSideGlue(CutAttempts c) {
    Delegation d = c.delegation();
    List<ServerAddress> found = new ArrayList<>();
    Delegation enriched = d;
    for (Name ns : d.namesInPreference()) {
      if (d.isInDomain(ns) || c.doesNotExist(ns) || !c.firstTime("glue " + ns)) {
        continue;
      }
      Optional<Delegation> home = context.cache().closestDelegation(ns);
      if (home.isEmpty() || home.get().zone().equals(d.zone()) || !home.get().isInDomain(ns)) {
        continue;
      }
      for (ServerAddress a : home.get().addressesOf(ns)) {
        boolean known =
            enriched.addresses().stream().anyMatch(k -> k.address().equals(a.address()));
        if (!known && context.selector().permitted(a.address())) {
          found.add(a);
          // Never longer than this cut's own life: the ghost-domain rule holds for glue too.
          enriched =
              enriched.withAddresses(ns, List.of(a.address()), a.provenance(), d.ttlSeconds());
        }
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    c.enrich(enriched);
    trace.record(
        new TraceStep.LastResort(
            d.zone(),
            Fallback.PARENT_SIDE_GLUE,
            "no address learnt for these name servers worked; their own zones' glue reaches them",
            found,
            Optional.empty()));
    return Optional.of(new Transition.Continue(WalkState.SELECT_SERVER));
  }

  private Optional<Transition> otherAddressFamily(CutAttempts c) {
    Delegation d = c.delegation();
    for (Name ns : d.namesInPreference()) {
      List<ServerAddress> known = d.addressesOf(ns);
      if (d.isInDomain(ns) || c.doesNotExist(ns) || known.isEmpty()) {
        continue; // in-domain: only glue reaches it; none known: an ordinary chase's job
      }
      boolean v4 = known.stream().anyMatch(a -> a.address() instanceof Inet4Address);
      boolean v6 = known.stream().anyMatch(a -> !(a.address() instanceof Inet4Address));
      if (v4 == v6) {
        continue;
      }
      int other = v4 ? Type.AAAA : Type.A;
      boolean allowed =
          other == Type.A
              ? context.config().ipFamily().allowsIpv4()
              : context.config().ipFamily().allowsIpv6();
      Question target = new Question(ns, other);
      if (!allowed || c.wasChased(target) || !c.firstTime("family " + target)) {
        continue;
      }
      c.chaseAsLastResort(target);
      trace.record(
          new TraceStep.LastResort(
              d.zone(),
              Fallback.OTHER_ADDRESS_FAMILY,
              "every known address of "
                  + ns
                  + " is IPv"
                  + (v4 ? "4" : "6")
                  + " and failed or may not be used; its "
                  + Type.string(other)
                  + " is chased",
              known,
              Optional.empty()));
      return Optional.of(new Transition.Continue(WalkState.CHASE_NS_ADDRESS));
    }
    return Optional.empty();
  }
}
