package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.delegation.Delegation;
import org.xbill.DNS.Type;

/**
 * Every cache write a classified response causes, in one place (Unbound's {@code iter_dns_store}):
 * what is stored, at which rank, and what proves a zone alive. Only scrubbed data reaches it, so
 * nothing a server outside the asked zone said is stored for that zone.
 */
record ResponseStore(ResolverCache cache, EngineConfig config) {

  /**
   * Stores an answer, alias or denial for the question {@code a} asked. A useful answer proves the
   * zone alive and lifts its failure hold; lame answers do not, so a zone that keeps failing keeps
   * doubling its hold.
   */
  void answered(Attempt a, ResponseKind kind, int qtype) {
    cache.zoneAnswered(a.zone());
    if (kind instanceof ResponseKind.Answer ans) {
      cache.storeAnswer(ans.rrsets(), a.qname());
    } else if (kind instanceof ResponseKind.Alias al) {
      cache.storeAnswer(al.chain(), a.qname());
    } else if (kind instanceof ResponseKind.Denial d) {
      cache.storeAnswer(d.chain(), a.qname());
      NegativeAnswer.Kind negative =
          d instanceof ResponseKind.NxDomain
              ? NegativeAnswer.Kind.NXDOMAIN
              : NegativeAnswer.Kind.NODATA;
      cache.storeNegative(negative, d.name(), qtype, d.soa());
    }
  }

  /**
   * A minimised probe was answered NXDOMAIN: nothing exists at or below the probed name (RFC 8020),
   * whatever the type.
   */
  void probeDenied(ResponseKind.NxDomain nx) {
    cache.storeNegative(NegativeAnswer.Kind.NXDOMAIN, nx.name(), Type.A, nx.soa());
  }

  /** The root's own NS set from priming, with the hints' addresses for any it left out. */
  Delegation primed(Attempt a, ResponseKind.PrimingAnswer p, Delegation hints) {
    cache.zoneAnswered(a.zone());
    Delegation primed = Delegation.fromPriming(p.rootNs(), p.addresses(), hints);
    cache.storeDelegation(primed);
    return primed;
  }

  /** The child zone cut a referral describes, with the glue the policy accepts. */
  Delegation.FromReferral referred(Attempt a, ResponseKind.Referral r) {
    cache.zoneAnswered(a.zone());
    Delegation.FromReferral read =
        Delegation.fromReferral(
            a.zone(),
            r.ns(),
            r.addresses(),
            config.siblingGlue(),
            config.limits().maxNameServersPerDelegation());
    cache.storeDelegation(read.delegation());
    return read;
  }

  /** The server does not serve the zone, or failed: skip it there for a while. */
  void lame(Attempt a, ResponseKind.Lame l) {
    cache
        .infra()
        .recordLame(
            a.server().address(), a.zone(), l.reason().name(), l.reason() == LameReason.SERVFAIL);
  }
}
