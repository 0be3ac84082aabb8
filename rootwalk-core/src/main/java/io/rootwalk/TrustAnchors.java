package io.rootwalk;

import io.rootwalk.dnssec.AlgorithmSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Record;

/**
 * The keys DNSSEC validation starts from: DS or DNSKEY records for the root zone, whose DNSKEY
 * RRset must match one of them (RFC 4033 section 3.1, RFC 4035 section 4.4).
 *
 * <p>Built in are IANA's root key-signing keys, KSK-2017 and KSK-2024. A file replaces them, in
 * zone-file form or as IANA's {@code root-anchors.xml}.
 */
public final class TrustAnchors {

  /**
   * IANA's root anchors as of root-anchors.xml (https://data.iana.org/root-anchors/): KSK-2017 (id
   * Klajeyz, key tag 20326, valid from 2017-02-02) and KSK-2024 (id Kmyv6jo, key tag 38696, valid
   * from 2024-07-18), both RSASHA256 with SHA-256 digests. Both digests were checked by hashing the
   * published DNSKEYs (see TrustAnchorsTest).
   */
  private static final String IANA =
      ". 172800 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n"
          + ". 172800 IN DS 38696 8 2"
          + " 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16\n";

  private final List<DSRecord> ds;
  private final List<DNSKEYRecord> dnskeys;
  private final String source;

  private TrustAnchors(List<DSRecord> ds, List<DNSKEYRecord> dnskeys, String source) {
    this.ds = List.copyOf(ds);
    this.dnskeys = List.copyOf(dnskeys);
    this.source = source;
  }

  /**
   * IANA's root trust anchors, built in: the DS records of KSK-2017 (key tag 20326) and KSK-2024
   * (key tag 38696).
   *
   * @return the built-in anchors, parsed once and shared (the value is immutable)
   */
  public static TrustAnchors iana() {
    return Iana.ANCHORS;
  }

  /** The built-in anchors, parsed on first use. */
  private static final class Iana {
    static final TrustAnchors ANCHORS = parse(IANA, "built-in IANA root anchors", Instant.EPOCH);
  }

  /**
   * Reads an anchor file as {@link #parse(String, String, Instant)} reads text, with the time
   * {@code root-anchors.xml} validity is judged at being now. At most 1 MiB and one byte are read.
   *
   * @param path the file
   * @return the anchors, with the path as their {@link #source()}
   * @throws TrustAnchorsException if the file cannot be read, is larger than 1 MiB, does not parse
   *     or holds no usable anchor
   */
  public static TrustAnchors fromFile(Path path) {
    return fromFile(path, Instant.now());
  }

  /**
   * Reads an anchor file, judging {@code root-anchors.xml} validity at {@code at}.
   *
   * @param path the file
   * @param at the time an XML KeyDigest must be valid at
   * @return the anchors, with the path as their {@link #source()}
   * @throws TrustAnchorsException as {@link #fromFile(Path)} says
   */
  public static TrustAnchors fromFile(Path path, Instant at) {
    Objects.requireNonNull(path, "path");
    return parse(TrustAnchorsParser.read(path), path.toString(), at);
  }

  /**
   * Parses anchors as {@link #parse(String, String, Instant)} does, at the current time.
   *
   * @param text the anchor text
   * @param source where it came from, for messages and {@link #source()}
   * @return the anchors
   * @throws TrustAnchorsException as {@link #parse(String, String, Instant)} says
   */
  public static TrustAnchors parse(String text, String source) {
    return parse(text, source, Instant.now());
  }

