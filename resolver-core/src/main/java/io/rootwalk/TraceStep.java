package io.rootwalk;

import io.rootwalk.spi.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One step of a resolution, in the order it happened: an upstream {@link Exchange}, a {@link
 * CacheHit}, or a {@link Chase} of a name server's address with its own nested trace.
 */
public sealed interface TraceStep {

  /** The fine-grained kind: the exchange's outcome, the cache hit's kind, or {@code CHASE}. */
  StepKind kind();

  /** The zone cut this step worked at (the root for priming; the cached zone for a cache hit). */
  Name zoneCut();

  /**
   * One query sent to one server address and what came of it. Every retry (another server, TCP
   * after truncation, no EDNS after FORMERR) is its own exchange.
   *
   * @param zoneCut the zone the server was asked as; the scrubber's bailiwick
   * @param server who was asked and how its address was known
   * @param sent the question actually sent
   * @param protocol UDP or TCP
   * @param edns whether the query carried an EDNS(0) OPT record
   * @param rtt time from sending to the response (or to giving up)
   * @param outcome the classified result
   * @param rejected RRsets the bailiwick scrubber removed before the response was used
   */
  record Exchange(
      Name zoneCut,
      Upstream server,
      Question sent,
      Protocol protocol,
      boolean edns,
      Duration rtt,
      Outcome outcome,
      List<Rejection> rejected)
      implements TraceStep {
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
   * @param zoneCut for a delegation, the zone cut the walk started from; else the name's zone
   *     cut as far as known, or the name itself
   * @param records the cached records used, with their remaining TTLs
   */
  record CacheHit(What what, Question question, Name zoneCut, List<Record> records)
      implements TraceStep {

    /** The kinds of cached data a lookup can start from. */
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
}
