package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.QnameMinimisation;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * RFC 9156 QNAME minimisation for one walk: which name to probe next at a zone cut, and when to
 * stop minimising. Probes ask type A, as RFC 9156 recommends; only the zone's own servers see the
 * full name and the real type. In {@link QnameMinimisation#RELAXED} mode a probe that fails turns
 * minimising off for the rest of the walk; in {@link QnameMinimisation#STRICT} mode it never does.
 */
final class QnameMinimiser {

  /** Probes one lookup may send before asking the full name (RFC 9156's MAX_MINIMISE_COUNT). */
  static final int MAX_MINIMISED_QUERIES = 10;

  /** Probes that add a single label before larger steps (RFC 9156's MINIMISE_ONE_LAB). */
  static final int MINIMISE_ONE_LABEL = 4;

  private final QnameMinimisation mode;
  private int probes;
  private boolean off;

  /** A name whose probe met an alias: its zone's server is asked it in full (both modes). */
  private @Nullable Name askInFull;

  QnameMinimiser(QnameMinimisation mode) {
    this.mode = mode;
    this.off = mode == QnameMinimisation.OFF;
  }

  /**
   * The name to probe below {@code knownNoCut}, or empty when the full question should be sent:
   * minimisation off, the next label is the whole name, a DS question (which the parent answers
   * anyway), or the probe budget spent.
   */
  Optional<Name> next(Name qname, int qtype, Name knownNoCut) {
    if (off
        || qname.equals(askInFull)
        || qtype == Type.DS
        || probes >= MAX_MINIMISED_QUERIES
        || !qname.subdomain(knownNoCut)) {
      return Optional.empty();
    }
    int missing = qname.labels() - knownNoCut.labels();
    if (missing <= 1) {
      return Optional.empty();
    }
    // One label at a time for the first MINIMISE_ONE_LAB probes, then the remaining labels
    // spread over what is left of MAX_MINIMISE_COUNT (RFC 9156 section 2.3), so a name with
    // many labels in one zone cannot multiply the queries.
    int step =
        probes < MINIMISE_ONE_LABEL
            ? 1
            : Math.max(1, (missing - 1) / Math.max(1, MAX_MINIMISED_QUERIES - probes));
    if (step >= missing) {
      return Optional.empty();
    }
    return Optional.of(new Name(qname, missing - step));
  }

  /** What the response to a minimised probe means for the walk. */
  enum Verdict {
    /** A referral, or a lame answer: handled as for the full name. In strict mode a REFUSED too. */
    AS_USUAL,
    /** An answer or NODATA: no zone cut at the probe, so probe one label deeper. */
    NO_CUT_HERE,
    /**
     * NXDOMAIN without an alias, or REFUSED: by RFC 8020 nothing would exist below the probe, but
     * servers that mishandle empty non-terminals or minimised names say this too. RFC 9156 section
     * 3: ask the same server the full name once before concluding; minimising stops.
     */
    ASK_THIS_SERVER_THE_FULL_NAME,
    /** An alias, or NXDOMAIN at the end of one: stop minimising and ask the full name. */
    ASK_FULL_NAME,
    /**
     * Strict mode's NXDOMAIN without an alias: nothing exists at or below the probe (RFC 8020
     * section 2), so the full name does not exist either, and no one is asked it.
     */
    DENIED_BELOW
  }

  /**
   * Judges the response to a probe and counts the probe. In relaxed mode, after anything but a
   * referral or a delegation-free answer the rest of the walk asks full names: a server that fails
   * a probe may be one that mishandles minimised names (RFC 9156 section 3). In strict mode an
   * NXDOMAIN stands for the name below it (RFC 8020) and a REFUSED is a lame server, so the walk
   * goes on minimised.
   *
   * @param kind the probe's response, classified
   * @param qname the full name the probe stands for
   */
  Verdict judge(ResponseKind kind, Name qname) {
    probes++;
    if (kind instanceof ResponseKind.Answer || kind instanceof ResponseKind.NoData) {
      return Verdict.NO_CUT_HERE;
    }
    if (kind instanceof ResponseKind.Referral) {
      return Verdict.AS_USUAL;
    }
    boolean emptyNxDomain = kind instanceof ResponseKind.NxDomain nx && nx.chain().isEmpty();
    if (kind instanceof ResponseKind.Alias
        || (kind instanceof ResponseKind.NxDomain && !emptyNxDomain)) {
      // The alias's owner is in this zone and the server is authoritative for it, so the full
      // name tells it nothing a server outside the zone would learn: asked in either mode.
      askInFull = qname;
      off = off || mode == QnameMinimisation.RELAXED;
      return Verdict.ASK_FULL_NAME;
    }
    if (mode == QnameMinimisation.STRICT) {
      return emptyNxDomain ? Verdict.DENIED_BELOW : Verdict.AS_USUAL;
    }
    off = true;
    if (emptyNxDomain
        || (kind instanceof ResponseKind.Lame l && l.reason() == LameReason.REFUSED)) {
      return Verdict.ASK_THIS_SERVER_THE_FULL_NAME;
    }
    return Verdict.AS_USUAL;
  }
}
