package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.rootwalk.dnssec.KeySetValidator;
import io.rootwalk.dnssec.KeySetVerdict;
import io.rootwalk.dnssec.ValidationBudget;
import io.rootwalk.testing.dnssec.ZoneSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Trust anchors: the built-in IANA root KSKs, or a file of root DS/DNSKEY lines or IANA's
 * root-anchors.xml that replaces them. A file that cannot be used is a usage error with one line
 * naming the file and what is wrong.
 */
class TrustAnchorsTest {

  /** KSK-2017 and KSK-2024 as the root zone publishes them (IANA root-anchors, DNSKEY form). */
  static final String KSK_2017 =
      "257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5e"
          + "mLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jL"
          + "HwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIds"
          + "IXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV7"
          + "4bU=";

  static final String KSK_2024 =
      "257 3 8 AwEAAa96jeuknZlaeSrvyAJj6ZHv28hhOKkx3rLGXVaC6rXTsDc449/cidltpkyGwCJNnOAlFNKF2jBosZBU"
          + "5eeHspaQWOmOElZsjICMQMC3aeHbGiShvZsx4wMYSjH8e7Vrhbu6irwCzVBApESjbUdpWWmEnhathWu1jo+siFU"
          + "iRAAxm9qyJNg/wOZqqzL/dL/q8PkcRU5oUKEpUge71M3ej2/7CPqpdVwuMoTvoB+ZOT4YeGyxMvHmbrxlFzGOHO"
          + "ijtzN+u1TQNatX2XBuzZNQ1K+s2CXkPIZo7s6JgZyvaBevYtxPvYLw4z9mR7K2vaF18UYH9Z9GNUUeayffKC73P"
          + "Yc=";

