package io.rootwalk.cache;

import io.rootwalk.delegation.Delegation;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Told of every entry the resolver's cache takes from the network, and of every one it throws out
 * as bogus: how the second-level cache learns what to write behind a lookup. Entries loaded from
 * the second-level cache itself are not told, so nothing is written back where it came from. Called
 * on walk threads: an implementation queues and returns.
 */
public interface CacheJournal {

  /** Tells nobody: a resolver without a second-level cache. */
  CacheJournal NONE =
      new CacheJournal() {
        @Override
        public void answerStored(Name zone, RRset rrset, Rank rank, long ttlNanos) {}

        @Override
        public void denialStored(
            NegativeAnswer.Kind kind,
            Name name,
            int type,
            SOARecord soa,
            List<Record> proof,
            long ttlNanos) {}

        @Override
        public void delegationStored(Delegation delegation, long ttlNanos) {}

        @Override
        public void bogusDiscarded(Name name, int type) {}

        @Override
        public void lookupEnded() {}

        @Override
        public void flush() {}
      };

  /**
   * An RRset was stored.
   *
   * @param zone the zone whose server gave it
   * @param rrset the records as stored, with their RRSIGs
   * @param rank the rank it was stored at
   * @param ttlNanos how long the own cache keeps it
   */
  void answerStored(Name zone, RRset rrset, Rank rank, long ttlNanos);

  /**
   * An NXDOMAIN or NODATA was stored.
   *
   * @param kind which
   * @param name the name denied
   * @param type the type asked
   * @param soa the SOA that set its lifetime
   * @param proof the NSEC or NSEC3 records and RRSIGs
   * @param ttlNanos how long the own cache keeps it
   */
  void denialStored(
      NegativeAnswer.Kind kind,
      Name name,
      int type,
      SOARecord soa,
      List<Record> proof,
      long ttlNanos);

  /**
   * A zone cut was stored or learned more (chased or child-side addresses).
   *
   * @param delegation the cut as the own cache now holds it
   * @param ttlNanos how long the own cache keeps it
   */
  void delegationStored(Delegation delegation, long ttlNanos);

  /**
   * The RRset or denial of {@code name}/{@code type} failed DNSSEC validation and left the cache.
   *
   * @param name the owner, or the name denied
   * @param type the type
   */
  void bogusDiscarded(Name name, int type);

  /**
   * A client's lookup ended: what it stored has been validated or thrown out, and may be written
   * now, or with the writes of the lookups that end next.
   */
  void lookupEnded();

  /**
   * Writes everything queued now: called on a short timer, for a forged entry's delete, and at
   * close.
   */
  void flush();
}
