package io.rootwalk.dnssec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Authenticated denial of existence: whether a zone's NSEC or NSEC3 records prove the NXDOMAIN or
 * NODATA it answered (RFC 4035 section 5.4, RFC 5155 section 8). The records' signatures are the
 * caller's to have verified; this checks what they say.
 *
 * <ul>
 *   <li>NODATA: an NSEC (or NSEC3) at the name whose bitmap has neither the type nor CNAME; an
 *       empty non-terminal (an NSEC whose span holds the name and whose next name lies below it, or
 *       the NSEC3 every empty non-terminal has); a wildcard NODATA (the name does not exist, the
 *       wildcard at its closest encloser does, without the type).
 *   <li>NXDOMAIN: the name covered, and the wildcard at its closest encloser covered (RFC 4035 5.4,
 *       RFC 5155 8.4); with NSEC3, the closest encloser proof.
 *   <li>Opt-Out: an NXDOMAIN, or a DS NODATA, whose next closer name falls in an Opt-Out span is
 *       insecure, since an unsigned delegation may be hiding there (RFC 5155 sections 6, 8.6).
 *   <li>NSEC3 iterations above the limit make the denial insecure (RFC 9276 section 3.2).
 * </ul>
 */
final class DenialProof {

  private DenialProof() {}

  /**
   * Checks the denial of {@code type} at {@code name} ({@code nxdomain}: of the name itself).
   *
   * @param name the name denied
   * @param type the type asked
   * @param nxdomain whether the name is said not to exist, rather than to lack the type
   * @param zone the zone that denied it (the SOA's owner)
   * @param denials the NSEC and NSEC3 RRsets of the response, their signatures verified
   * @param budget the lookup's budget (NSEC3 hashes)
   * @return PROVEN, INSECURE (opt-out, too many iterations), BOGUS or EXHAUSTED
   */
  static DenialVerdict prove(
      Name name,
      int type,
      boolean nxdomain,
      Name zone,
      List<RRset> denials,
      ValidationBudget budget) {
    List<RRset> nsec = new ArrayList<>();
    for (RRset set : denials) {
      if (set.getType() == Type.NSEC && set.getName().subdomain(zone)) {
        nsec.add(set);
      }
    }
    if (!nsec.isEmpty()) {
      return nxdomain ? nsecNxdomain(name, nsec) : nsecNodata(name, type, nsec);
    }
    Optional<Nsec3Chain> chain = Nsec3Chain.of(zone, denials, budget);
    if (chain.isEmpty()) {
      return missing("no NSEC or NSEC3 of " + zone + " came with the denial of " + name);
    }
    int max = budget.limits().maxNsec3Iterations();
    if (chain.get().iterations() > max) {
      return new Verdict.Insecure(
          InsecureReason.UNSUPPORTED_NSEC3_ITERATIONS,
          "NSEC3 of " + zone + " uses " + chain.get().iterations() + " iterations, over " + max);
    }
    try {
      return nxdomain
          ? nsec3Nxdomain(name, chain.get(), denials)
          : nsec3Nodata(name, type, chain.get(), denials);
    } catch (Nsec3Chain.Exhausted e) {
      return new Verdict.Exhausted(
          ValidationBudget.Limit.NSEC3_HASHES_PER_LOOKUP, "NSEC3 hashes for the denial of " + name);
    }
  }

  // ---- NSEC (RFC 4035 section 5.4) -----------------------------------------------------------

  private static DenialVerdict nsecNodata(Name name, int type, List<RRset> nsec) {
    for (RRset set : nsec) {
      if (set.getName().equals(name)) {
        NSECRecord r = (NSECRecord) set.first();
        Optional<String> wrong = bitmapProblem(r.hasType(type), r.hasType(Type.CNAME), type);
        if (wrong.isPresent()) {
          return bogus("NSEC at " + name + wrong.get());
        }
        if (type != Type.DS && r.hasType(Type.NS) && !r.hasType(Type.SOA)) {
          return bogus("NSEC at " + name + " is the parent's side of a cut, not the zone's data");
        }
        return proven("NSEC at " + name + " without " + Type.string(type), set);
      }
    }
    Optional<RRset> cover = covering(name, nsec);
    if (cover.isPresent()) {
      NSECRecord r = (NSECRecord) cover.get().first();
      if (r.getNext().subdomain(name)) {
        return proven(
            "NSEC " + r.getName() + " -> " + r.getNext() + ": an empty non-terminal", cover.get());
      }
      Name wildcard = NsecSpan.wildcardAt(NsecSpan.closestEncloser(name, r));
      for (RRset set : nsec) {
        if (set.getName().equals(wildcard)) {
          NSECRecord w = (NSECRecord) set.first();
          if (bitmapProblem(w.hasType(type), w.hasType(Type.CNAME), type).isEmpty()) {
            return proven(
                "NSEC covering "
                    + name
                    + " and NSEC at "
                    + wildcard
                    + " without "
                    + Type.string(type),
                cover.get(),
                set);
          }
        }
      }
    }
    return missing("no NSEC at or covering " + name + " proves it has no " + Type.string(type));
  }

