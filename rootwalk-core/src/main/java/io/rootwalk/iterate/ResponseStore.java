package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.Limit;
import io.rootwalk.Provenance;
import io.rootwalk.ServerAddress;
import io.rootwalk.cache.FailureScope;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.Rank;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.observe.LookupCounters;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Every cache write a classified response causes, in one place (Unbound's {@code iter_dns_store}):
 * what is stored, at which rank, and what proves a zone alive. Only scrubbed data reaches it, so
 * nothing a server outside the asked zone said is stored for that zone.
 */
record ResponseStore(ResolverCache cache, EngineConfig config, LookupCounters counters) {

  /**
   * Stores an answer, alias or denial for the question {@code a} asked, at the rank its {@link
   * Authority} earns (RFC 2181 section 5.4.1). A useful answer proves the zone alive and lifts its
   * failure hold; lame answers do not, so a zone that keeps failing keeps doubling its hold. A
   * denial is cached with its {@code proof} (NSEC or NSEC3 and RRSIGs), which the validator needs
   * each time it reads the denial back.
   */
  void answered(Attempt a, ResponseKind kind, List<Record> proof, int qtype) {
    if (!(kind instanceof ResponseKind.Data data)) {
      return; // a YXDOMAIN: nothing of the failed substitution is worth keeping
    }
    cache.zoneAnswered(a.zone());
    Authority authority = data.authority();
    if (kind instanceof ResponseKind.Answer ans) {
      cache.storeAnswer(a.zone(), ans.rrsets(), a.qname(), authority.answerRank());
    } else if (kind instanceof ResponseKind.Alias al) {
      cache.storeAnswer(a.zone(), al.chain(), a.qname(), authority.answerRank());
    } else if (kind instanceof ResponseKind.Denial d) {
      cache.storeAnswer(a.zone(), d.chain(), a.qname(), authority.answerRank());
      if (authority != Authority.RECURSIVE) {
        // A recursive server's denial is used at most once, never cached: a negative entry
        // would hide the zone's own data from later lookups until it expired.
        NegativeAnswer.Kind negative =
            d instanceof ResponseKind.NxDomain
                ? NegativeAnswer.Kind.NXDOMAIN
                : NegativeAnswer.Kind.NODATA;
        cache.storeNegative(negative, d.name(), qtype, d.soa(), proof);
      }
    }
  }

  /** The root's own NS set from priming, with the hints' addresses for any it left out. */
  Delegation primed(Attempt a, ResponseKind.PrimingAnswer p, Delegation hints) {
    cache.zoneAnswered(a.zone());
    Delegation primed = Delegation.fromPriming(p.rootNs(), p.addresses(), hints);
    cache.storeDelegation(primed);
    return primed;
  }

  /**
   * The child zone cut a referral describes, with the glue the policy accepts; and the child's DS
   * RRset with its RRSIGs when the referral carried one (DO=1). The parent is authoritative for
   * that DS (RFC 4035 section 3.1.4) and the validator checks it against the parent's keys before
   * trusting it, so keeping it spares the chain of trust one DS query per signed cut, as Unbound
   * does; it is cached answerable, below what an authoritative DS answer would bring.
   */
  Delegation.FromReferral referred(Attempt a, ResponseKind.Referral r, Scrubbed s) {
    cache.zoneAnswered(a.zone());
    if (config.validates()) {
      for (RRset set : s.authority()) {
        if (set.getType() == Type.DS && set.getName().equals(r.child()) && !set.sigs().isEmpty()) {
          cache.storeAnswer(a.zone(), List.of(set), r.child(), Rank.ANSWER);
        }
      }
    }
    Delegation.FromReferral read =
        Delegation.fromReferral(
            a.zone(),
            r.ns(),
            r.addresses(),
            config.siblingGlue(),
            config.limits().maxNameServersPerDelegation());
    if (r.ns().size() > config.limits().maxNameServersPerDelegation()) {
      counters.limitReached(Limit.MAX_NAME_SERVERS_PER_DELEGATION, r.child());
    }
    cache.storeDelegation(read.delegation());
    return read;
  }

  /**
   * An authoritative response that carried the zone's own NS RRset (the child side, which RFC 2181
   * section 5.4.1 ranks above the parent's): the cached delegation learns those names and the
   * addresses the response gave for them, without living any longer for it.
   */
  void childSide(Attempt a, Scrubbed s) {
    List<Name> names = new ArrayList<>();
    for (RRset set : s.authority()) {
      if (set.getType() == Type.NS && set.getName().equals(a.zone())) {
        for (Record r : set.rrs(false)) {
          names.add(((NSRecord) r).getTarget());
        }
      }
    }
    if (names.isEmpty()) {
      return;
    }
    Optional<Delegation> cached = cache.delegations().get(a.zone());
    if (cached.isEmpty() || cached.get().childNameServers().equals(names)) {
      return;
    }
    List<ServerAddress> found = new ArrayList<>();
    for (RRset set : s.additional()) {
      if (!names.contains(set.getName())) {
        continue;
      }
      for (Record r : set.rrs(false)) {
        InetAddress address =
            r instanceof ARecord ? ((ARecord) r).getAddress() : ((AAAARecord) r).getAddress();
        found.add(new ServerAddress(set.getName(), address, Provenance.CHILD_SIDE, false));
      }
    }
    cache.updateDelegation(cached.get().withChildSide(names, found));
  }

  /**
   * The server does not serve the zone, or failed this question: skip it there for a while, for the
   * whole zone or for this question only, as the reason says.
   */
  void lame(Attempt a, LameReason reason) {
    FailureScope scope =
        reason.zoneWide()
            ? new FailureScope.Zone(a.zone())
            : new FailureScope.OneQuestion(a.qname(), a.qtype());
    cache
        .infra()
        .recordLame(
            a.server().address(), a.zone(), scope, reason.name(), reason == LameReason.SERVFAIL);
  }
}