  /** IANA's root-anchors.xml in its 2024 shape: KSK-2010 (expired), KSK-2017, KSK-2024. */
  static final String ROOT_ANCHORS_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <TrustAnchor id="E9724F53-1851-4F86-85E5-F1392102940B" source="https://data.iana.org/root-anchors/root-anchors.xml">
      <Zone>.</Zone>
      <KeyDigest id="Kjqmt7v" validFrom="2010-07-15T00:00:00+00:00" validUntil="2019-01-11T00:00:00+00:00">
      <KeyTag>19036</KeyTag>
      <Algorithm>8</Algorithm>
      <DigestType>2</DigestType>
      <Digest>49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5</Digest>
      </KeyDigest>
      <KeyDigest id="Klajeyz" validFrom="2017-02-02T00:00:00+00:00">
      <KeyTag>20326</KeyTag>
      <Algorithm>8</Algorithm>
      <DigestType>2</DigestType>
      <Digest>E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D</Digest>
      </KeyDigest>
      <KeyDigest id="Kmyv6jo" validFrom="2024-07-18T00:00:00+00:00">
      <KeyTag>38696</KeyTag>
      <Algorithm>8</Algorithm>
      <DigestType>2</DigestType>
      <Digest>683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16</Digest>
      </KeyDigest>
      </TrustAnchor>
      """;

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path dir;

  private static DNSKEYRecord dnskey(String rdata) throws Exception {
    return (DNSKEYRecord) Record.fromString(Name.root, Type.DNSKEY, DClass.IN, 0, rdata, Name.root);
  }

  @Test
  void theBuiltInAnchorsAreKsk2017AndKsk2024AndTheirDigestsHashFromThePublishedKeys()
      throws Exception {
    TrustAnchors iana = TrustAnchors.iana();

    assertThat(iana.keyTags()).containsExactly(20326, 38696);
    assertThat(iana.dnskeys()).isEmpty();
    for (String key : List.of(KSK_2017, KSK_2024)) {
      DNSKEYRecord k = dnskey(key);
      DSRecord computed = new DSRecord(Name.root, DClass.IN, 0, DNSSEC.Digest.SHA256, k);
      assertThat(iana.ds())
          .as("built-in DS for key %d", k.getFootprint())
          .anySatisfy(
              ds -> {
                assertThat(ds.getFootprint()).isEqualTo(k.getFootprint());
                assertThat(ds.getAlgorithm()).isEqualTo(8);
                assertThat(ds.getDigestID()).isEqualTo(2);
                assertThat(ds.getDigest()).isEqualTo(computed.getDigest());
              });
    }
    assertThat(iana.source()).isEqualTo("built-in IANA root anchors");
  }

  @Test
  void zoneFileLinesOfDsAndDnskeyWithCommentsAndBlankLinesAreRead() throws Exception {
    Path file =
        write(
            "root.key",
            "; root anchors\n\n"
                + ". 86400 IN DS 20326 8 2"
                + " E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D ; KSK-2017\n"
                + ".\tIN\t172800\tDNSKEY "
                + KSK_2024
                + " ;{id = 38696 (ksk), size = 2048b}\r\n");

    TrustAnchors anchors = TrustAnchors.fromFile(file, NOW);

    assertThat(anchors.keyTags()).containsExactly(20326, 38696);
    assertThat(anchors.ds()).hasSize(1);
    assertThat(anchors.dnskeys()).hasSize(1);
    assertThat(anchors.asDsSet()).hasSize(2);
    assertThat(anchors.source()).isEqualTo(file.toString());
  }

  @Test
  void rootAnchorsXmlIsRecognisedByItsContentAndHonoursItsValidityDates() throws Exception {
    Path file = write("anchors.txt", ROOT_ANCHORS_XML);

    assertThat(TrustAnchors.fromFile(file, NOW).keyTags()).containsExactly(20326, 38696);
    assertThat(TrustAnchors.fromFile(file, Instant.parse("2018-01-01T00:00:00Z")).keyTags())
        .containsExactly(19036, 20326);
    assertThat(TrustAnchors.fromFile(file, Instant.parse("2012-01-01T00:00:00Z")).keyTags())
        .containsExactly(19036);
  }

  @Test
  void anXmlFileWithNoKeyDigestValidAtTheTimeIsRefused() throws Exception {
    Path file = write("old.xml", ROOT_ANCHORS_XML);

    refused(() -> TrustAnchors.fromFile(file, Instant.parse("2009-01-01T00:00:00Z")))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no usable root anchor")
        .hasMessageContaining("Kjqmt7v");
  }

  @Test
  void anXmlDoctypeIsRefusedSoNoEntityIsExpandedOrFetched() throws Exception {
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<TrustAnchor><Zone>&x;</Zone></TrustAnchor>\n";
    String laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<TrustAnchor><Zone>&b;</Zone>"
            + "</TrustAnchor>";

    refused(() -> TrustAnchors.parse(xxe, "xxe.xml", NOW))
        .hasMessageContaining("xxe.xml")
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
    refused(() -> TrustAnchors.parse(laughs, "laughs.xml", NOW)).hasMessageContaining("DOCTYPE");
  }

  @Test
  void malformedOrForeignXmlIsRefusedWithOneLine() {
    refused(() -> TrustAnchors.parse("<TrustAnchor><Zone>.</Zone>", "cut.xml", NOW))
        .hasMessageContaining("not well-formed");
    refused(() -> TrustAnchors.parse("<html><body/></html>", "page.xml", NOW))
        .hasMessageContaining("<html>");
    refused(
            () ->
                TrustAnchors.parse(
                    ROOT_ANCHORS_XML.replace("<Zone>.</Zone>", "<Zone>example.</Zone>"),
                    "x.xml",
                    NOW))
        .hasMessageContaining("only root anchors");
    refused(() -> TrustAnchors.parse(ROOT_ANCHORS_XML.replace(">E06D44", ">ZZ06D44"), "x.xml", NOW))
        .hasMessageContaining("not hex");
  }

  @Test
  void anEmptyOrCommentOnlyFileHoldsNoAnchor() throws Exception {
    refused(() -> TrustAnchors.fromFile(write("empty", ""), NOW))
        .hasMessageContaining("no usable root anchor");
    refused(() -> TrustAnchors.fromFile(write("comments", "; nothing\n\n"), NOW))
        .hasMessageContaining("no usable root anchor");
  }

  @Test
  void garbageIsRefusedNamingTheLine() throws Exception {
    Path file = write("garbage", "; ok\nhello world\n");

    refused(() -> TrustAnchors.fromFile(file, NOW))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2");
  }

  @Test
  void anAnchorForAnotherZoneIsRefused() {
    refused(
            () ->
                TrustAnchors.parse(
                    "example. IN DS 12345 13 2"
                        + " E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n",
                    "x",
                    NOW))
        .hasMessageContaining("line 1")
        .hasMessageContaining("only root anchors");
  }

  @Test
  void aRecordTypeOtherThanDsOrDnskeyIsRefused() {
    refused(() -> TrustAnchors.parse(". 3600 IN NS a.root-servers.net.\n", "x", NOW))
        .hasMessageContaining("NS records are not allowed");
  }

  @Test
  void directivesAndMultiLineRecordsAreRefused() {
    refused(() -> TrustAnchors.parse("$INCLUDE /etc/passwd\n", "x", NOW))
        .hasMessageContaining("$INCLUDE")
        .hasMessageNotContaining("root:");
    refused(() -> TrustAnchors.parse(". IN DNSKEY ( 257 3 8\n AwEAAa== )\n", "x", NOW))
        .hasMessageContaining("parentheses");
  }

  @Test
  void anchorsNoValidatorCouldUseAreNotUsable() throws Exception {
    refused(
            () ->
                TrustAnchors.parse(
                    ". IN DS 20326 8 3"
                        + " E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n",
                    "gost",
                    NOW))
        .hasMessageContaining("unsupported digest type 3");
    String revoked = KSK_2017.replaceFirst("^257", "385"); // REVOKE bit (RFC 5011)
    refused(() -> TrustAnchors.parse(". IN DNSKEY " + revoked + "\n", "revoked", NOW))
        .hasMessageContaining("revoked");
  }

  @Test
  void aFileOverOneMibIsRefusedAndDevZeroFailsAtOnce() throws Exception {
    Path big = dir.resolve("big");
    Files.write(big, new byte[(1 << 20) + 1]);
    refused(() -> TrustAnchors.fromFile(big, NOW)).hasMessageContaining("larger than 1 MiB");

    Path zero = Path.of("/dev/zero");
    assumeThat(Files.exists(zero)).isTrue();
    refused(() -> TrustAnchors.fromFile(zero, NOW)).hasMessageContaining("larger than 1 MiB");
  }

  @Test
  void anUnreadableFileIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("missing.key");

    refused(() -> TrustAnchors.fromFile(missing, NOW))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such file");
    refused(() -> TrustAnchors.fromFile(dir, NOW)).hasMessageContaining("cannot read");
  }

  @Test
  void dnskeyAnchorsValidateTheRootKeySetTheyAreIn() {
    Instant now = NOW;
    ZoneSigner root =
        ZoneSigner.create(
            Name.root,
            DNSSEC.Algorithm.ECDSAP256SHA256,
            now.minusSeconds(60),
            now.plus(Duration.ofDays(1)));
    TrustAnchors anchors =
        TrustAnchors.parse(". IN DNSKEY " + root.ksk().dnskey().rdataToString() + "\n", "lab", now);

    KeySetVerdict v =
        KeySetValidator.validate(
            root.dnskeys(),
            anchors.asDsSet(),
            now.getEpochSecond(),
            ValidationBudget.withDefaults());

    assertThat(v).isInstanceOf(KeySetVerdict.Trusted.class);
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    return p;
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(ThrowingCallable r) {
    return assertThatThrownBy(r)
        .isInstanceOf(TrustAnchorsException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("\n");
  }
}
