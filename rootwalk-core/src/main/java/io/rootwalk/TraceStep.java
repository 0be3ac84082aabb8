package io.rootwalk;

import io.rootwalk.spi.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One step of a resolution, in the order it happened: an upstream {@link Exchange}, a {@link
 * CacheHit}, a {@link Chase} of a name server's address with its own nested trace, a {@link
 * LastResort} taken after every server of a zone cut failed, a {@link SecondLevelRead} of the cache
 * shared with other resolvers, or, after the walk, a DNSSEC {@link Validation} check.
 */
public sealed interface TraceStep {

  /**
   * The flat kind of this step, for comparing whole step sequences.
   *
   * @return the exchange's {@link Outcome#kind()}, the cache hit's kind, or {@link StepKind#CHASE}
   */
  StepKind kind();

  /**
   * The zone cut this step worked at.
   *
   * @return the zone the server was asked as (the root for priming), the cached zone for a cache
   *     hit, or the delegation that needed a chase
   */
  Name zoneCut();

  /**
   * One query sent to one server address and what came of it. Every retry (another server, TCP
   * after truncation, no EDNS after FORMERR) is its own exchange.
   *
   * @param zoneCut the zone the server was asked as; the scrubber's bailiwick
   * @param server who was asked and how its address was known
   * @param port the port the query went to (every upstream query of a resolver uses the same)
   * @param sent the question actually sent: the client's, an alias target's, or a shorter name
   *     under QNAME minimisation (RFC 9156)
   * @param protocol UDP or TCP
   * @param edns whether the query carried an EDNS(0) OPT record
   * @param rtt time from sending to the response (or to giving up); also what the server's RTT
   *     estimate learns, unless the packet was shared with another lookup
   * @param outcome the classified result
   * @param rejected RRsets the bailiwick scrubber removed before the response was used
   */
  record Exchange(
      Name zoneCut,
      ServerAddress server,
      int port,
      Question sent,
      Protocol protocol,
      boolean edns,
      Duration rtt,
      Outcome outcome,
      List<Rejection> rejected)
      implements TraceStep {
    /**
     * Copies the list.
     *
     * @param zoneCut the zone the server was asked as
     * @param server who was asked
     * @param port the port asked
     * @param sent the question sent
     * @param protocol UDP or TCP
     * @param edns whether EDNS(0) was used
     * @param rtt the round-trip time
     * @param outcome the classified result
     * @param rejected what the scrubber removed
     * @throws NullPointerException if any part is null
     */
    public Exchange {
      Objects.requireNonNull(zoneCut, "zoneCut");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(sent, "sent");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(rtt, "rtt");
      Objects.requireNonNull(outcome, "outcome");
      rejected = List.copyOf(rejected);
    }

    @Override
    public StepKind kind() {
      return outcome.kind();
    }
  }

  /**
   * Something the cache already knew, so no query was sent for it.
   *
   * @param what which kind of cached data was used
   * @param question the question it answered
   * @param zoneCut for a delegation, the zone cut the walk started from; else the name's zone cut
   *     as far as known, or the name itself
   * @param records the cached records used, with their remaining TTLs
   */
  record CacheHit(What what, Question question, Name zoneCut, List<Record> records)
      implements TraceStep {

    /** The kinds of cached data a lookup can use instead of asking. */
    public enum What {
      /** The answer RRset itself. */
      ANSWER,
      /** A CNAME (or DNAME) for the name, followed from the cache. */
      CNAME,
      /** A cached NXDOMAIN or NODATA (RFC 2308). */
      NEGATIVE,
      /** The deepest zone cut known for the name: the walk starts there, not at the root. */
      DELEGATION,
      /**
       * A recent failure to resolve in this zone (RFC 9520): the lookup fails at once instead of
       * hammering servers that just failed.
       */
      FAILURE,
      /**
       * Expired data served because fresh resolution failed (RFC 8767 serve-stale, when enabled).
       */
      STALE_ANSWER
    }

    /**
     * Copies the list.
     *
     * @param what which kind of cached data was used
     * @param question the question it answered
     * @param zoneCut the zone cut it belongs to
     * @param records the cached records used
     * @throws NullPointerException if any part is null
     */
    public CacheHit {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(zoneCut, "zoneCut");
      records = List.copyOf(records);
    }

    @Override
    public StepKind kind() {
      switch (what) {
        case ANSWER:
          return StepKind.CACHED_ANSWER;
        case CNAME:
          return StepKind.CACHED_CNAME;
        case NEGATIVE:
          return StepKind.CACHED_NEGATIVE;
        case FAILURE:
          return StepKind.CACHED_FAILURE;
        case STALE_ANSWER:
          return StepKind.STALE_ANSWER;
        default:
          return StepKind.CACHED_DELEGATION;
      }
    }
  }

