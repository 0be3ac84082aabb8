package io.rootwalk.secondlevel;

import io.rootwalk.Question;
import io.rootwalk.SecondLevelStatistics;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.CachedRRset;
import io.rootwalk.cache.Rank;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.concurrent.Deadlines;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.spi.SecondLevelCache;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads through: when the own cache cannot answer a name, one read of the store fetches every entry
 * that could (the RRset, a CNAME, a NODATA, an NXDOMAIN at the name or above, the zone cuts below
 * the deepest one known) and loads what passes {@link EntryCheck} into the own cache, where the
 * walk then finds it as ordinary hits. A store that fails or does not answer within the timeout
 * costs that timeout once; it is then left alone for a while (one second, doubling up to thirty, as
 * long as it keeps failing), so an outage costs no lookup more than one timeout.
 */
public final class SecondLevelReader {

  /** Ancestors whose denial or cut is asked for: deeper names than this are rare. */
  static final int MAX_ANCESTORS = 8;

  private static final long FIRST_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();
  private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(30).toNanos();

  /** A failure and when the store may be asked again. */
  private record Outage(String why, long sinceNanos, long untilNanos, long backoffNanos) {}

  private final SecondLevelCache store;
  private final ResolverCache cache;
  private final Duration timeout;
  private final Deadlines deadlines;
  private final Executor continuation;
  private final EntryCheck check;
  private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();
  private final LongAdder reads = new LongAdder();
  private final LongAdder loadedEntries = new LongAdder();
  private final LongAdder refusedEntries = new LongAdder();
  private final LongAdder unavailable = new LongAdder();

  /**
   * A reader of {@code store} into {@code cache}.
   *
   * @param store the shared store
   * @param cache the own cache, loaded with what passes the checks
   * @param timeout how long a read may take before the lookup walks without it
   * @param deadlines the resolver's timers
   * @param continuation where the lookup goes on once the store has answered: never the store's own
   *     I/O thread
   * @param maxNameServers the resolver's limit of NS names per zone cut
   */
  public SecondLevelReader(
      SecondLevelCache store,
      ResolverCache cache,
      Duration timeout,
      Deadlines deadlines,
      Executor continuation,
      int maxNameServers) {
    this.store = Objects.requireNonNull(store, "store");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.continuation = Objects.requireNonNull(continuation, "continuation");
    this.check = new EntryCheck(cache.policy(), maxNameServers);
  }