  /**
   * Parses anchor text, recognised by its content:
   *
   * <ul>
   *   <li>IANA's {@code root-anchors.xml} (RFC 7958): its KeyDigests valid at {@code at}, as DS
   *       records. The XML may not have a DOCTYPE.
   *   <li>otherwise zone-file lines: DS or DNSKEY records owned by the root, one a line, with an
   *       optional TTL and class IN; {@code ;} comments and blank lines are skipped, e.g. {@code .
   *       86400 IN DS 20326 8 2 E06D...}. No {@code $} directives, no multi-line records.
   * </ul>
   *
   * <p>An anchor is usable when its algorithm (and digest type, for a DS) is one the validator
   * supports and, for a DNSKEY, it has the Zone Key bit and is not revoked (RFC 5011 section 2.1).
   *
   * @param text the anchor text, at most 1 MiB
   * @param source where it came from, for messages and {@link #source()}
   * @param at the time an XML KeyDigest must be valid at
   * @return the usable anchors
   * @throws TrustAnchorsException if the text is larger than 1 MiB, does not parse (the one-line
   *     message names {@code source}, the line and what is wrong) or holds no usable anchor
   */
  public static TrustAnchors parse(String text, String source, Instant at) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (text.length() > TrustAnchorsParser.MAX_BYTES) {
      throw new TrustAnchorsException(
          source, "trust anchors " + source + " are larger than 1 MiB: not an anchor file");
    }
    List<String> skipped = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    boolean xml = TrustAnchorsXml.looksLikeXml(text);
    if (xml) {
      records.addAll(TrustAnchorsXml.records(text, source, at, skipped));
    } else {
      records.addAll(TrustAnchorsParser.records(text, source));
    }
    List<DSRecord> ds = new ArrayList<>();
    List<DNSKEYRecord> dnskeys = new ArrayList<>();
    for (Record r : records) {
      String why = unusable(r);
      if (!why.isEmpty()) {
        skipped.add(why);
      } else if (r instanceof DSRecord) {
        ds.add((DSRecord) r);
      } else {
        dnskeys.add((DNSKEYRecord) r);
      }
    }
    if (ds.isEmpty() && dnskeys.isEmpty()) {
      throw new TrustAnchorsException(
          source,
          "trust anchors "
              + source
              + " hold no usable root anchor"
              + (skipped.isEmpty()
                  ? (xml ? " (no KeyDigest)" : " (need '. DS ...' or '. DNSKEY ...' lines)")
                  : ": " + String.join("; ", skipped))
              + (xml ? " at " + at : ""));
    }
    return new TrustAnchors(ds, dnskeys, source);
  }

  /** Why an anchor record cannot be used, or "" if it can. */
  private static String unusable(Record r) {
    if (r instanceof DSRecord) {
      DSRecord ds = (DSRecord) r;
      if (!AlgorithmSupport.signatureAlgorithm(ds.getAlgorithm())) {
        return "DS " + ds.getFootprint() + " has unsupported algorithm " + ds.getAlgorithm();
      }
      if (!AlgorithmSupport.digestType(ds.getDigestID())) {
        return "DS " + ds.getFootprint() + " has unsupported digest type " + ds.getDigestID();
      }
      return "";
    }
    DNSKEYRecord key = (DNSKEYRecord) r;
    String tag = "DNSKEY " + key.getFootprint();
    if (!AlgorithmSupport.signatureAlgorithm(key.getAlgorithm())) {
      return tag + " has unsupported algorithm " + key.getAlgorithm();
    }
    if ((key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) == 0) {
      return tag + " lacks the Zone Key bit";
    }
    if ((key.getFlags() & DNSKEYRecord.Flags.REVOKE) != 0) {
      return tag + " is revoked";
    }
    if (key.getProtocol() != DNSKEYRecord.Protocol.DNSSEC) {
      return tag + " has protocol " + key.getProtocol() + ", not 3";
    }
    return "";
  }

  /**
   * The DS anchors, in file order.
   *
   * @return the root DS records given as anchors; empty if only DNSKEYs were given
   */
  public List<DSRecord> ds() {
    return ds;
  }

  /**
   * The DNSKEY anchors, in file order.
   *
   * @return the root DNSKEY records given as anchors; empty if only DS records were given
   */
  public List<DNSKEYRecord> dnskeys() {
    return dnskeys;
  }

  /**
   * All anchors as one DS set, for validating the root's DNSKEY RRset: the DS anchors, and a
   * SHA-256 DS computed for each DNSKEY anchor (a key hashes to it exactly when it is that key).
   *
   * @return the DS records, never empty
   */
  public List<DSRecord> asDsSet() {
    List<DSRecord> out = new ArrayList<>(ds);
    for (DNSKEYRecord key : dnskeys) {
      out.add(new DSRecord(key.getName(), DClass.IN, key.getTTL(), DNSSEC.Digest.SHA256, key));
    }
    return List.copyOf(out);
  }

  /**
   * The anchors' key tags, e.g. for a trust-anchor signal (RFC 8145) or a message.
   *
   * @return the tags, in file order, DS anchors first
   */
  public List<Integer> keyTags() {
    List<Integer> tags = new ArrayList<>();
    ds.forEach(d -> tags.add(d.getFootprint()));
    dnskeys.forEach(k -> tags.add(k.getFootprint()));
    return List.copyOf(tags);
  }

  /**
   * Where these anchors came from, for messages and the CLI.
   *
   * @return a path, the source given to {@link #parse}, or {@code "built-in IANA root anchors"}
   */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "TrustAnchors[" + source + ", key tags " + keyTags() + "]";
  }
}