  private static DenialVerdict nsecNxdomain(Name name, List<RRset> nsec) {
    Optional<RRset> cover = covering(name, nsec);
    if (cover.isEmpty()) {
      return missing("no NSEC covers " + name);
    }
    NSECRecord r = (NSECRecord) cover.get().first();
    if (name.subdomain(r.getName())
        && (r.hasType(Type.DNAME) || (r.hasType(Type.NS) && !r.hasType(Type.SOA)))) {
      return bogus(
          "the NSEC covering " + name + " is at a cut or DNAME above it: it proves nothing");
    }
    Name wildcard = NsecSpan.wildcardAt(NsecSpan.closestEncloser(name, r));
    Optional<RRset> wildcardCover = covering(wildcard, nsec);
    if (wildcardCover.isEmpty()) {
      return missing("no NSEC proves there is no wildcard " + wildcard);
    }
    return proven(
        "NSEC " + r.getName() + " -> " + r.getNext() + " covers " + name + ", and no " + wildcard,
        cover.get(),
        wildcardCover.get());
  }

  // ---- NSEC3 (RFC 5155 section 8) ------------------------------------------------------------

  private static DenialVerdict nsec3Nodata(Name name, int type, Nsec3Chain chain, List<RRset> all) {
    Optional<RRset> match = chain.matching(name);
    if (match.isPresent()) {
      NSEC3Record r = (NSEC3Record) match.get().first();
      Optional<String> wrong = bitmapProblem(r.hasType(type), r.hasType(Type.CNAME), type);
      if (wrong.isPresent()) {
        return bogus("NSEC3 matching " + name + wrong.get());
      }
      return proven("NSEC3 matching " + name + " without " + Type.string(type), match.get());
    }
    Optional<Nsec3Chain.Encloser> ce = chain.closestEncloser(name);
    if (ce.isEmpty()) {
      return missing("no NSEC3 matches " + name + " or proves its closest encloser");
    }
    if (type == Type.DS && ce.get().optOut()) {
      return new Verdict.Insecure(
          InsecureReason.NSEC3_OPT_OUT,
          "the DS of " + name + " falls in an Opt-Out span (RFC 5155 8.6)");
    }
    Name wildcard = NsecSpan.wildcardAt(ce.get().closest());
    Optional<RRset> atWildcard = chain.matching(wildcard);
    if (atWildcard.isPresent()) {
      NSEC3Record w = (NSEC3Record) atWildcard.get().first();
      if (bitmapProblem(w.hasType(type), w.hasType(Type.CNAME), type).isEmpty()) {
        return proven(
            "closest encloser "
                + ce.get().closest()
                + " and NSEC3 at "
                + wildcard
                + " without "
                + Type.string(type),
            ce.get().matching(),
            ce.get().covering(),
            atWildcard.get());
      }
    }
    return missing("no NSEC3 proves " + name + " has no " + Type.string(type));
  }

  private static DenialVerdict nsec3Nxdomain(Name name, Nsec3Chain chain, List<RRset> all) {
    Optional<Nsec3Chain.Encloser> ce = chain.closestEncloser(name);
    if (ce.isEmpty()) {
      return missing("no NSEC3 proves the closest encloser of " + name);
    }
    if (ce.get().optOut()) {
      return new Verdict.Insecure(
          InsecureReason.NSEC3_OPT_OUT,
          "the next closer name "
              + ce.get().nextCloser()
              + " falls in an Opt-Out span: an"
              + " unsigned delegation may exist there (RFC 5155 section 6)");
    }
    Name wildcard = NsecSpan.wildcardAt(ce.get().closest());
    Optional<RRset> wildcardCover = chain.covering(wildcard);
    if (wildcardCover.isEmpty()) {
      return missing("no NSEC3 proves there is no wildcard " + wildcard);
    }
    return proven(
        "closest encloser "
            + ce.get().closest()
            + ", next closer "
            + ce.get().nextCloser()
            + " covered, no "
            + wildcard,
        ce.get().matching(),
        ce.get().covering(),
        wildcardCover.get());
  }

  // ---- Shared pieces -------------------------------------------------------------------------

  /** What is wrong with a bitmap that should deny {@code type}, or empty. */
  private static Optional<String> bitmapProblem(boolean hasType, boolean hasCname, int type) {
    if (hasType) {
      return Optional.of(" lists " + Type.string(type) + ": the type exists");
    }
    if (hasCname && type != Type.CNAME) {
      return Optional.of(" lists CNAME: the answer should have been the alias");
    }
    return Optional.empty();
  }

  /** The NSEC whose span holds {@code name}. */
  private static Optional<RRset> covering(Name name, List<RRset> nsec) {
    for (RRset set : nsec) {
      if (NsecSpan.covers((NSECRecord) set.first(), name)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }

  private static DenialVerdict proven(String how, RRset... used) {
    long ttl = Long.MAX_VALUE;
    for (RRset set : used) {
      ttl = Math.min(ttl, set.getTTL());
    }
    return new DenialVerdict.Proven(how, ttl == Long.MAX_VALUE ? 0 : ttl);
  }

  private static Verdict.Bogus missing(String detail) {
    return new Verdict.Bogus(BogusReason.NSEC_MISSING, detail);
  }

  private static Verdict.Bogus bogus(String detail) {
    return new Verdict.Bogus(BogusReason.DNSSEC_BOGUS, detail);
  }
}
