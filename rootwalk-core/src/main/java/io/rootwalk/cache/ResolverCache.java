package io.rootwalk.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.CacheStatistics;
import io.rootwalk.Failure;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.delegation.Delegation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Everything one resolver remembers, in one value that a derived resolver can share on purpose
 * ({@code Resolver.newBuilder()}), behind verbs in DNS terms: read the {@link CacheAnswer} for a
 * question, find the closest zone cut, store what a classified response taught, hold a failure. All
 * parts run on the same ticker.
 */
public final class ResolverCache {

  private final CachePolicy policy;
  private final Ticker ticker;
  private final RRsetCache rrsets;
  private final NegativeCache negatives;
  private final DelegationCache delegations;
  private final InfraCache infra;
  private final FailureCache failures;
  private final HitMemos memos;
  private final CacheJournal journal;
  private final LongAdder answerHits = new LongAdder();
  private final LongAdder negativeHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder staleAnswers = new LongAdder();
  private final LongAdder prefetches = new LongAdder();

  /**
   * An empty cache.
   *
   * @param policy the limits every table shares
   * @param ticker the one time source for every TTL and hold: a fake ticker makes expiry testable
   * @param executor where Caffeine runs its maintenance (evictions, removals)
   * @throws NullPointerException if an argument is null
   */
  public ResolverCache(CachePolicy policy, Ticker ticker, Executor executor) {
    this(policy, ticker, executor, CacheJournal.NONE);
  }

  /**
   * An empty cache that tells {@code journal} what it stores from the network.
   *
   * @param policy the limits every table shares
   * @param ticker the one time source for every TTL and hold
   * @param executor where Caffeine runs its maintenance
   * @param journal told of every entry stored and every bogus one discarded: the second-level
   *     cache's writer, or {@link CacheJournal#NONE}
   * @throws NullPointerException if an argument is null
   */
  public ResolverCache(CachePolicy policy, Ticker ticker, Executor executor, CacheJournal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(executor, "executor");
    this.rrsets = new RRsetCache(policy, ticker, executor);
    this.negatives = new NegativeCache(policy, ticker, executor);
    this.delegations = new DelegationCache(policy, ticker, executor);
    this.infra = new InfraCache(policy.maxEntries(), ticker, executor);
    this.failures =
        new FailureCache(
            policy.maxEntries(),
            policy.failureHoldMin(),
            policy.failureHoldMax(),
            ticker,
            executor);
    this.memos = new HitMemos(rrsets, negatives, policy.maxEntries());
  }

  // ---- Reading: RFC 1034 section 5.3.3, step 1 --------------------------------------------

  /**
   * {@link #answer(Name, int, long)} at the ticker's time now.
   *
   * @param name the name asked, or the alias target being followed
   * @param type the type asked
   * @return the cache's answer, never null
   */
  public CacheAnswer answer(Name name, int type) {
    return answer(name, type, ticker.read());
  }

  /**
   * What the cache holds for {@code name} and {@code type}: the RRset, a negative answer, a CNAME
   * to follow, or nothing. Positive data is checked first: it is the common hit, and a live RRset
   * is the better evidence should a negative entry for the same name also be alive. Counts hits; a
   * miss is counted by {@link #countMiss()} when the lookup really goes upstream.
   *
   * @param name the name asked, or the alias target being followed
   * @param type the type asked
   * @param nowNanos the ticker time, read once by the caller for its whole lookup
   * @return the cache's answer, never null
   */
  public CacheAnswer answer(Name name, int type, long nowNanos) {
    CachedRRset hit = rrsets.live(name, type, nowNanos);
    if (hit != null) {
      answerHits.increment();
      return new CacheAnswer.Hit(hit.records(nowNanos), refreshDue(hit, nowNanos), hit);
    }
    NegativeAnswer n = negatives.live(name, type, nowNanos);
    if (n != null) {
      negativeHits.increment();
      List<Record> soa = n.authority(nowNanos);
      return new CacheAnswer.Negative(
          n.kind(), n.soa().map(Record::getName).orElse(n.name()), soa, n);
    }
    if (type != Type.CNAME) {
      CachedRRset cname = rrsets.live(name, Type.CNAME, nowNanos);
      if (cname != null) {
        answerHits.increment();
        List<Record> records = cname.records(nowNanos);
        Name target = ((CNAMERecord) records.get(0)).getTarget();
        return new CacheAnswer.Alias(records, target, refreshDue(cname, nowNanos), cname);
      }
    }
    return MISS;
  }

