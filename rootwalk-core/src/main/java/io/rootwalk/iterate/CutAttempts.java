package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.ServerAddress;
import io.rootwalk.cache.FailureScope;
import io.rootwalk.delegation.Delegation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The attempts one walk made at its current zone cut: which server addresses it asked and how each
 * failed, which name-server addresses it chased, and how far QNAME minimisation has probed. A walk
 * makes a new one at every cut it enters; its evidence is what a SERVFAIL explains.
 */
final class CutAttempts {

  private Delegation delegation;
  private final @Nullable Name referringZone;
  private final boolean priming;

  private final Set<InetAddress> tried = new HashSet<>();
  private @Nullable Kept lastResort;

  /** Servers that timed out once; each gets one more try with the full timeout. */
  private final Set<InetAddress> timedOut = new HashSet<>();

  private boolean retryingTimeouts;
  private final List<String> failures = new ArrayList<>();
  private final List<Outcome> failureOutcomes = new ArrayList<>();

  private final Set<Question> chased = new HashSet<>();

  /** Chases the last-resort stage asked for: another address family of a failed server. */
  private final List<Question> lastResortChases = new ArrayList<>();

  /** Last resorts already taken here, so none is taken twice. */
  private final Set<String> lastResortsTaken = new HashSet<>();

  private final List<String> chaseFailures = new ArrayList<>();

  /** Chased NS names that came back NXDOMAIN: no other type is asked for them. */
  private final Set<Name> nonexistentNameServers = new HashSet<>();

  private int gluelessFetches;

  /** QNAME minimisation (RFC 9156): the deepest name here known not to be a zone cut. */
  private Name knownNoCutAbove;

  /**
   * @param referringZone the zone whose referral led here, if any (for the missing-glue message)
   * @param priming whether this is the root from the hints, asked for the root NS set
   */
  CutAttempts(Delegation delegation, @Nullable Name referringZone, boolean priming) {
    this.delegation = delegation;
    this.referringZone = referringZone;
    this.priming = priming;
    this.knownNoCutAbove = delegation.zone();
  }

  Delegation delegation() {
    return delegation;
  }

  Name zone() {
    return delegation.zone();
  }

  boolean priming() {
    return priming;
  }

  /** Nothing has been asked or chased here yet. */
  boolean untouched() {
    return tried.isEmpty() && chased.isEmpty();
  }

  Set<InetAddress> tried() {
    return tried;
  }

  void tried(InetAddress address) {
    tried.add(address);
  }

  /**
   * A response that is kept rather than used: the first answer of a recursion-lame server here.
   *
   * @param exchanged the exchange it came in
   * @param kind what it says
   * @param scrubbed the response after scrubbing
   */
  record Kept(Exchanged exchanged, ResponseKind kind, Scrubbed scrubbed) {}

  /** Keeps {@code kept} as this cut's last resort, unless one is kept already. */
  void keepLastResort(Kept kept) {
    if (lastResort == null) {
      lastResort = kept;
    }
  }

  /** The kept last resort, once: using it is the end of this cut. */
  Optional<Kept> takeLastResort() {
    Optional<Kept> kept = Optional.ofNullable(lastResort);
    lastResort = null;
    return kept;
  }

  /** The server answered usefully (a minimised probe): it may be asked again at this cut. */
  void mayAskAgain(InetAddress address) {
    tried.remove(address);
  }

  void timedOut(InetAddress address) {
    timedOut.add(address);
  }

  /** Whether servers are being retried after timeouts, with the full query timeout. */
  boolean retryingTimeouts() {
    return retryingTimeouts;
  }

  /**
   * Starts the one retry round for servers that timed out, if there are any and it has not run yet:
   * a timeout may be one lost datagram or a queue spike, not a dead server.
   */
  boolean startTimeoutRetries() {
    if (retryingTimeouts || timedOut.isEmpty()) {
      return false;
    }
    retryingTimeouts = true;
    tried.removeAll(timedOut);
    return true;
  }

  void failed(ServerAddress server, Outcome outcome) {
    failures.add(
        server.address().getHostAddress() + " (" + server.nameServer() + "): " + describe(outcome));
    failureOutcomes.add(outcome);
  }

  /** The delegation gained addresses (a chase found some). */
  void enrich(Delegation enriched) {
    this.delegation = enriched;
  }

  // ---- chases ----

  /**
   * Name servers whose address is unknown and can be resolved separately, each with the next
   * address type to ask for. In-domain ones cannot: their addresses live in the very zone they
   * serve, so only glue can reach them.
   */
  List<Question> chaseCandidates(IpFamilyPolicy family) {
    List<Integer> types = new ArrayList<>();
    if (family == IpFamilyPolicy.PREFER_IPV6 || family == IpFamilyPolicy.IPV6_ONLY) {
      types.add(Type.AAAA);
    }
    if (family.allowsIpv4()) {
      types.add(Type.A);
    }
    if (family.allowsIpv6() && !types.contains(Type.AAAA)) {
      types.add(Type.AAAA);
    }
    List<Question> out = new ArrayList<>();
    for (Question q : lastResortChases) {
      if (!chased.contains(q)) {
        out.add(q);
      }
    }
    for (Name ns : delegation.missingAddresses()) {
      if (delegation.isInDomain(ns) || nonexistentNameServers.contains(ns)) {
        continue;
      }
      for (int type : types) {
        Question q = new Question(ns, type);
        if (!chased.contains(q)) {
          out.add(q);
          break;
        }
      }
    }
    return out;
  }