  /**
   * Reads what the store holds for {@code question} into the own cache.
   *
   * @param question the name and type the own cache could not answer
   * @return the trace step saying what came of it; never completes exceptionally
   */
  public CompletableFuture<TraceStep.SecondLevelRead> read(Question question) {
    long start = deadlines.now();
    Name cut = cache.closestDelegation(question.name()).map(Delegation::zone).orElse(Name.root);
    Outage down = outage.get();
    if (down != null && start < down.untilNanos()) {
      String why =
          "not asked: it failed "
              + Duration.ofNanos(start - down.sinceNanos()).toMillis()
              + " ms ago ("
              + down.why()
              + ")";
      unavailable.increment();
      return CompletableFuture.completedFuture(unavailable(cut, question, why, Duration.ZERO));
    }
    List<EntryKey> keys = keys(question, cut);
    List<String> texts = new ArrayList<>(keys.size());
    for (EntryKey k : keys) {
      texts.add(k.text());
    }
    CompletableFuture<List<Optional<SecondLevelCache.Entry>>> answered;
    try {
      // A copy: the timeout below completes it, never a future the store may share.
      answered = store.read(texts).toCompletableFuture().thenApply(entries -> entries);
    } catch (RuntimeException e) {
      answered = CompletableFuture.failedFuture(e);
    }
    deadlines.failAfter(
        answered,
        timeout,
        () -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    reads.increment();
    return answered.handleAsync(
        (entries, e) -> {
          Duration took = Duration.ofNanos(deadlines.now() - start);
          if (e != null || entries == null || entries.size() != keys.size()) {
            String why =
                e != null ? describe(e) : "answered " + size(entries) + " of " + keys.size();
            failed(why, start);
            unavailable.increment();
            return unavailable(cut, question, why, took);
          }
          outage.set(null);
          return load(cut, question, keys, entries, took);
        },
        continuation);
  }

  private static int size(@Nullable List<?> entries) {
    return entries == null ? 0 : entries.size();
  }

  /** The keys of everything that could answer {@code question} or bring its walk closer. */
  static List<EntryKey> keys(Question question, Name knownCut) {
    Name name = question.name();
    int type = question.type();
    List<EntryKey> keys = new ArrayList<>();
    keys.add(EntryKey.answer(name, type));
    if (type != Type.CNAME) {
      keys.add(EntryKey.answer(name, Type.CNAME));
    }
    keys.add(EntryKey.nodata(name, type));
    int ancestors = 0;
    // Only below the deepest cut known: a cut above it would take the walk nowhere, and the cut's
    // own name and everything above it exist, so no NXDOMAIN can be there.
    for (Name n = name;
        n.labels() > 1 && n.subdomain(knownCut) && !n.equals(knownCut) && ancestors < MAX_ANCESTORS;
        n = new Name(n, 1)) {
      keys.add(EntryKey.nxdomain(n));
      keys.add(EntryKey.delegation(n));
      ancestors++;
    }
    return keys;
  }

  private TraceStep.SecondLevelRead load(
      Name cut,
      Question question,
      List<EntryKey> keys,
      List<Optional<SecondLevelCache.Entry>> entries,
      Duration took) {
    List<String> loaded = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<Integer> later = new ArrayList<>();
    // Zone cuts first, shallowest first: they decide which zone may speak for the other entries.
    for (int i = keys.size() - 1; i >= 0; i--) {
      if (keys.get(i).table() == EntryKey.Table.DELEGATION) {
        take(keys.get(i), entries.get(i), loaded, rejected);
      } else {
        later.add(0, i);
      }
    }
    for (int i : later) {
      take(keys.get(i), entries.get(i), loaded, rejected);
    }
    loadedEntries.add(loaded.size());
    refusedEntries.add(rejected.size());
    TraceStep.SecondLevelRead.Result result =
        loaded.isEmpty()
            ? TraceStep.SecondLevelRead.Result.NOTHING
            : TraceStep.SecondLevelRead.Result.LOADED;
    return new TraceStep.SecondLevelRead(cut, question, result, loaded, rejected, "", took);
  }

  private void take(
      EntryKey key,
      Optional<SecondLevelCache.Entry> stored,
      List<String> loaded,
      List<String> rejected) {
    if (stored.isEmpty()) {
      return;
    }
    SecondLevelCache.Entry entry = stored.get();
    StoredEntry decoded;
    try {
      decoded = EntryCodec.decode(entry.value(), entry.remainingMillis() / 1000);
    } catch (IOException e) {
      rejected.add(key + ": unreadable: " + e.getMessage());
      return;
    }
    EntryCheck.Verdict verdict =
        check.check(
            key,
            decoded,
            entry.remainingMillis(),
            n -> cache.closestDelegation(n).map(Delegation::zone));
    if (verdict instanceof EntryCheck.Rejected r) {
      rejected.add(key + ": " + r.reason());
      return;
    }
    EntryCheck.Accepted a = (EntryCheck.Accepted) verdict;
    if (into(a)) {
      loaded.add(describe(a));
    }
  }

  /** Loads an accepted entry; false when the own cache already held something as good. */
  private boolean into(EntryCheck.Accepted a) {
    long ttl = a.ttlSeconds();
    StoredEntry e = a.entry();
    if (e instanceof StoredEntry.Answer answer) {
      return cache.rrsets().put(withTtl(answer.rrset(), ttl), answer.rank());
    }
    if (e instanceof StoredEntry.Denial d) {
      if (cache.negatives().get(d.name(), d.type()).isPresent()) {
        return false;
      }
      cache
          .negatives()
          .put(
              d.kind(),
              d.name(),
              d.type(),
              Optional.of((org.xbill.DNS.SOARecord) CachedRRset.withTtl(d.soa(), ttl)),
              d.proof());
      return true;
    }
    Delegation d = ((StoredEntry.Delegated) e).delegation();
    if (cache.delegations().get(d.zone()).isPresent()) {
      return false; // what this resolver learned itself (a child-side NS set) stays
    }
    cache.delegations().put(d);
    return true;
  }

  private static RRset withTtl(RRset rrset, long ttl) {
    List<Record> records = new ArrayList<>();
    for (Record r : rrset.rrs(false)) {
      records.add(CachedRRset.withTtl(r, ttl));
    }
    for (Record sig : rrset.sigs()) {
      records.add(CachedRRset.withTtl(sig, ttl));
    }
    return new RRset(records);
  }

  private static String describe(EntryCheck.Accepted a) {
    StoredEntry e = a.entry();
    String ttl = a.ttlSeconds() + " s";
    if (e instanceof StoredEntry.Answer answer) {
      RRset r = answer.rrset();
      String rank = answer.rank() == Rank.AUTHORITATIVE_ANSWER ? "authoritative answer" : "answer";
      return Type.string(r.getType()) + " " + r.getName() + " (" + rank + ", " + ttl + ")";
    }
    if (e instanceof StoredEntry.Denial d) {
      String what = d.kind() + " " + d.name();
      return (d.kind() == io.rootwalk.cache.NegativeAnswer.Kind.NODATA
              ? what + " " + Type.string(d.type())
              : what)
          + " ("
          + ttl
          + ")";
    }
    Delegation d = ((StoredEntry.Delegated) e).delegation();
    return "delegation "
        + d.zone()
        + " ("
        + d.nameServers().size()
        + " NS, "
        + d.addresses().size()
        + " addresses, "
        + ttl
        + ")";
  }

  /**
   * A read that began at {@code startNanos} failed. Reads that were already waiting when the outage
   * was first seen are the same outage: a hundred reads in flight when Redis dies must not double
   * the back-off a hundred times over; only a read made after it (the probe once the back-off has
   * passed) doubles it.
   */
  private void failed(String why, long startNanos) {
    long nowNanos = deadlines.now();
    outage.updateAndGet(
        old -> {
          if (old != null && startNanos <= old.sinceNanos()) {
            return old;
          }
          long backoff =
              old == null
                  ? FIRST_BACKOFF_NANOS
                  : Math.min(MAX_BACKOFF_NANOS, old.backoffNanos() * 2);
          return new Outage(why, nowNanos, nowNanos + backoff, backoff);
        });
  }

  private static TraceStep.SecondLevelRead unavailable(
      Name cut, Question question, String why, Duration took) {
    return new TraceStep.SecondLevelRead(
        cut,
        question,
        TraceStep.SecondLevelRead.Result.UNAVAILABLE,
        List.of(),
        List.of(),
        why,
        took);
  }

  private static String describe(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Data this reader loaded failed DNSSEC validation: counted with the entries refused. */
  public void loadedBogus() {
    refusedEntries.increment();
  }

  /**
   * The reader's counters with the writer's.
   *
   * @param writer the cache's writer, or null when the cache has none (a derived resolver's view is
   *     the same writer)
   * @return the snapshot
   */
  public SecondLevelStatistics statistics(@Nullable SecondLevelWriter writer) {
    return new SecondLevelStatistics(
        reads.sum(),
        loadedEntries.sum(),
        refusedEntries.sum(),
        unavailable.sum(),
        writer == null ? 0 : writer.written(),
        writer == null ? 0 : writer.dropped(),
        writer == null ? 0 : writer.failed());
  }
}
