package io.rootwalk.secondlevel;

import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.Rank;
import io.rootwalk.delegation.Delegation;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * One entry of the second-level cache, as the resolver's own cache held it. The DNSSEC evidence
 * travels with the data (RRSIGs in the RRset, NSEC or NSEC3 records with a denial) but no verdict
 * does: a validating resolver checks what it reads back as it checks its own cache on every read,
 * so a writer to the shared store cannot declare anything secure.
 */
public sealed interface StoredEntry {

  /**
   * The trust rank the entry was stored at, which a store compares before replacing it.
   *
   * @return the rank
   */
  Rank rank();

  /**
   * The zone whose servers gave the data: what the entry's owner must be within.
   *
   * @return the zone
   */
  Name zone();

  /**
   * An answerable RRset (never glue: that lives only in {@link Delegated} entries).
   *
   * @param zone the zone whose server answered
   * @param rrset the records and their RRSIGs
   * @param rank {@link Rank#ANSWER} or {@link Rank#AUTHORITATIVE_ANSWER}
   */
  record Answer(Name zone, RRset rrset, Rank rank) implements StoredEntry {}

  /**
   * An NXDOMAIN or NODATA (RFC 2308) with the SOA that set its lifetime.
   *
   * @param kind NXDOMAIN or NODATA
   * @param name the name denied
   * @param type the type asked (0 for NXDOMAIN, which denies every type)
   * @param soa the zone's SOA, its owner the zone
   * @param proof the NSEC or NSEC3 records and RRSIGs of the denial
   */
  record Denial(NegativeAnswer.Kind kind, Name name, int type, SOARecord soa, List<Record> proof)
      implements StoredEntry {
    /**
     * Copies the proof.
     *
     * @param kind NXDOMAIN or NODATA
     * @param name the name denied
     * @param type the type asked
     * @param soa the SOA
     * @param proof the proof records
     */
    public Denial {
      proof = List.copyOf(proof);
    }

    @Override
    public Rank rank() {
      return Rank.AUTHORITATIVE_AUTHORITY;
    }

    @Override
    public Name zone() {
      return soa.getName();
    }
  }

  /**
   * A zone cut with its name servers and their addresses, each with its provenance.
   *
   * @param delegation the zone cut
   */
  record Delegated(Delegation delegation) implements StoredEntry {
    /**
     * The parent's referral ranks as authority data; a cut that also knows the child's own NS set
     * ranks above it (RFC 2181 section 5.4.1), so a referral read by another resolver never
     * replaces it in the store.
     */
    @Override
    public Rank rank() {
      return delegation.childNameServers().isEmpty()
          ? Rank.AUTHORITY
          : Rank.AUTHORITATIVE_AUTHORITY;
    }

    @Override
    public Name zone() {
      return delegation.zone();
    }
  }
}
