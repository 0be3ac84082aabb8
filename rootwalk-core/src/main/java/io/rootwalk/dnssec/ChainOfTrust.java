package io.rootwalk.dnssec;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.TrustAnchors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Finds the keys that cover a name, from the trust anchor down (RFC 4035 section 5; Unbound's
 * validator FINDKEY state): the root's DNSKEY RRset against the anchors, then, one label at a time
 * toward the name, the child's DS as the parent signed it and the child's DNSKEY RRset against that
 * DS. A DS denial is either a proven unsigned delegation (the chain ends insecure) or a name that
 * is not a cut (the walk goes one label deeper with the same keys). What is learnt goes into the
 * {@link KeyCache}, so the next name in the same zone starts where this one ended.
 *
 * <p>Every decision is a {@link TraceStep.Validation} step, in order. One instance serves one
 * resolution's validation and runs one fetch at a time, so its step list needs no lock.
 */
final class ChainOfTrust {

  /**
   * How long a broken chain is held before it is tried again: Unbound's {@code val-bogus-ttl}
   * default, 60 seconds.
   */
  static final long BOGUS_TTL = 60;

  private final TrustAnchors anchors;
  private final KeyCache cache;
  private final KeyFetcher fetcher;
  private final long now;
  private final ValidationBudget budget;
  private final List<TraceStep.Validation> steps;

  ChainOfTrust(
      TrustAnchors anchors,
      KeyCache cache,
      KeyFetcher fetcher,
      long nowSeconds,
      ValidationBudget budget,
      List<TraceStep.Validation> steps) {
    this.anchors = anchors;
    this.cache = cache;
    this.fetcher = fetcher;
    this.now = nowSeconds;
    this.budget = budget;
    this.steps = steps;
  }

  /**
   * The entry covering {@code name}: the trusted keys of its zone, or why there are none.
   *
   * @param name an RRset's signer, or the owner of an unsigned RRset
   * @return the entry; the future always completes normally
   */
  CompletableFuture<KeyEntry> keysFor(Name name) {
    Optional<KeyCache.Found> known = cache.deepest(name);
    if (known.isPresent()) {
      return descend(known.get().entry(), known.get().at(), name);
    }
    return shared(Name.root, () -> rootKeys().thenApply(root -> new Step(root, Name.root)))
        .thenCompose(root -> descend(root.entry(), Name.root, name));
  }

  /**
   * The link about {@code link}, established by {@code work} or shared with the validation already
   * establishing it; a sharer takes the steps it was established with into its own trace.
   */
  private CompletableFuture<Step> shared(Name link, Supplier<CompletableFuture<Step>> work) {
    boolean[] leading = {false};
    return cache
        .link(
            link,
            () -> {
              leading[0] = true;
              int before = steps.size();
              return work.get()
                  .thenApply(
                      s ->
                          new KeyCache.Link(
                              s.entry(), s.at(), List.copyOf(steps.subList(before, steps.size()))));
            })
        .thenApply(
            l -> {
              if (!leading[0]) {
                steps.addAll(l.steps());
              }
              return new Step(l.entry(), l.at());
            });
  }

  // ---- The trust anchor -------------------------------------------------------------------

  /** The root's DNSKEY RRset, validated against the configured anchors (RFC 4035 section 5.1). */
  private CompletableFuture<KeyEntry> rootKeys() {
    return fetcher
        .fetch(new Question(Name.root, Type.DNSKEY))
        .thenApply(
            r -> {
              Optional<RRset> keys = rrset(r, Name.root, Type.DNSKEY);
              if (keys.isEmpty()) {
                return broken(
                    Name.root,
                    TraceStep.Validation.Check.ANCHOR_KEYS,
                    Name.root,
                    Type.DNSKEY,
                    BogusReason.DNSKEY_MISSING.edeCode(),
                    "the root's DNSKEY RRset could not be had: " + describe(r),
                    List.of(r.trace()));
              }
              KeySetVerdict v =
                  KeySetValidator.validate(keys.get(), anchors.asDsSet(), now, budget);
              return linked(
                  Name.root, v, TraceStep.Validation.Check.ANCHOR_KEYS, List.of(r.trace()));
            });
  }

  // ---- One label at a time toward the name ---------------------------------------------------

