package io.rootwalk.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.SecurityStatus;
import io.rootwalk.SignedLabs;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Given the NSEC3 proof of an NXDOMAIN as a signed zone sent it, when {@link DenialProof} checks it
 * with budgets of different sizes, then it is proven with the default budget and gives up,
 * EXHAUSTED, when the NSEC3 hashes run out: the cap that stops an NSEC3 hash flood (CVE-2023-50868)
 * from costing a lookup unbounded work.
 */
class DenialProofBudgetTest {

  private static final Instant NOW = SignedLabs.NOW;
  private static List<RRset> proof;

  @BeforeAll
  static void fetchTheProof() throws Exception {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), NOW).nsec3(0, new byte[0], false).sign();
    try (DnsLab lab = DnsLab.start(signed.world());
        Resolver resolver = SignedLabs.validating(lab, signed).build()) {
      Resolution r = resolver.lookup("a.b.nosuch.example.com", Type.A);
      assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
      proof = SignedRRsets.denials(r.dnssecRecords());
    }
  }

  private static DenialVerdict prove(int hashes) throws Exception {
    ValidationLimits limits = new ValidationLimits(4, 8, 128, hashes, 150);
    return DenialProof.prove(
        Name.fromString("a.b.nosuch.example.com."),
        Type.A,
        true,
        Name.fromString("example.com."),
        proof,
        ValidationBudget.of(limits));
  }

  @Test
  void theDefaultBudgetProvesTheClosestEncloser() throws Exception {
    assertThat(prove(ValidationLimits.DEFAULT.nsec3HashesPerLookup()))
        .isInstanceOf(DenialVerdict.Proven.class);
  }

  @Test
  void aBudgetTooSmallForTheWalkUpToTheEncloserGivesUp() throws Exception {
    // The walk hashes b.nosuch, nosuch and example.com before it finds the encloser.
    assertThat(prove(2))
        .isInstanceOfSatisfying(
            Verdict.Exhausted.class,
            e -> assertThat(e.limit()).isEqualTo(ValidationBudget.Limit.NSEC3_HASHES_PER_LOOKUP));
  }
}