  void chased(Question target) {
    chased.add(target);
  }

  /** Whether {@code target} was chased here already. */
  boolean wasChased(Question target) {
    return chased.contains(target);
  }

  /** Queues a chase the last-resort stage decided on; it goes before any other. */
  void chaseAsLastResort(Question target) {
    lastResortChases.add(target);
  }

  /** True the first time a last resort named {@code what} is taken here, false after. */
  boolean firstTime(String what) {
    return lastResortsTaken.add(what);
  }

  /** Whether a chase showed that {@code ns} does not exist. */
  boolean doesNotExist(Name ns) {
    return nonexistentNameServers.contains(ns);
  }

  int gluelessFetches() {
    return gluelessFetches;
  }

  void countGluelessFetch() {
    gluelessFetches++;
  }

  void chaseFailed(String why) {
    chaseFailures.add(why);
  }

  void nameServerDoesNotExist(Name ns) {
    nonexistentNameServers.add(ns);
  }

  String chaseFailureSuffix() {
    return chaseFailures.isEmpty() ? "" : " (" + String.join("; ", chaseFailures) + ")";
  }

  // ---- QNAME minimisation ----

  Name knownNoCutAbove() {
    return knownNoCutAbove;
  }

  void noCutAt(Name name) {
    knownNoCutAbove = name;
  }

  // ---- the verdict ----

  /**
   * What a failure here covers (RFC 9520 section 3): the zone, when its servers could not be
   * reached, do not serve it (REFUSED, NOTAUTH, recursion-lame: a lame delegation), or the
   * delegation itself was unusable; only the question, when a server failed this question alone
   * (SERVFAIL or another error rcode, an upward referral for one type, TC over TCP), so that the
   * next question to the same zone is not refused for it.
   *
   * @param name the name being resolved
   * @param type the type asked
   */
  FailureScope failureScope(Name name, int type) {
    for (Outcome o : failureOutcomes) {
      if (o instanceof Outcome.Lame l && !l.reason().zoneWide()) {
        return new FailureScope.OneQuestion(name, type);
      }
    }
    return new FailureScope.Zone(delegation.zone());
  }

  /** Why nothing at this cut could answer, from the evidence gathered. */
  Failure explain() {
    Delegation d = delegation;
    List<Name> glueless = new ArrayList<>();
    for (Name ns : d.missingAddresses()) {
      if (d.isInDomain(ns)) {
        glueless.add(ns);
      }
    }
    String missingGlue =
        glueless.isEmpty()
            ? ""
            : "no glue for "
                + join(glueless)
                + " (inside "
                + d.zone()
                + ")"
                + (referringZone == null ? "" : " in the referral from " + referringZone);
    if (failureOutcomes.isEmpty()) {
      if (!glueless.isEmpty() && chaseFailures.isEmpty()) {
        return new Failure(FailureReason.MISSING_GLUE, missingGlue);
      }
      if (!chaseFailures.isEmpty()) {
        boolean loop = chaseFailures.stream().allMatch(x -> x.contains("delegation loop"));
        return new Failure(
            loop ? FailureReason.DELEGATION_LOOP : FailureReason.NS_ADDRESS_UNRESOLVABLE,
            "no usable address for the name servers of "
                + d.zone()
                + ": "
                + String.join("; ", chaseFailures)
                + (missingGlue.isEmpty() ? "" : "; " + missingGlue));
      }
      return new Failure(
          FailureReason.NO_REACHABLE_SERVER,
          "no permitted server address for "
              + d.zone()
              + " (address policy refused "
              + d.addresses().size()
              + " address(es))");
    }
    boolean allTimeouts = failureOutcomes.stream().allMatch(o -> o instanceof Outcome.Timeout);
    boolean allLame = failureOutcomes.stream().allMatch(o -> o instanceof Outcome.Lame);
    FailureReason reason =
        allTimeouts
            ? FailureReason.TIMEOUT
            : allLame ? FailureReason.ALL_SERVERS_LAME : FailureReason.NO_REACHABLE_SERVER;
    String what = priming ? "priming the root from the hints" : "servers of " + d.zone();
    StringBuilder detail =
        new StringBuilder("all ")
            .append(what)
            .append(" failed: ")
            .append(String.join("; ", failures));
    if (!chaseFailures.isEmpty()) {
      detail.append("; unresolvable name servers: ").append(String.join("; ", chaseFailures));
    }
    if (!missingGlue.isEmpty()) {
      detail.append("; ").append(missingGlue);
    }
    return new Failure(reason, detail.toString());
  }

  private static String describe(Outcome o) {
    if (o instanceof Outcome.Lame l) {
      return l.reason() == LameReason.REFUSED || l.reason() == LameReason.SERVFAIL
          ? l.reason().name()
          : l.reason().name() + " (" + l.detail() + ")";
    }
    if (o instanceof Outcome.Timeout t) {
      return "timeout after " + t.after().toMillis() + " ms";
    }
    if (o instanceof Outcome.Malformed m) {
      return "malformed response (" + m.detail() + ")";
    }
    if (o instanceof Outcome.Unreachable u) {
      return "unreachable (" + u.detail() + ")";
    }
    return o.kind().label();
  }

  private static String join(List<Name> names) {
    List<String> s = new ArrayList<>();
    for (Name n : names) {
      s.add(n.toString());
    }
    return String.join(", ", s);
  }
}