  /**
   * From {@code entry}, which covers {@code at}, down to {@code name}: done when the entry is not
   * trusted keys (nothing below an insecure or broken zone can be secure) or {@code at} is the
   * name; otherwise the DS of the next label decides.
   */
  private CompletableFuture<KeyEntry> descend(KeyEntry entry, Name at, Name name) {
    if (!(entry instanceof KeyEntry.Trusted trusted) || at.equals(name)) {
      return CompletableFuture.completedFuture(entry);
    }
    Name child = new Name(name, name.labels() - at.labels() - 1);
    return shared(
            child,
            () ->
                fetcher
                    .fetch(new Question(child, Type.DS))
                    .thenCompose(ds -> fromDs(trusted, child, ds)))
        .thenCompose(next -> descend(next.entry(), next.at(), name));
  }

  /** Where the walk down stands after one DS lookup. */
  private record Step(KeyEntry entry, Name at) {}

  /** What the parent's answer for {@code child}'s DS means for the chain. */
  private CompletableFuture<Step> fromDs(KeyEntry.Trusted parent, Name child, Resolution ds) {
    Optional<RRset> dsSet = rrset(ds, child, Type.DS);
    if (dsSet.isPresent()) {
      Verdict signed = RRsetVerifier.verify(dsSet.get(), parent.keys(), now, budget);
      if (!(signed instanceof Verdict.Secure)) {
        return done(
            fromVerdict(
                child, TraceStep.Validation.Check.DS_KEYS, Type.DS, signed, List.of(ds.trace())),
            child);
      }
      List<DSRecord> records = new ArrayList<>();
      dsSet.get().rrs(false).forEach(r -> records.add((DSRecord) r));
      long dsTtl = ((Verdict.Secure) signed).ttl();
      return fetcher
          .fetch(new Question(child, Type.DNSKEY))
          .thenApply(keys -> new Step(childKeys(child, records, dsTtl, ds, keys), child));
    }
    if (ds.status() == Status.NODATA || ds.status() == Status.NOERROR) {
      NoDsVerdict v =
          NoDsProof.prove(
              child, parent.keys(), SignedRRsets.denials(ds.dnssecRecords()), now, budget);
      if (v instanceof NoDsVerdict.Proven proven) {
        String how = "the parent " + parent.zone() + " proves no DS (" + proven.method() + ")";
        return done(unsigned(parent.zone(), child, how, proven.ttl(), ds), child);
      }
      if (v instanceof Verdict.Insecure unchecked) {
        return done(unsigned(parent.zone(), child, unchecked.detail(), BOGUS_TTL, ds), child);
      }
      // No proof of an unsigned delegation: the name is inside the parent's zone (an empty
      // non-terminal, a host), and the parent's keys cover it. Should it be a cut whose proof was
      // stripped, the child's data will not verify with the parent's keys: bogus, never insecure.
      TrustedKeys same = parent.keys();
      long held = Math.min(same.ttl(), negativeTtl(ds));
      cache.put(child, new KeyEntry.Trusted(new TrustedKeys(same.zone(), same.keys(), held)));
      return done(parent, child);
    }
    if (ds.status() == Status.NXDOMAIN) {
      return done(parent, child); // nothing below exists; the answer's own check decides
    }
    return done(
        broken(
            child,
            TraceStep.Validation.Check.DS_KEYS,
            child,
            Type.DS,
            BogusReason.DNSSEC_BOGUS.edeCode(),
            "the DS of " + child + " could not be had: " + describe(ds),
            List.of(ds.trace())),
        child);
  }

  /** {@code child} has no chain of trust, as {@code detail} says: insecure, cached, traced. */
  private KeyEntry unsigned(Name parent, Name child, String detail, long ttl, Resolution ds) {
    KeyEntry insecure = new KeyEntry.Insecure(child, detail, ttl);
    cache.put(child, insecure);
    record(
        parent,
        TraceStep.Validation.Check.NO_DS,
        child,
        Type.DS,
        SecurityStatus.INSECURE,
        OptionalInt.empty(),
        detail,
        List.of(ds.trace()));
    return insecure;
  }

  /** The child's DNSKEY RRset against the DS its parent signed: the next link. */
  private KeyEntry childKeys(
      Name child, List<DSRecord> ds, long dsTtl, Resolution dsLookup, Resolution keys) {
    List<Trace> fetched = List.of(dsLookup.trace(), keys.trace());
    Optional<RRset> keySet = rrset(keys, child, Type.DNSKEY);
    if (keySet.isEmpty()) {
      return broken(
          child,
          TraceStep.Validation.Check.DS_KEYS,
          child,
          Type.DNSKEY,
          BogusReason.DNSKEY_MISSING.edeCode(),
          child + " has a DS but its DNSKEY RRset could not be had: " + describe(keys),
          fetched);
    }
    KeySetVerdict v = KeySetValidator.validate(keySet.get(), ds, now, budget);
    if (v instanceof KeySetVerdict.Trusted t) {
      TrustedKeys keysHeld =
          new TrustedKeys(child, t.keys().keys(), Math.min(dsTtl, t.keys().ttl()));
      v = new KeySetVerdict.Trusted(keysHeld, t.dsKeyTag(), t.proof());
    }
    return linked(child, v, TraceStep.Validation.Check.DS_KEYS, fetched);
  }