  /**
   * The count of negative answers stored and flushed so far, to be read before a lookup's first
   * {@link #answer} when its result is to be {@linkplain #remember memoised}.
   *
   * @return the negative table's write count
   */
  public long negativeWrites() {
    return negatives.writes();
  }

  /**
   * The memoised resolution for {@code question}, when the same lookup was answered from the cache
   * alone in the same second of TTL and every entry it read is still the one it would read; the
   * hits it stands for are counted as if read again.
   *
   * @param question the client's question
   * @param nowNanos the current ticker time
   * @param maxAliasHops the asking resolver's limit: a longer memoised chain is not its answer
   * @return the shared resolution, or null (this is the hot path: no {@code Optional} per hit)
   */
  public @Nullable Resolution memoised(Question question, long nowNanos, int maxAliasHops) {
    MemoisedHit memo = memos.find(question, nowNanos, maxAliasHops);
    if (memo == null) {
      return null;
    }
    int negative = memo.negativeLinks();
    if (negative > 0) { // LongAdder.add(0) would still write a shared cell
      negativeHits.add(negative);
    }
    if (memo.links() > negative) {
      answerHits.add(memo.links() - negative);
    }
    return memo.resolution();
  }

  /**
   * Keeps a cache-only lookup's resolution for the hits that follow (see {@link MemoisedHit}).
   *
   * @param memo the resolution and the entries it was read from
   */
  public void remember(MemoisedHit memo) {
    memos.remember(memo);
  }

  private static final CacheAnswer MISS = new CacheAnswer.Miss();

  private boolean refreshDue(CachedRRset hit, long now) {
    return policy.prefetch() && hit.inLastTenth(now);
  }

  /**
   * The live delegation of the deepest zone cut at or above {@code name}: where a lookup of it
   * starts.
   *
   * @param name the name to be resolved
   * @return the closest cached zone cut, or empty when not even the root is cached
   */
  public Optional<Delegation> closestDelegation(Name name) {
    return delegations.closest(name);
  }

  /**
   * The failure held for a lookup of {@code name}/{@code type} at {@code zone}: the zone's own hold
   * first, then the question's (RFC 9520).
   *
   * @param zone the zone cut the lookup is at
   * @param name the name being resolved
   * @param type the type asked
   * @return the held failure, or empty
   */
  public Optional<Failure> heldFailure(Name zone, Name name, int type) {
    Optional<Failure> held = failures.get(new FailureScope.Zone(zone));
    return held.isPresent() ? held : failures.get(new FailureScope.OneQuestion(name, type));
  }

  /**
   * RFC 8767: the expired answer to {@code question} still within the serve-stale window, or empty
   * when serve-stale is off or nothing stale is left. Counts the stale answer.
   *
   * @param question the client's question
   * @param maxAliasHops the longest stale CNAME chain to follow
   * @return the stale answer with TTLs of {@link CachePolicy#STALE_ANSWER_TTL} (clamped as every
   *     TTL is, so never above {@code maxTtl}), or empty
   */
  public Optional<StaleAnswer> staleAnswer(Question question, int maxAliasHops) {
    if (policy.serveStaleFor().isZero()) {
      return Optional.empty();
    }
    Optional<StaleAnswer> stale =
        StaleAnswer.find(
            rrsets, question, maxAliasHops, policy.clampTtl(CachePolicy.STALE_ANSWER_TTL));
    stale.ifPresent(s -> staleAnswers.increment());
    return stale;
  }

