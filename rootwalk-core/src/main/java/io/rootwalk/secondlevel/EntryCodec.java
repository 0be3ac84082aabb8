package io.rootwalk.secondlevel;

import io.rootwalk.Provenance;
import io.rootwalk.ServerAddress;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.cache.Rank;
import io.rootwalk.delegation.Delegation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.WireParseException;

/**
 * The bytes of a {@link StoredEntry}: the rank first (so a store compares ranks without decoding),
 * then the format, the kind, the zone and the records in DNS wire form. Reading never trusts a
 * length or a count: every one is bounded before anything is allocated for it, and any byte left
 * over is an error.
 */
public final class EntryCodec {

  /** A value larger than a whole TCP response cannot be an RRset or a zone cut of ours. */
  static final int MAX_VALUE_BYTES = 70_000;

  /** More records than fit in one response cannot have come from one. */
  static final int MAX_RECORDS = 512;

  /** NS names and addresses of one zone cut; the resolver's own limit is checked later. */
  static final int MAX_SERVERS = 64;

  private static final int VERSION = 1;
  private static final int KIND_ANSWER = 1;
  private static final int KIND_DENIAL = 2;
  private static final int KIND_DELEGATION = 3;

  private EntryCodec() {}

  /**
   * The bytes of {@code entry}.
   *
   * @param entry what to store
   * @return the value, its first byte the entry's rank
   */
  public static byte[] encode(StoredEntry entry) {
    DNSOutput out = new DNSOutput();
    out.writeU8(entry.rank().ordinal());
    out.writeU8(VERSION);
    if (entry instanceof StoredEntry.Answer a) {
      out.writeU8(KIND_ANSWER);
      a.zone().toWireCanonical(out);
      List<Record> all = new ArrayList<>(a.rrset().rrs(false));
      all.addAll(a.rrset().sigs());
      writeRecords(out, all);
    } else if (entry instanceof StoredEntry.Denial d) {
      out.writeU8(KIND_DENIAL);
      d.zone().toWireCanonical(out);
      out.writeU8(d.kind() == NegativeAnswer.Kind.NXDOMAIN ? 0 : 1);
      d.name().toWireCanonical(out);
      out.writeU16(d.type());
      writeRecords(out, List.of(d.soa()));
      writeRecords(out, d.proof());
    } else {
      Delegation del = ((StoredEntry.Delegated) entry).delegation();
      out.writeU8(KIND_DELEGATION);
      del.zone().toWireCanonical(out);
      writeNames(out, del.nameServers());
      writeNames(out, del.childNameServers());
      out.writeU16(del.addresses().size());
      for (ServerAddress s : del.addresses()) {
        s.nameServer().toWireCanonical(out);
        out.writeU8(s.provenance().ordinal());
        byte[] raw = s.address().getAddress();
        out.writeU8(raw.length);
        out.writeByteArray(raw);
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads an entry back.
   *
   * @param value the bytes from the store
   * @param ttlSeconds the TTL the entry's zone cut is given (its records carry their own)
   * @return the entry
   * @throws IOException if the bytes are not an entry of this format, or exceed a bound
   */
  public static StoredEntry decode(byte[] value, long ttlSeconds) throws IOException {
    try {
      return read(value, ttlSeconds);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // dnsjava's RRset refuses a record of another owner, type or class this way, and its
      // record parsers refuse some bad rdata so.
      throw new WireParseException("not an entry: " + e.getMessage());
    }
  }

  private static StoredEntry read(byte[] value, long ttlSeconds) throws IOException {
    if (value.length > MAX_VALUE_BYTES) {
      throw new WireParseException(value.length + " bytes: more than any entry can hold");
    }
    DNSInput in = new DNSInput(value);
    int rankByte = in.readU8();
    if (rankByte >= Rank.values().length) {
      throw new WireParseException("unknown rank " + rankByte);
    }
    Rank rank = Rank.values()[rankByte];
    int version = in.readU8();
    if (version != VERSION) {
      throw new WireParseException("format " + version + ", not " + VERSION);
    }
    int kind = in.readU8();
    Name zone = new Name(in);
    StoredEntry entry;
    if (kind == KIND_ANSWER) {
      List<Record> records = readRecords(in);
      if (records.isEmpty()) {
        throw new WireParseException("an RRset with no records");
      }
      RRset rrset = new RRset();
      for (Record r : records) {
        rrset.addRR(r); // throws for a record of another owner, type or class
      }
      entry = new StoredEntry.Answer(zone, rrset, rank);
    } else if (kind == KIND_DENIAL) {
      int nx = in.readU8();
      if (nx > 1) {
        throw new WireParseException("unknown denial kind " + nx);
      }
      Name name = new Name(in);
      int type = in.readU16();
      List<Record> soa = readRecords(in);
      if (soa.size() != 1 || !(soa.get(0) instanceof SOARecord s)) {
        throw new WireParseException("a denial without exactly one SOA");
      }
      NegativeAnswer.Kind k = nx == 0 ? NegativeAnswer.Kind.NXDOMAIN : NegativeAnswer.Kind.NODATA;
      entry = new StoredEntry.Denial(k, name, type, s, readRecords(in));
      if (!zone.equals(s.getName())) {
        throw new WireParseException("a denial's SOA " + s.getName() + " is not its zone " + zone);
      }
    } else if (kind == KIND_DELEGATION) {
      List<Name> parent = readNames(in);
      List<Name> child = readNames(in);
      int count = boundedCount(in, MAX_SERVERS, "addresses");
      List<ServerAddress> addresses = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        Name ns = new Name(in);
        int p = in.readU8();
        if (p >= Provenance.values().length) {
          throw new WireParseException("unknown provenance " + p);
        }
        int length = in.readU8();
        if (length != 4 && length != 16) {
          throw new WireParseException("an address of " + length + " bytes");
        }
        addresses.add(
            new ServerAddress(ns, address(in.readByteArray(length)), Provenance.values()[p], true));
      }
      entry = new StoredEntry.Delegated(new Delegation(zone, parent, addresses, ttlSeconds, child));
    } else {
      throw new WireParseException("unknown entry kind " + kind);
    }
    if (in.remaining() != 0) {
      throw new WireParseException(in.remaining() + " bytes after the entry");
    }
    if (entry.rank() != rank) {
      throw new WireParseException("stored at rank " + rank + ", which its kind cannot have");
    }
    return entry;
  }

  private static InetAddress address(byte[] raw) throws WireParseException {
    try {
      return InetAddress.getByAddress(raw); // 4 or 16 bytes: never a name lookup
    } catch (UnknownHostException e) {
      throw new WireParseException("bad address: " + e.getMessage());
    }
  }

  private static void writeRecords(DNSOutput out, List<Record> records) {
    out.writeU16(records.size());
    for (Record r : records) {
      byte[] wire = r.toWire(Section.ANSWER);
      out.writeU16(wire.length);
      out.writeByteArray(wire);
    }
  }

  private static List<Record> readRecords(DNSInput in) throws IOException {
    int count = boundedCount(in, MAX_RECORDS, "records");
    List<Record> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = in.readU16();
      records.add(Record.fromWire(in.readByteArray(length), Section.ANSWER));
    }
    return records;
  }

  private static void writeNames(DNSOutput out, List<Name> names) {
    out.writeU16(names.size());
    for (Name n : names) {
      n.toWireCanonical(out);
    }
  }

  private static List<Name> readNames(DNSInput in) throws IOException {
    int count = boundedCount(in, MAX_SERVERS, "NS names");
    List<Name> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(new Name(in));
    }
    return names;
  }

  private static int boundedCount(DNSInput in, int max, String what) throws WireParseException {
    int count = in.readU16();
    if (count > max) {
      throw new WireParseException(count + " " + what + ": more than " + max);
    }
    return count;
  }
}