  /**
   * A nested resolution of a name server's address, needed because the delegation for {@code
   * zoneCut} named {@code nameServer} without usable glue.
   *
   * @param zoneCut the delegation that needed the address
   * @param nameServer the name server whose address was looked up
   * @param type A or AAAA
   * @param status how the nested resolution ended
   * @param addresses the addresses found (empty unless NOERROR)
   * @param trace the nested resolution's own trace
   */
  record Chase(
      Name zoneCut,
      Name nameServer,
      int type,
      Status status,
      List<InetAddress> addresses,
      Trace trace)
      implements TraceStep {
    /**
     * Copies the list.
     *
     * @param zoneCut the delegation that needed the address
     * @param nameServer the name server looked up
     * @param type A or AAAA
     * @param status how the nested resolution ended
     * @param addresses the addresses found
     * @param trace the nested trace
     * @throws NullPointerException if any part is null
     */
    public Chase {
      Objects.requireNonNull(zoneCut, "zoneCut");
      Objects.requireNonNull(nameServer, "nameServer");
      Objects.requireNonNull(status, "status");
      addresses = List.copyOf(addresses);
      Objects.requireNonNull(trace, "trace");
    }

    @Override
    public StepKind kind() {
      return StepKind.CHASE;
    }
  }

  /**
   * What the resolver fell back on at {@code zoneCut} once every ordinary way had failed: each last
   * resort is taken only then, bounded by the lookup's work limits, and said here with why.
   *
   * @param zoneCut the zone cut whose servers all failed
   * @param fallback which last resort
   * @param reason why it is taken, in words
   * @param servers the server addresses it brings in (parent-side glue) or whose answer it uses
   * @param outcome what the kept answer says, for {@link Fallback#RECURSION_LAME_ANSWER}
   */
  record LastResort(
      Name zoneCut,
      Fallback fallback,
      String reason,
      List<ServerAddress> servers,
      Optional<Outcome> outcome)
      implements TraceStep {

    /** The last resorts, in the order they are tried. */
    public enum Fallback {
      /**
       * A name server's glue carried by another delegation (the parent side of the server's own
       * zone), used as an address only, after every address learnt by chasing failed or was
       * missing.
       */
      PARENT_SIDE_GLUE,
      /**
       * The other address family of a name server all of whose known addresses failed or may not be
       * used (only AAAA glue on an IPv4-only path, say), chased within the glueless limits.
       */
      OTHER_ADDRESS_FAMILY,
      /**
       * The answer a recursion-lame server gave (RA set, AA clear), kept when it came and used only
       * now, cached below anything an authoritative server says.
       */
      RECURSION_LAME_ANSWER
    }

    /**
     * Copies the list.
     *
     * @param zoneCut the zone cut
     * @param fallback which last resort
     * @param reason why
     * @param servers the addresses involved
     * @param outcome the kept answer, if any
     * @throws NullPointerException if any part is null
     */
    public LastResort {
      Objects.requireNonNull(zoneCut, "zoneCut");
      Objects.requireNonNull(fallback, "fallback");
      Objects.requireNonNull(reason, "reason");
      servers = List.copyOf(servers);
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public StepKind kind() {
      return StepKind.LAST_RESORT;
    }
  }

  /**
   * One DNSSEC check made after the walk (RFC 4035 section 5): a zone's DNSKEY RRset linked to a
   * trust anchor or to its parent's DS, a delegation proven to have no DS, or an RRset of the
   * answer verified with its zone's keys. The checks of one resolution run from the trust anchor
   * down, so the steps read as the chain of trust.
   *
   * @param zoneCut the zone whose keys were checked (KEYS), the parent whose proof was checked
   *     (NO_DS), or the zone whose keys verified the RRset (RRSET)
   * @param check what was checked
   * @param owner the RRset's owner: the zone for its keys, the delegation for NO_DS
   * @param type the RRset's type: DNSKEY for keys, DS for NO_DS
   * @param status what the check came to; BOGUS ends the resolution in SERVFAIL
   * @param keyTag the key tag of the DS or trust anchor that linked the keys, or of the DNSKEY
   *     whose signature verified; empty when no key did
   * @param detail one line naming the evidence: the key tags, the signature's window, the NSEC or
   *     NSEC3 that proved the absence, or what failed
   * @param fetched the traces of the DS and DNSKEY lookups the check needed, in order; empty when
   *     the validator already held what it needed
   */
  record Validation(
      Name zoneCut,
      Check check,
      Name owner,
      int type,
      SecurityStatus status,
      OptionalInt keyTag,
      String detail,
      List<Trace> fetched)
      implements TraceStep {

    /** The kinds of DNSSEC checks. */
    public enum Check {
      /** The root's (or an anchored zone's) DNSKEY RRset matched a configured trust anchor. */
      ANCHOR_KEYS,
      /** A zone's DNSKEY RRset matched a DS its parent signed: one link of the chain. */
      DS_KEYS,
      /** The parent proved, with signed NSEC or NSEC3, that a delegation has no DS. */
      NO_DS,
      /** An RRset of the answer verified with its zone's trusted keys. */
      RRSET,
      /**
       * NXDOMAIN or NODATA answered from validated NSEC ranges already held, without a query (RFC
       * 8198 aggressive use of DNSSEC-validated cache).
       */
      AGGRESSIVE_NSEC
    }

    /**
     * Copies the list.
     *
     * @param zoneCut the zone concerned
     * @param check what was checked
     * @param owner the RRset's owner
     * @param type the RRset's type
     * @param status the result
     * @param keyTag the key that linked or verified, if any
     * @param detail one line
     * @param fetched the lookups the check needed
     * @throws NullPointerException if any part is null
     */
    public Validation {
      Objects.requireNonNull(zoneCut, "zoneCut");
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(keyTag, "keyTag");
      Objects.requireNonNull(detail, "detail");
      fetched = List.copyOf(fetched);
    }

    @Override
    public StepKind kind() {
      if (status == SecurityStatus.BOGUS) {
        return StepKind.DNSSEC_BOGUS;
      }
      switch (check) {
        case ANCHOR_KEYS:
        case DS_KEYS:
          return StepKind.DNSSEC_KEYS;
        case NO_DS:
          return StepKind.DNSSEC_NO_DS;
        case AGGRESSIVE_NSEC:
          return StepKind.DNSSEC_SYNTHESIZED;
        default:
          return status == SecurityStatus.SECURE
              ? StepKind.DNSSEC_SECURE
              : StepKind.DNSSEC_INSECURE;
      }
    }
  }

  /**
   * A read of the second-level cache that other resolvers share (Unbound's {@code cachedb}), made
   * when the resolver's own cache could not answer a name: what it loaded into the own cache, which
   * the lookup then reads as ordinary cache hits, and what it refused.
   *
   * @param zoneCut the deepest zone cut the own cache knew for the name when it asked
   * @param question the name and type asked for
   * @param result whether anything was loaded, nothing was there, or the store failed
   * @param loaded each entry taken, in words: {@code "A www.shop.com. (authoritative answer, 287
   *     s)"}
   * @param rejected each entry refused and why: the store is checked like a server's response
   * @param detail the store's failure, or empty words when it answered
   * @param elapsed from asking to the answer, or to giving up
   */
  record SecondLevelRead(
      Name zoneCut,
      Question question,
      Result result,
      List<String> loaded,
      List<String> rejected,
      String detail,
      Duration elapsed)
      implements TraceStep {

    /** What a read of the second-level cache came to. */
    public enum Result {
      /** At least one entry was loaded into the own cache. */
      LOADED,
      /** Nothing usable was there: the lookup walks. */
      NOTHING,
      /** The store failed or was too slow, or is being left alone after a failure: walk. */
      UNAVAILABLE
    }

    /**
     * Copies the lists.
     *
     * @param zoneCut the closest known cut
     * @param question the question
     * @param result the result
     * @param loaded what was loaded
     * @param rejected what was refused
     * @param detail the failure, if any
     * @param elapsed how long it took
     * @throws NullPointerException if any part is null
     */
    public SecondLevelRead {
      Objects.requireNonNull(zoneCut, "zoneCut");
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(result, "result");
      loaded = List.copyOf(loaded);
      rejected = List.copyOf(rejected);
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(elapsed, "elapsed");
    }

    @Override
    public StepKind kind() {
      switch (result) {
        case LOADED:
          return StepKind.SECOND_LEVEL_HIT;
        case NOTHING:
          return StepKind.SECOND_LEVEL_MISS;
        default:
          return StepKind.SECOND_LEVEL_UNAVAILABLE;
      }
    }
  }
}
