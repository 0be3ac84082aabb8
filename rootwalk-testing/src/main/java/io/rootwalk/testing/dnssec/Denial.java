package io.rootwalk.testing.dnssec;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The NSEC and NSEC3 records a signed parent serves to prove that a delegation has no DS (RFC 4035
 * section 5.2, RFC 5155 sections 7.2.7 and 8.9). Unsigned: sign them with the parent's {@link
 * ZoneSigner}.
 */
public final class Denial {

  /** The TTL denial records get (the SOA minimum in RFC 9077 terms). */
  public static final long TTL = 3600;

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  private Denial() {}

  /**
   * One NSEC record; RRSIG and NSEC are added to its types, as a signer does (RFC 4034 4.1.2).
   *
   * @param owner the name it is at
   * @param next the next name in the zone's canonical order
   * @param types the types present at {@code owner}
   * @return the record
   */
  public static NSECRecord nsec(Name owner, Name next, int... types) {
    return new NSECRecord(owner, DClass.IN, TTL, next, withDnssecTypes(types, Type.NSEC));
  }

  /**
   * The NSEC3 hash of {@code name} (RFC 5155 section 5), SHA-1.
   *
   * @param name the original owner name
   * @param iterations extra iterations
   * @param salt the salt, possibly empty
   * @return the 20-byte hash
   */
  public static byte[] hash(Name name, int iterations, byte[] salt) {
    NSEC3Record params =
        new NSEC3Record(
            Name.root,
            DClass.IN,
            0,
            NSEC3Record.SHA1_DIGEST_ID,
            0,
            iterations,
            salt,
            new byte[20],
            new int[0]);
    try {
      return params.hashName(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-1", e);
    }
  }

  /**
   * The NSEC3 owner name for {@code name}: its base32hex hash as a label under {@code zone}.
   *
   * @param zone the zone apex
   * @param name the original owner name
   * @param iterations extra iterations
   * @param salt the salt
   * @return the hashed owner name
   */
  public static Name hashedOwner(Name zone, Name name, int iterations, byte[] salt) {
    try {
      return Name.concatenate(
          Name.fromString(BASE32HEX.toString(hash(name, iterations, salt))), zone);
    } catch (TextParseException | NameTooLongException e) {
      throw new IllegalArgumentException("cannot hash " + name + " under " + zone, e);
    }
  }

  /**
   * A complete NSEC3 chain for the given names of a zone: one record per name, sorted by hash, each
   * pointing at the next and the last back at the first (RFC 5155 section 7.1). A test keeps the
   * records the proof it needs would hold and drops the others.
   *
   * @param zone the zone apex
   * @param iterations extra iterations for every record
   * @param salt the salt for every record
   * @param optOut whether the Opt-Out flag is set (RFC 5155 section 6)
   * @param types for each original owner name, the types present there
   * @return the chain's records, in hash order
   */
  public static List<NSEC3Record> nsec3Chain(
      Name zone, int iterations, byte[] salt, boolean optOut, Map<Name, int[]> types) {
    TreeMap<String, Map.Entry<Name, int[]>> byHash = new TreeMap<>();
    for (Map.Entry<Name, int[]> e : new LinkedHashMap<>(types).entrySet()) {
      byHash.put(
          BASE32HEX.toString(hash(e.getKey(), iterations, salt)),
          Map.entry(e.getKey(), e.getValue()));
    }
    List<Map.Entry<String, Map.Entry<Name, int[]>>> sorted = new ArrayList<>(byHash.entrySet());
    List<NSEC3Record> chain = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Map.Entry<Name, int[]> entry = sorted.get(i).getValue();
      String next = sorted.get((i + 1) % sorted.size()).getKey();
      chain.add(
          new NSEC3Record(
              hashedOwner(zone, entry.getKey(), iterations, salt),
              DClass.IN,
              TTL,
              NSEC3Record.SHA1_DIGEST_ID,
              optOut ? NSEC3Record.Flags.OPT_OUT : 0,
              iterations,
              salt,
              BASE32HEX.fromString(next),
              withDnssecTypes(entry.getValue(), 0)));
    }
    return chain;
  }

  /** {@code types} plus RRSIG (when there is any type) and {@code extra} (0 for none). */
  private static int[] withDnssecTypes(int[] types, int extra) {
    IntStream all = Arrays.stream(types);
    if (types.length > 0) {
      all = IntStream.concat(all, IntStream.of(Type.RRSIG));
    }
    if (extra != 0) {
      all = IntStream.concat(all, IntStream.of(extra));
    }
    return all.distinct().sorted().toArray();
  }
}