  // ---- Storing what a classified response taught (Unbound's iter_dns_store) --------------

  /**
   * Caches an answer's RRsets. Only what describes the asked name is authoritative for sure (RFC
   * 2181 section 5.4.1: "only the record describing that alias is necessarily authoritative"): the
   * RRset owned by the name, or a DNAME above it. Later links of a chain are ranked as
   * non-authoritative answers, so a parent's copy of a child zone's data cannot displace the
   * child's own authoritative RRset.
   *
   * @param zone the zone whose server answered: the bailiwick the scrubber checked the records
   *     against, which travels with them to the second-level cache
   * @param rrsets the scrubbed answer section, in chain order
   * @param asked the name the query asked
   * @param rank the rank of what describes {@code asked}: {@link Rank#AUTHORITATIVE_ANSWER} from a
   *     response with AA, {@link Rank#ANSWER} from one without (it never displaces authoritative
   *     data, and authoritative data always displaces it)
   */
  public void storeAnswer(Name zone, List<RRset> rrsets, Name asked, Rank rank) {
    for (RRset set : rrsets) {
      boolean describesAsked =
          set.getName().equals(asked)
              || (set.getType() == Type.DNAME && asked.subdomain(set.getName()));
      Rank stored = describesAsked ? rank : Rank.ANSWER;
      if (this.rrsets.put(set, stored) && journal != CacheJournal.NONE) {
        journal.answerStored(zone, set, stored, policy.clampNanos(set.getTTL()));
      }
    }
  }

  /**
   * Caches a negative answer (RFC 2308; not at all without an SOA).
   *
   * @param kind NXDOMAIN (for the name and everything below it, RFC 8020) or NODATA
   * @param name the name denied
   * @param type the type asked
   * @param soa the zone's SOA from the authority section
   * @param proof the NSEC or NSEC3 records and the RRSIGs that prove the denial, as received
   */
  public void storeNegative(
      NegativeAnswer.Kind kind, Name name, int type, Optional<SOARecord> soa, List<Record> proof) {
    negatives.put(kind, name, type, soa, proof);
    if (soa.isPresent() && journal != CacheJournal.NONE) {
      long ttl = policy.clampNegativeNanos(Math.min(soa.get().getTTL(), soa.get().getMinimum()));
      if (ttl > 0) {
        journal.denialStored(kind, name, type, soa.get(), proof, ttl);
      }
    }
  }

  /**
   * The SOA of a fresh negative answer with the TTL the negative answer really has: min(SOA TTL,
   * SOA MINIMUM) (RFC 2308 section 5), clamped as {@link CachePolicy#clampNegativeTtl} says, as the
   * same answer will carry when it comes from the cache.
   *
   * @param soa the SOA from the response, if any
   * @return the SOA with its negative TTL, or an empty list
   */
  public List<Record> negativeAuthority(Optional<SOARecord> soa) {
    if (soa.isEmpty()) {
      return List.of();
    }
    SOARecord s = soa.get();
    long ttl = policy.clampNegativeTtl(Math.min(s.getTTL(), s.getMinimum()));
    return List.of(CachedRRset.withTtl(s, ttl));
  }

  /**
   * Caches a zone cut learned from a referral or priming, replacing the one for the same zone.
   *
   * @param delegation the zone cut with its name servers and addresses
   */
  public void storeDelegation(Delegation delegation) {
    delegations.put(delegation);
    journalDelegation(delegation.zone());
  }

  /**
   * Adds what a chase found to a cached zone cut, never extending its life nor bringing it back
   * (see {@link DelegationCache#update}).
   *
   * @param enriched the cached delegation with the chased addresses added
   */
  public void updateDelegation(Delegation enriched) {
    delegations.update(enriched);
    journalDelegation(enriched.zone());
  }

  /** The cut as the table now holds it, for as long as it has left. */
  private void journalDelegation(Name zone) {
    if (journal == CacheJournal.NONE) {
      return;
    }
    delegations
        .get(zone)
        .ifPresent(d -> journal.delegationStored(d, d.ttlSeconds() * 1_000_000_000L));
  }