  // ---- Recording what was learnt ----------------------------------------------------------------

  private KeyEntry linked(
      Name zone, KeySetVerdict v, TraceStep.Validation.Check check, List<Trace> fetched) {
    if (v instanceof KeySetVerdict.Trusted t) {
      KeyEntry entry = new KeyEntry.Trusted(t.keys());
      cache.put(zone, entry);
      record(
          zone,
          check,
          zone,
          Type.DNSKEY,
          SecurityStatus.SECURE,
          OptionalInt.of(t.dsKeyTag()),
          "DNSKEY RRset of "
              + zone
              + " ("
              + t.keys().keys().size()
              + " keys) signed by key "
              + t.dsKeyTag()
              + (check == TraceStep.Validation.Check.ANCHOR_KEYS
                  ? ", a trust anchor (" + anchors.source() + ")"
                  : ", which its parent's DS names"),
          fetched);
      return entry;
    }
    if (v instanceof Verdict.Insecure i) {
      return fromVerdict(zone, check, Type.DNSKEY, i, fetched);
    }
    return fromFailure(zone, check, Type.DNSKEY, v, fetched);
  }

  private KeyEntry fromVerdict(
      Name zone, TraceStep.Validation.Check check, int type, Verdict v, List<Trace> fetched) {
    if (v instanceof Verdict.Insecure i) {
      KeyEntry entry = new KeyEntry.Insecure(zone, i.detail(), BOGUS_TTL);
      cache.put(zone, entry);
      record(
          zone,
          check,
          zone,
          type,
          SecurityStatus.INSECURE,
          OptionalInt.empty(),
          i.detail(),
          fetched);
      return entry;
    }
    return fromFailure(zone, check, type, v, fetched);
  }

  private KeyEntry fromFailure(
      Name zone, TraceStep.Validation.Check check, int type, Object failure, List<Trace> fetched) {
    if (failure instanceof Verdict.Bogus b) {
      return broken(zone, check, zone, type, b.reason().edeCode(), b.detail(), fetched);
    }
    if (failure instanceof Verdict.Exhausted e) {
      return broken(zone, check, zone, type, Verdict.Exhausted.EDE_CODE, e.detail(), fetched);
    }
    throw new IllegalArgumentException("not a failure: " + failure);
  }

  private KeyEntry broken(
      Name zone,
      TraceStep.Validation.Check check,
      Name owner,
      int type,
      int edeCode,
      String detail,
      List<Trace> fetched) {
    KeyEntry entry = new KeyEntry.Bogus(zone, edeCode, detail, BOGUS_TTL);
    cache.put(zone, entry);
    record(zone, check, owner, type, SecurityStatus.BOGUS, OptionalInt.empty(), detail, fetched);
    return entry;
  }

  private void record(
      Name zone,
      TraceStep.Validation.Check check,
      Name owner,
      int type,
      SecurityStatus status,
      OptionalInt keyTag,
      String detail,
      List<Trace> fetched) {
    steps.add(new TraceStep.Validation(zone, check, owner, type, status, keyTag, detail, fetched));
  }

  private static CompletableFuture<Step> done(KeyEntry entry, Name at) {
    return CompletableFuture.completedFuture(new Step(entry, at));
  }

  /** The RRset of {@code type} at {@code owner} in a fetched answer, with its signatures. */
  private static Optional<RRset> rrset(Resolution r, Name owner, int type) {
    if (r.status() != Status.NOERROR) {
      return Optional.empty();
    }
    for (RRset s : SignedRRsets.group(r.answers(), r.dnssecRecords())) {
      if (s.getType() == type && s.getName().equals(owner)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** How long a DS denial says the name stays what it is: its SOA's negative TTL. */
  private static long negativeTtl(Resolution r) {
    return r.soa().map(Record::getTTL).orElse(BOGUS_TTL);
  }

  private static String describe(Resolution r) {
    return r.failure().map(f -> "SERVFAIL, " + f).orElse(r.status().toString());
  }
}
