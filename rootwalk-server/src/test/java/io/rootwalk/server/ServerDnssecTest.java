package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code serve} in front of a validating resolver, seen from stubs: given the demo world signed
 * (and sometimes broken), when clients ask with and without DO, AD and CD, then the DNSSEC records
 * go to DO=1 clients only (RFC 4035 section 3.2.1), AD to clients that asked for it and only on
 * secure answers (RFC 6840 section 5.8), CD=1 clients get bogus data (RFC 4035 section 3.2.2), and
 * everyone else gets SERVFAIL with the RFC 8914 extended error saying why.
 */
@Timeout(60)
class ServerDnssecTest {

  private static final int DO = ExtendedFlags.DO;

  private static Message query(String name, int type, int ednsFlags, int... headerFlags)
      throws Exception {
    Message q =
        Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    q.addRecord(new OPTRecord(1232, 0, 0, ednsFlags), Section.ADDITIONAL);
    for (int flag : headerFlags) {
      q.getHeader().setFlag(flag);
    }
    return q;
  }

  private static Message plainQuery(String name, int type, int... headerFlags) throws Exception {
    Message q =
        Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    for (int flag : headerFlags) {
      q.getHeader().setFlag(flag);
    }
    return q;
  }

  private static Message ask(SignedLab lab, Message query) throws Exception {
    return RawDns.udpExchange(lab.server().address(), query.toWire(), 10_000).orElseThrow();
  }

  private static Message askTcp(SignedLab lab, Message query) throws Exception {
    try (Socket tcp = RawDns.tcp(lab.server().address(), 10_000)) {
      RawDns.writeFrame(tcp.getOutputStream(), query.toWire());
      return new Message(RawDns.readFrame(tcp.getInputStream()).orElseThrow());
    }
  }

  private static List<Integer> types(Message m, int section) {
    return m.getSection(section).stream().map(Record::getType).toList();
  }

  private static boolean ad(Message m) {
    return m.getHeader().getFlag(Flags.AD);
  }

  private static ExtendedErrorCodeOption extendedError(Message m) {
    List<EDNSOption> options = m.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
    assertThat(options).as("one extended error").hasSize(1);
    return (ExtendedErrorCodeOption) options.get(0);
  }

  @Test
  void aSecureAnswerSaysAdToADoClientWithTheRrsigAfterTheRrsetItCovers() throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      Message reply = ask(lab, query("www.example.com", Type.A, DO));

      assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(ad(reply)).isTrue();
      assertThat(types(reply, Section.ANSWER)).containsExactly(Type.A, Type.RRSIG);
      RRSIGRecord sig = (RRSIGRecord) reply.getSection(Section.ANSWER).get(1);
      assertThat(sig.getTypeCovered()).isEqualTo(Type.A);
      assertThat(sig.getSigner()).isEqualTo(Name.fromString("example.com."));
      assertThat(reply.getOPT().getFlags() & DO).as("DO echoed (RFC 3225)").isEqualTo(DO);
    }
  }

  @Test
  void aClientWithoutDoGetsNoDnssecRecordsAndNoAdUnlessItSetAd() throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      Message edns = ask(lab, query("blog.example.com", Type.A, 0));
      Message plain = ask(lab, plainQuery("blog.example.com", Type.A));
      Message askingAd = ask(lab, query("blog.example.com", Type.A, 0, Flags.AD));

      for (Message reply : List.of(edns, plain, askingAd)) {
        assertThat(types(reply, Section.ANSWER)).containsExactly(Type.CNAME, Type.A);
        assertThat(types(reply, Section.AUTHORITY)).doesNotContain(Type.RRSIG);
      }
      assertThat(ad(edns)).as("EDNS without DO or AD").isFalse();
      assertThat(ad(plain)).as("no EDNS, no AD").isFalse();
      assertThat(ad(askingAd)).as("AD=1 in the query (RFC 6840 section 5.7)").isTrue();
    }
  }

  @Test
  void aDoClientGetsEachRrsetOfAnAliasChainFollowedByItsSignature() throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      Message reply = ask(lab, query("blog.example.com", Type.A, DO));

      assertThat(types(reply, Section.ANSWER))
          .containsExactly(Type.CNAME, Type.RRSIG, Type.A, Type.RRSIG);
      assertThat(ad(reply)).isTrue();
    }
  }

  @Test
  void aSecureDenialGivesADoClientAdTheSoaSignatureAndTheProofAndAPlainClientTheSoaAlone()
      throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      Message dnssec = ask(lab, query("nope.example.com", Type.A, DO));
      Message plain = ask(lab, query("nope.example.com", Type.A, 0));

      assertThat(dnssec.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(ad(dnssec)).as("an authenticated denial").isTrue();
      List<Integer> authority = types(dnssec, Section.AUTHORITY);
      assertThat(authority.subList(0, 2)).containsExactly(Type.SOA, Type.RRSIG);
      assertThat(authority).contains(Type.NSEC);
      assertThat(authority.stream().filter(t -> t == Type.RRSIG).count())
          .as("the SOA's RRSIG and one per NSEC")
          .isEqualTo(1 + authority.stream().filter(t -> t == Type.NSEC).count());
      assertThat(plain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(types(plain, Section.AUTHORITY)).containsExactly(Type.SOA);
      assertThat(ad(plain)).isFalse();
    }
  }

  @Test
  void aTamperedSignatureIsServfailWithExtendedError6AndWhatFailed() throws Exception {
    try (SignedLab lab = SignedLab.start(b -> b.flipSignatureByte("www.example.com.", Type.A))) {
      Message reply = ask(lab, query("www.example.com", Type.A, DO));

      assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(ad(reply)).isFalse();
      assertThat(reply.getSection(Section.ANSWER)).isEmpty();
      ExtendedErrorCodeOption ede = extendedError(reply);
      assertThat(ede.getErrorCode()).isEqualTo(ExtendedErrorCodeOption.DNSSEC_BOGUS);
      assertThat(ede.getText()).contains("www.example.com. A");
    }
  }

  @Test
  void anExpiredZoneIsServfailWithExtendedError7() throws Exception {
    try (SignedLab lab = SignedLab.start(b -> b.expiredSignatures("example.com."))) {
      Message reply = ask(lab, query("www.example.com", Type.A, 0));

      assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(extendedError(reply).getErrorCode())
          .isEqualTo(ExtendedErrorCodeOption.SIGNATURE_EXPIRED);
    }
  }

  @Test
  void aCdClientGetsTheBogusDataWithItsSignatureAndNoAd() throws Exception {
    try (SignedLab lab = SignedLab.start(b -> b.flipSignatureByte("www.example.com.", Type.A))) {
      Message checking = ask(lab, query("www.example.com", Type.A, DO));
      Message unchecked = ask(lab, query("www.example.com", Type.A, DO, Flags.CD));

      assertThat(checking.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(unchecked.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(unchecked.getHeader().getFlag(Flags.CD)).as("CD copied").isTrue();
      assertThat(ad(unchecked)).isFalse();
      assertThat(types(unchecked, Section.ANSWER)).containsExactly(Type.A, Type.RRSIG);
      assertThat(unchecked.getSection(Section.ANSWER).get(0).rdataToString())
          .isEqualTo("93.184.216.34");
    }
  }

  @Test
  void aDenialLeftInsecureByItsNsec3IterationsSaysSoWithExtendedError27() throws Exception {
    // RFC 9276 section 3.2: above the validator's iteration limit the NXDOMAIN is insecure, and
    // the resolver says why.
    try (SignedLab lab = SignedLab.start(b -> b.nsec3(500, new byte[0], false))) {
      Message reply = ask(lab, query("nosuch.example.com", Type.A, DO));

      assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(ad(reply)).isFalse();
      assertThat(extendedError(reply).getErrorCode()).isEqualTo(27);
    }
  }

  @Test
  void aCdClientOfASecureZoneGetsNoAdEither() throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      Message reply = ask(lab, query("www.example.com", Type.A, DO, Flags.CD));

      assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(types(reply, Section.ANSWER)).containsExactly(Type.A, Type.RRSIG);
      assertThat(ad(reply)).isFalse();
    }
  }

  @Test
  void signaturesThatOverflowTheClientsUdpSizeSetTcAndTcpCarriesTheWholeAnswer() throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      // big.example.net holds 9 TXT records, about 900 bytes, and its RRSIG adds about 100.
      // A DO client that takes only 512 bytes over UDP.
      Message small = query("big.example.net", Type.TXT, DO);
      small.removeAllRecords(Section.ADDITIONAL);
      small.addRecord(new OPTRecord(512, 0, 0, DO), Section.ADDITIONAL);

      byte[] udp =
          RawDns.udpExchange(lab.server().address(), small.toWire(), 10_000).orElseThrow().toWire();
      Message truncated = new Message(udp);
      Message whole = askTcp(lab, query("big.example.net", Type.TXT, DO));

      assertThat(udp.length).isLessThanOrEqualTo(512);
      assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(types(whole, Section.ANSWER)).hasSize(10).endsWith(Type.RRSIG);
      assertThat(ad(whole)).isTrue();
    }
  }

  @Test
  void theReplyCacheKeepsDoAdAndPlainRepliesApart() throws Exception {
    try (SignedLab lab = SignedLab.start()) {
      ReplyCache cache = lab.server().replyCache();
      // Each asked twice: a walk, then a resolver-cache hit that the reply cache keeps.
      for (int i = 0; i < 2; i++) {
        ask(lab, query("www.example.com", Type.A, DO));
        ask(lab, query("www.example.com", Type.A, 0));
        ask(lab, query("www.example.com", Type.A, 0, Flags.AD));
      }
      long before = cache.hits();

      Message dnssec = ask(lab, query("www.example.com", Type.A, DO));
      Message plain = ask(lab, query("www.example.com", Type.A, 0));
      Message askingAd = ask(lab, query("www.example.com", Type.A, 0, Flags.AD));

      assertThat(cache.hits() - before).as("all three replayed").isEqualTo(3);
      assertThat(types(dnssec, Section.ANSWER)).containsExactly(Type.A, Type.RRSIG);
      assertThat(ad(dnssec)).isTrue();
      assertThat(types(plain, Section.ANSWER)).containsExactly(Type.A);
      assertThat(ad(plain)).isFalse();
      assertThat(types(askingAd, Section.ANSWER)).containsExactly(Type.A);
      assertThat(ad(askingAd)).isTrue();
    }
  }
}
