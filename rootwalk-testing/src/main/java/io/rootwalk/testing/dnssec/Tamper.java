package io.rootwalk.testing.dnssec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The broken DNSSEC data a validator must not accept, made from good data: a signature with one
 * byte changed, a DS that matches no key, an RRset stripped of its signatures, DNSKEY records that
 * share a key tag (the KeyTrap shape, CVE-2023-50387). Expired and not-yet-valid signatures come
 * from {@link ZoneSigner#withWindow}; a key without the Zone Key bit from {@link
 * SigningKey#withFlags}.
 */
public final class Tamper {

  private Tamper() {}

  /**
   * {@code rrset} with one byte of every RRSIG's signature flipped: the metadata still matches, so
   * only the cryptographic check can tell.
   *
   * @param rrset a signed RRset
   * @return a copy whose signatures no longer verify
   */
  public static RRset flipSignatureByte(RRset rrset) {
    RRset out = new RRset();
    rrset.rrs(false).forEach(out::addRR);
    for (RRSIGRecord sig : rrset.sigs()) {
      byte[] signature = sig.getSignature().clone();
      signature[signature.length / 2] ^= 0x01;
      out.addRR(withSignature(sig, signature));
    }
    return out;
  }

  /**
   * {@code rrset} without its RRSIG records.
   *
   * @param rrset any RRset
   * @return a copy holding only the data records
   */
  public static RRset withoutSignatures(RRset rrset) {
    RRset out = new RRset();
    rrset.rrs(false).forEach(out::addRR);
    return out;
  }

  /**
   * A DS with the key tag, algorithm and digest type of {@code ds} whose digest matches no key.
   *
   * @param ds a good DS record
   * @return the same DS with the first digest byte changed
   */
  public static DSRecord dsMatchingNoKey(DSRecord ds) {
    byte[] digest = ds.getDigest().clone();
    digest[0] ^= (byte) 0xFF;
    return new DSRecord(
        ds.getName(),
        ds.getDClass(),
        ds.getTTL(),
        ds.getFootprint(),
        ds.getAlgorithm(),
        ds.getDigestID(),
        digest);
  }

  /**
   * {@code count} DNSKEY records with the key tag and algorithm of {@code key} but key data that is
   * not the key's: a validator that tries every key with a matching tag spends one signature check
   * on each (RFC 4034 appendix B: key tags are not unique).
   *
   * @param key the key whose tag the fakes share
   * @param count how many fakes
   * @return the fake DNSKEY records, all different
   */
  public static List<DNSKEYRecord> collidingKeys(SigningKey key, int count) {
    DNSKEYRecord real = key.dnskey();
    Random random = new Random(real.getFootprint()); // same fakes for the same key
    List<DNSKEYRecord> fakes = new ArrayList<>();
    while (fakes.size() < count) {
      byte[] data = real.getKey().clone();
      random.nextBytes(data);
      // Key tag = 16-bit one's-complement-style sum (RFC 4034 appendix B); fix the last two
      // bytes until the sum matches the real key's.
      for (int i = 0; i < 0x10000; i++) {
        data[data.length - 2] = (byte) (i >> 8);
        data[data.length - 1] = (byte) i;
        DNSKEYRecord fake =
            new DNSKEYRecord(
                real.getName(),
                DClass.IN,
                real.getTTL(),
                real.getFlags(),
                real.getProtocol(),
                real.getAlgorithm(),
                data.clone());
        if (fake.getFootprint() == real.getFootprint() && !Arrays.equals(data, real.getKey())) {
          fakes.add(fake);
          break;
        }
      }
    }
    return fakes;
  }

  /**
   * The same RRSIG with other signature bytes. Through text, as dnsjava's RRSIG constructor would
   * recompute the Labels field from the owner name.
   */
  static RRSIGRecord withSignature(RRSIGRecord sig, byte[] signature) {
    String rdata = sig.rdataToString();
    String text =
        rdata.substring(0, rdata.lastIndexOf(' ') + 1)
            + Base64.getEncoder().encodeToString(signature);
    try {
      return (RRSIGRecord)
          Record.fromString(
              sig.getName(), Type.RRSIG, sig.getDClass(), sig.getTTL(), text, Name.root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot rewrite " + sig, e);
    }
  }
}
