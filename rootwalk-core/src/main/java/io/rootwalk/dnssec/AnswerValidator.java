package io.rootwalk.dnssec;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Security;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.TrustAnchors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Validates what a walk found (Unbound's validator module, after its iterator): each RRset of the
 * answer is verified with the keys of the zone that signed it, the chain of trust to those keys
 * comes from {@link ChainOfTrust}, and the answer is as secure as its least secure RRset (RFC 4035
 * section 4.3). A bogus answer becomes SERVFAIL with the typed reason and its extended error,
 * unless the caller disabled checking (CD); its data is discarded from the cache, so the next
 * lookup fetches it afresh rather than reading a forgery back (RFC 4035 section 4.5).
 *
 * <p>Denials (NXDOMAIN, NODATA) need the zone's chain, the signatures of the SOA and of the NSEC or
 * NSEC3 records, and the proof those records make ({@link DenialProof}: RFC 4035 section 5.4, RFC
 * 5155 section 8).
 */
public final class AnswerValidator {

  /** Where combining starts: no RRset yet, so nothing weakens the answer; never returned alone. */
  private static final Security NOTHING_CHECKED =
      new Security(SecurityStatus.SECURE, "no RRset to check", OptionalInt.empty());

  private final TrustAnchors anchors;
  private final KeyCache keys;
  private final KeyFetcher fetcher;
  private final Clock clock;
  private final Ticker ticker;
  private final ValidationLimits limits;
  private final BiConsumer<Name, Integer> discard;
  private final NsecRanges ranges;

  /**
   * A validator for one resolver.
   *
   * @param anchors where every chain starts
   * @param keys the key cache
   * @param fetcher fetches DS and DNSKEY RRsets
   * @param clock the wall clock signature windows are checked against
   * @param limits the caps on validation work per lookup
   * @param discard told the name and type of data that turned out bogus, to drop it from the cache
   */
  public AnswerValidator(
      TrustAnchors anchors,
      KeyCache keys,
      KeyFetcher fetcher,
      Clock clock,
      ValidationLimits limits,
      BiConsumer<Name, Integer> discard) {
    this.anchors = anchors;
    this.keys = keys;
    this.fetcher = fetcher;
    this.clock = clock;
    this.ticker = keys.ticker();
    this.limits = limits;
    this.discard = discard;
    this.ranges = new NsecRanges(keys.ticker());
  }

  /**
   * Validates {@code resolution}.
   *
   * @param resolution the walk's (or the cache's) result, with its DNSSEC records
   * @param checkingDisabled whether a bogus answer is returned as it is (CD=1) instead of SERVFAIL
   * @return the resolution with its {@link Security} and the validation steps after the walk's; the
   *     future always completes normally
   */
  public CompletableFuture<Resolution> validate(Resolution resolution, boolean checkingDisabled) {
    if (resolution.status() == Status.SERVFAIL || resolution.status() == Status.YXDOMAIN) {
      return CompletableFuture.completedFuture(resolution);
    }
    long started = ticker.read();
    List<TraceStep.Validation> steps = new ArrayList<>();
    ValidationBudget budget = ValidationBudget.of(limits);
    ChainOfTrust chain =
        new ChainOfTrust(anchors, keys, fetcher, clock.instant().getEpochSecond(), budget, steps);
    CompletableFuture<Security> security =
        resolution.hasAnswer()
            ? answer(resolution, chain, steps, budget)
            // A denial at the end of an alias chain: the links first, then the proof.
            : answer(resolution, chain, steps, budget)
                .thenCompose(
                    links ->
                        links.status() == SecurityStatus.BOGUS
                            ? CompletableFuture.completedFuture(links)
                            : denial(resolution, chain, steps, budget)
                                .thenApply(
                                    d -> resolution.answers().isEmpty() ? d : worse(links, d)));
    return security.thenApply(
        s -> finish(resolution, s, steps, budget, ticker.read() - started, checkingDisabled));
  }

  /** Forgets every cached key entry and NSEC range (a cache flush). */
  public void clearKeys() {
    keys.clear();
    ranges.clear();
  }

  // ---- Positive answers: every RRset of the chain and the final one --------------------------

  private CompletableFuture<Security> answer(
      Resolution r, ChainOfTrust chain, List<TraceStep.Validation> steps, ValidationBudget budget) {
    List<RRset> rrsets = SignedRRsets.group(r.answers(), r.dnssecRecords());
    List<RRset> denials = SignedRRsets.denials(r.dnssecRecords());
    CompletableFuture<Security> combined = CompletableFuture.completedFuture(NOTHING_CHECKED);
    for (RRset set : rrsets) {
      if (synthesized(set, rrsets)) {
        continue; // a CNAME made from a DNAME carries no RRSIG; the DNAME's is checked (RFC 6672)
      }
      combined =
          combined.thenCompose(
              sofar ->
                  sofar.status() == SecurityStatus.BOGUS
                      ? CompletableFuture.completedFuture(sofar)
                      : rrset(set, denials, chain, steps, budget).thenApply(s -> worse(sofar, s)));
    }
    return combined;
  }

  /** One RRset against the keys of the zone that signed it, or of its owner's zone if unsigned. */
  private CompletableFuture<Security> rrset(
      RRset set,
      List<RRset> denials,
      ChainOfTrust chain,
      List<TraceStep.Validation> steps,
      ValidationBudget budget) {
    Name owner = set.getName();
    Name zone = signer(set).filter(owner::subdomain).orElse(owner);
    long now = clock.instant().getEpochSecond();
    return chain
        .keysFor(zone)
        .thenApply(
            entry -> {
              String what = owner + " " + Type.string(set.getType());
              if (entry instanceof KeyEntry.Insecure insecure) {
                steps.add(
                    step(
                        insecure.zone(),
                        owner,
                        set.getType(),
                        SecurityStatus.INSECURE,
                        OptionalInt.empty(),
                        what + " is in insecure " + insecure.zone() + ": " + insecure.detail()));
                return new Security(
                    SecurityStatus.INSECURE,
                    insecure.zone() + " is unsigned: " + insecure.detail(),
                    OptionalInt.empty());
              }
              if (entry instanceof KeyEntry.Bogus bogus) {
                return bogus(
                    set,
                    bogus.zone(),
                    bogus.edeCode(),
                    "the chain of trust to " + bogus.zone() + " is broken: " + bogus.detail(),
                    steps);
              }
              TrustedKeys trusted = ((KeyEntry.Trusted) entry).keys();
              Verdict v = RRsetVerifier.verify(set, trusted, now, budget);
              if (v instanceof Verdict.Secure secure) {
                if (secure.wildcard().isPresent()) {
                  Optional<Verdict.Bogus> unproven =
                      WildcardProof.check(
                          owner, secure.wildcard().get(), trusted, denials, now, budget);
                  if (unproven.isPresent()) {
                    return bogus(
                        set,
                        trusted.zone(),
                        unproven.get().reason().edeCode(),
                        unproven.get().detail(),
                        steps);
                  }
                }
                steps.add(
                    step(
                        trusted.zone(),
                        owner,
                        set.getType(),
                        SecurityStatus.SECURE,
                        OptionalInt.of(secure.keyTag()),
                        what
                            + " signed by key "
                            + secure.keyTag()
                            + " of "
                            + trusted.zone()
                            + secure.wildcard().map(w -> ", expanded from " + w).orElse("")));
                return new Security(
                    SecurityStatus.SECURE,
                    "signed by " + trusted.zone() + ", chain of trust from " + anchors.source(),
                    OptionalInt.empty());
              }
              if (v instanceof Verdict.Insecure i) {
                steps.add(
                    step(
                        trusted.zone(),
                        owner,
                        set.getType(),
                        SecurityStatus.INSECURE,
                        OptionalInt.empty(),
                        i.detail()));
                return new Security(SecurityStatus.INSECURE, i.detail(), OptionalInt.empty());
              }
              if (v instanceof Verdict.Exhausted e) {
                return bogus(set, trusted.zone(), Verdict.Exhausted.EDE_CODE, e.detail(), steps);
              }
              Verdict.Bogus b = (Verdict.Bogus) v;
              return bogus(set, trusted.zone(), b.reason().edeCode(), b.detail(), steps);
            });
  }

  // ---- Denials: the zone's chain and the signatures of the proof ----------------------------

  private CompletableFuture<Security> denial(
      Resolution r, ChainOfTrust chain, List<TraceStep.Validation> steps, ValidationBudget budget) {
    Name zone = r.soa().map(Record::getName).orElse(r.canonicalName());
    List<RRset> proof = new ArrayList<>(SignedRRsets.group(r.authority(), r.dnssecRecords()));
    proof.addAll(SignedRRsets.denials(r.dnssecRecords()));
    long now = clock.instant().getEpochSecond();
    return chain
        .keysFor(zone)
        .thenApply(
            entry -> {
              if (entry instanceof KeyEntry.Insecure insecure) {
                return new Security(
                    SecurityStatus.INSECURE,
                    insecure.zone() + " is unsigned: " + insecure.detail(),
                    OptionalInt.empty());
              }
              if (entry instanceof KeyEntry.Bogus bogus) {
                discard.accept(r.canonicalName(), r.question().type());
                return new Security(
                    SecurityStatus.BOGUS,
                    "the chain of trust to " + bogus.zone() + " is broken: " + bogus.detail(),
                    OptionalInt.of(bogus.edeCode()));
              }
              TrustedKeys trusted = ((KeyEntry.Trusted) entry).keys();
              if (proof.stream()
                  .noneMatch(s -> s.getType() == Type.NSEC || s.getType() == Type.NSEC3)) {
                String detail =
                    r.status() + " from signed " + trusted.zone() + " without NSEC or NSEC3";
                return bogusDenial(
                    r,
                    trusted.zone(),
                    r.canonicalName(),
                    r.question().type(),
                    BogusReason.NSEC_MISSING.edeCode(),
                    detail,
                    detail,
                    steps);
              }
              for (RRset set : proof) {
                Verdict v = RRsetVerifier.verify(set, trusted, now, budget);
                if (v instanceof Verdict.Bogus || v instanceof Verdict.Exhausted) {
                  return bogusDenial(
                      r,
                      trusted.zone(),
                      set.getName(),
                      set.getType(),
                      edeOf(v),
                      detailOf(v),
                      detailOf(v),
                      steps);
                }
              }
              DenialVerdict denied =
                  DenialProof.prove(
                      r.canonicalName(),
                      r.question().type(),
                      r.status() == Status.NXDOMAIN,
                      trusted.zone(),
                      SignedRRsets.denials(r.dnssecRecords()),
                      budget);
              String what =
                  r.status() + " for " + r.canonicalName() + " " + Type.string(r.question().type());
              if (denied instanceof DenialVerdict.Proven proven) {
                learn(trusted.zone(), proof, proven.ttl());
                steps.add(
                    step(
                        trusted.zone(),
                        r.canonicalName(),
                        r.question().type(),
                        SecurityStatus.SECURE,
                        OptionalInt.empty(),
                        what + ": " + proven.how()));
                return new Security(
                    SecurityStatus.SECURE,
                    what + " proven by " + trusted.zone() + ": " + proven.how(),
                    OptionalInt.empty());
              }
              if (denied instanceof Verdict.Insecure insecure) {
                steps.add(
                    step(
                        trusted.zone(),
                        r.canonicalName(),
                        r.question().type(),
                        SecurityStatus.INSECURE,
                        OptionalInt.empty(),
                        insecure.detail()));
                // RFC 9276 section 3.2: say why with EDE 27 when the iterations were the reason.
                OptionalInt ede =
                    insecure.reason() == InsecureReason.UNSUPPORTED_NSEC3_ITERATIONS
                        ? OptionalInt.of(insecure.reason().edeCode())
                        : OptionalInt.empty();
                return new Security(SecurityStatus.INSECURE, insecure.detail(), ede);
              }
              Verdict failed = (Verdict) denied; // BOGUS or EXHAUSTED: both are verdicts too
              return bogusDenial(
                  r,
                  trusted.zone(),
                  r.canonicalName(),
                  r.question().type(),
                  edeOf(failed),
                  detailOf(failed),
                  what + ": " + detailOf(failed),
                  steps);
            });
  }

  /**
   * A denial found bogus: the name and type asked are dropped from the cache, the failed check (at
   * {@code owner}, {@code type}) is traced, and the answer is BOGUS with {@code ede}.
   */
  private Security bogusDenial(
      Resolution r,
      Name zone,
      Name owner,
      int type,
      int ede,
      String detail,
      String traced,
      List<TraceStep.Validation> steps) {
    discard.accept(r.canonicalName(), r.question().type());
    steps.add(step(zone, owner, type, SecurityStatus.BOGUS, OptionalInt.empty(), traced));
    return new Security(SecurityStatus.BOGUS, detail, OptionalInt.of(ede));
  }

  /** The extended error of a failed check: its reason's, or Other for a spent budget. */
  private static int edeOf(Verdict failure) {
    return failure instanceof Verdict.Bogus b ? b.reason().edeCode() : Verdict.Exhausted.EDE_CODE;
  }

  private static String detailOf(Verdict failure) {
    return failure instanceof Verdict.Bogus b ? b.detail() : ((Verdict.Exhausted) failure).detail();
  }

  /** Keeps the NSEC ranges of a proven denial for RFC 8198 (NSEC3 ranges are not kept). */
  private void learn(Name zone, List<RRset> proof, long ttl) {
    List<RRset> nsecs = new ArrayList<>();
    @Nullable RRset soa = null;
    for (RRset set : proof) {
      if (set.getType() == Type.NSEC) {
        nsecs.add(set);
      } else if (set.getType() == Type.SOA && set.getName().equals(zone)) {
        soa = set;
      }
    }
    if (soa != null && !nsecs.isEmpty()) {
      ranges.learn(zone, soa, nsecs, ttl);
    }
  }

  /**
   * The NXDOMAIN or NODATA validated NSEC ranges already prove for {@code question}, answered
   * without a query (RFC 8198 section 5.1; on by default, as in Unbound).
   *
   * @param question the client's question
   * @return the synthesized, SECURE resolution, or empty when no held range proves it
   */
  public Optional<Resolution> synthesize(Question question) {
    Optional<KeyCache.Found> found = keys.deepest(question.name());
    if (found.isEmpty() || !(found.get().entry() instanceof KeyEntry.Trusted trusted)) {
      return Optional.empty();
    }
    Name zone = trusted.zone();
    Optional<NsecRanges.Synthesized> denial = ranges.deny(zone, question.name(), question.type());
    if (denial.isEmpty()) {
      return Optional.empty();
    }
    NsecRanges.Synthesized d = denial.get();
    Status status = d.nxdomain() ? Status.NXDOMAIN : Status.NODATA;
    String detail = status + " from the validated NSEC of " + zone + " (RFC 8198): " + d.how();
    TraceStep.Validation step =
        new TraceStep.Validation(
            zone,
            TraceStep.Validation.Check.AGGRESSIVE_NSEC,
            question.name(),
            question.type(),
            SecurityStatus.SECURE,
            OptionalInt.empty(),
            detail,
            List.of());
    return Optional.of(
        new Resolution(
            question,
            status,
            d.nxdomain() ? Rcode.NXDOMAIN : Rcode.NOERROR,
            List.of(),
            question.name(),
            d.soa(),
            Optional.empty(),
            new Trace(List.of(step), 0, java.time.Duration.ZERO, io.rootwalk.WorkSpent.NONE),
            new Security(SecurityStatus.SECURE, detail, OptionalInt.empty()),
            d.proof()));
  }

  // ---- Finishing -------------------------------------------------------------------------------

  private Security bogus(
      RRset set, Name zone, int ede, String detail, List<TraceStep.Validation> steps) {
    discard.accept(set.getName(), set.getType());
    steps.add(
        step(
            zone, set.getName(), set.getType(), SecurityStatus.BOGUS, OptionalInt.empty(), detail));
    return new Security(SecurityStatus.BOGUS, detail, OptionalInt.of(ede));
  }

  private static Resolution finish(
      Resolution r,
      Security security,
      List<TraceStep.Validation> steps,
      ValidationBudget budget,
      long elapsedNanos,
      boolean checkingDisabled) {
    List<TraceStep> all = new ArrayList<>(r.trace().steps());
    all.addAll(steps);
    int queries = r.trace().upstreamQueries();
    for (TraceStep.Validation v : steps) {
      for (Trace t : v.fetched()) {
        queries += t.upstreamQueries();
      }
    }
    Trace trace =
        new Trace(
            all,
            queries,
            r.trace().elapsed().plusNanos(Math.max(0, elapsedNanos)),
            r.trace().spent().withValidation(budget.checksSpent(), budget.hashesSpent()));
    if (security.status() != SecurityStatus.BOGUS || checkingDisabled) {
      return r.validated(security, trace);
    }
    return new Resolution(
        r.question(),
        Status.SERVFAIL,
        Rcode.SERVFAIL,
        List.of(),
        r.canonicalName(),
        List.of(),
        Optional.of(new Failure(FailureReason.DNSSEC_BOGUS, security.detail())),
        trace,
        security,
        List.of());
  }

  /**
   * The weaker of two results; between equals the first, which names the first RRset checked (the
   * start of an alias chain).
   */
  private static Security worse(Security a, Security b) {
    if (a == NOTHING_CHECKED) {
      return b;
    }
    return rank(b.status()) > rank(a.status()) ? b : a;
  }

  /**
   * Bogus over indeterminate over insecure over secure: an answer is as weak as its weakest set.
   */
  private static int rank(SecurityStatus s) {
    switch (s) {
      case BOGUS:
        return 3;
      case INDETERMINATE:
        return 2;
      case INSECURE:
        return 1;
      default:
        return 0;
    }
  }

  private static Optional<Name> signer(RRset set) {
    for (RRSIGRecord sig : set.sigs()) {
      return Optional.of(sig.getSigner());
    }
    return Optional.empty();
  }

  /** A CNAME that a DNAME of the same answer yields for its owner (RFC 6672 section 2.3). */
  private static boolean synthesized(RRset set, List<RRset> all) {
    if (set.getType() != Type.CNAME || !set.sigs().isEmpty()) {
      return false;
    }
    for (RRset other : all) {
      if (other.getType() == Type.DNAME && set.getName().subdomain(other.getName())) {
        try {
          Name target = set.getName().fromDNAME((DNAMERecord) other.first());
          if (target != null
              && target.equals(((org.xbill.DNS.CNAMERecord) set.first()).getTarget())) {
            return true;
          }
        } catch (NameTooLongException e) {
          return false;
        }
      }
    }
    return false;
  }

  private static TraceStep.Validation step(
      Name zone, Name owner, int type, SecurityStatus status, OptionalInt keyTag, String detail) {
    return new TraceStep.Validation(
        zone, TraceStep.Validation.Check.RRSET, owner, type, status, keyTag, detail, List.of());
  }
}