  /**
   * The journal this cache tells what it stores.
   *
   * @return the journal, {@link CacheJournal#NONE} without a second-level cache
   */
  public CacheJournal journal() {
    return journal;
  }

  /**
   * Holds a failure so lookups it covers fail at once for a while (RFC 9520).
   *
   * @param scope the zone, or the one question, that failed
   * @param failure the reason held lookups report
   */
  public void holdFailure(FailureScope scope, Failure failure) {
    failures.put(scope, failure);
  }

  /**
   * A useful answer came from {@code zone}: it is alive, so a zone-wide hold on it is lifted.
   *
   * @param zone the zone that answered
   */
  public void zoneAnswered(Name zone) {
    failures.clearZone(zone);
  }

  /** A lookup found nothing to answer from and went upstream. */
  public void countMiss() {
    misses.increment();
  }

  /** A background refresh of an entry about to expire was started. */
  public void countPrefetch() {
    prefetches.increment();
  }

  /**
   * A snapshot of the counters and sizes.
   *
   * @return hits, misses, stale answers, prefetches and evictions so far, and the tables' sizes
   */
  public CacheStatistics statistics() {
    long rrsetEvictions = rrsets.stats().evictionCount();
    long negativeEvictions = negatives.stats().evictionCount();
    long delegationEvictions = delegations.stats().evictionCount();
    long evictions = rrsetEvictions + negativeEvictions + delegationEvictions;
    return new CacheStatistics(
        answerHits.sum(),
        negativeHits.sum(),
        misses.sum(),
        staleAnswers.sum(),
        prefetches.sum(),
        evictions,
        rrsets.size(),
        negatives.size(),
        delegations.size(),
        rrsetEvictions,
        negativeEvictions,
        delegationEvictions);
  }

  /**
   * The limits this cache was made with.
   *
   * @return the policy
   */
  public CachePolicy policy() {
    return policy;
  }

  /**
   * The time source every TTL and hold is measured with.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * The table of answerable RRsets, for direct inspection.
   *
   * @return the RRset table
   */
  public RRsetCache rrsets() {
    return rrsets;
  }

  /**
   * The table of NXDOMAIN and NODATA answers, for direct inspection.
   *
   * @return the negative table
   */
  public NegativeCache negatives() {
    return negatives;
  }

  /**
   * The table of zone cuts, for direct inspection.
   *
   * @return the delegation table
   */
  public DelegationCache delegations() {
    return delegations;
  }

  /**
   * What is known about each upstream server: RTT, EDNS support, lameness.
   *
   * @return the infrastructure cache
   */
  public InfraCache infra() {
    return infra;
  }

  /**
   * Forgets everything cached for {@code name}, and below it when {@code subtree}: RRsets, negative
   * answers, zone cuts and held failures. Server state is kept: it belongs to addresses, not names.
   *
   * @param name the name, or the apex of the subtree, to forget
   * @param subtree whether names below {@code name} are forgotten too
   */
  public void flush(Name name, boolean subtree) {
    rrsets.flush(name, subtree);
    negatives.flush(name, subtree);
    delegations.flush(name, subtree);
    failures.flush(name, subtree);
  }

  /**
   * Forgets the RRset or the denial of one name and type that failed DNSSEC validation (RFC 4035
   * section 4.5: bogus data must not be served from the cache); zone cuts and other types stay.
   *
   * @param name the owner, or the name denied
   * @param type the type
   */
  public void discardBogus(Name name, int type) {
    rrsets.discard(name, type);
    negatives.discard(name, type);
    journal.bogusDiscarded(name, type);
  }

  /** Forgets everything, server state included. */
  public void flushAll() {
    rrsets.flushAll();
    negatives.flushAll();
    delegations.flushAll();
    infra.flushAll();
    failures.flushAll();
    memos.clear();
  }
}
