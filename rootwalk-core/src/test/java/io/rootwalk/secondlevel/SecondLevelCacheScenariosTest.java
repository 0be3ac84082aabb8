package io.rootwalk.secondlevel;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FakeTicker;
import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.SecondLevelStatistics;
import io.rootwalk.SecurityStatus;
import io.rootwalk.SignedLabs;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Given the demo hierarchy signed, and validating resolvers sharing one second-level cache, when
 * one resolver has walked a name, then another answers it SECURE from the store alone (the RRSIGs
 * and the keys travelled; no verdict did), and when someone has forged the entry in the store, the
 * forgery fails validation, leaves the store, and the name is walked again to the true answer.
 */
class SecondLevelCacheScenariosTest {

  private static final SignedWorld SIGNED =
      WorldSigner.builder(DemoWorld.world(), SignedLabs.NOW).sign();

  private static final String WWW_A = "v1/a/www.example.com./A";

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(SIGNED.world());

  private final FakeTicker ticker = new FakeTicker();
  private final MemorySecondLevelCache store =
      new MemorySecondLevelCache(() -> ticker.read() / 1_000_000);
  private final List<Resolver> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Resolver::close);
  }

  private Resolver instance(boolean validating) {
    ResolverBuilder b =
        validating ? SignedLabs.validating(lab.get(), SIGNED) : LabResolvers.builderFor(lab.get());
    Resolver r = b.ticker(ticker).secondLevelCache(store).build();
    opened.add(r);
    return r;
  }

  /** One instance looks {@code name} up and stops, which writes what it queued. */
  private Resolution walkedByAnotherInstance(boolean validating, String name) {
    try (Resolver first = instance(validating)) {
      return first.lookup(name, Type.A);
    }
  }

  @Test
  void whatOneValidatingInstanceWalkedAnotherValidatesFromTheStoreAlone() {
    Resolution first = walkedByAnotherInstance(true, "www.example.com");
    assertThat(first.security().status()).isEqualTo(SecurityStatus.SECURE);
    int queries = lab.get().queryCount();

    Resolution second = instance(true).lookup("www.example.com", Type.A);

    assertThat(second.status()).isEqualTo(Status.NOERROR);
    assertThat(second.security().status()).isEqualTo(SecurityStatus.SECURE);
    // The answer, its RRSIGs, the DNSKEY sets and the DS records all came from the store.
    assertThat(lab.get().queryCount()).isEqualTo(queries);
    assertThat(second.trace().steps())
        .first()
        .extracting(TraceStep::kind)
        .isEqualTo(StepKind.SECOND_LEVEL_HIT);
  }

  @Test
  void aForgedEntryFailsValidationLeavesTheStoreAndTheNameIsWalkedAgain() throws Exception {
    walkedByAnotherInstance(true, "www.example.com");
    // Someone with write access swaps the address and keeps the real signature.
    StoredEntry.Answer real =
        (StoredEntry.Answer) EntryCodec.decode(store.get(WWW_A).orElseThrow(), 3600);
    RRset forged = new RRset();
    forged.addRR(
        new ARecord(
            Name.fromString("www.example.com."),
            DClass.IN,
            real.rrset().getTTL(),
            InetAddress.getByName("203.0.113.66")));
    real.rrset().sigs().forEach(forged::addRR);
    store.plant(
        WWW_A,
        EntryCodec.encode(new StoredEntry.Answer(real.zone(), forged, real.rank())),
        3_600_000);

    Resolution r;
    SecondLevelStatistics counted;
    try (Resolver second = instance(true)) {
      r = second.lookup("www.example.com", Type.A);
      counted = second.secondLevelStatistics();
    }
    assertThat(counted.entriesRefused()).isEqualTo(1);
    assertThat(counted.entriesLoaded()).isPositive();

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(r.security().status()).isEqualTo(SecurityStatus.SECURE);
    assertThat(r.addresses()).containsExactly(InetAddress.getByName(DemoWorld.EXAMPLE_COM_ADDRESS));
    assertThat(r.trace().upstreamQueries()).isPositive();
    // The trace keeps both attempts: the entry loaded, found bogus, then the walk that asked.
    List<StepKind> kinds = r.trace().steps().stream().map(TraceStep::kind).toList();
    assertThat(kinds).startsWith(StepKind.SECOND_LEVEL_HIT).contains(StepKind.DNSSEC_BOGUS);
    assertThat(kinds.subList(kinds.indexOf(StepKind.DNSSEC_BOGUS), kinds.size()))
        .contains(StepKind.ANSWER)
        .endsWith(StepKind.DNSSEC_SECURE);
    // The store holds the true RRset again: the forgery was deleted, the walk's answer written.
    StoredEntry.Answer now =
        (StoredEntry.Answer) EntryCodec.decode(store.get(WWW_A).orElseThrow(), 3600);
    assertThat(now.rrset().rrs(false))
        .extracting(rec -> ((ARecord) rec).getAddress().getHostAddress())
        .containsExactly(DemoWorld.EXAMPLE_COM_ADDRESS);
  }

  @Test
  void aNonValidatingInstanceSharesTheSameEntriesWithTheirSignatures() {
    walkedByAnotherInstance(true, "www.example.com");

    Resolution plain = instance(false).lookup("www.example.com", Type.A);

    assertThat(plain.trace().upstreamQueries()).isZero();
    assertThat(plain.security().status()).isEqualTo(SecurityStatus.INDETERMINATE);
  }

  @Test
  void aStoreThatFailsCostsNothingButItsStepAndIsLeftAloneForASecond() {
    store.down = true;
    Resolver r = instance(false);

    Resolution first = r.lookup("www.example.com", Type.A);
    Resolution second = r.lookup("www.shop.com", Type.A);
    ticker.advance(Duration.ofMillis(1_001));
    Resolution third = r.lookup("www.example.net", Type.A);

    assertThat(List.of(first, second, third))
        .allSatisfy(x -> assertThat(x.status()).isEqualTo(Status.NOERROR));
    assertThat(first.trace().secondLevelReads().get(0).detail()).contains("connection refused");
    assertThat(second.trace().secondLevelReads().get(0).detail())
        .startsWith("not asked: it failed");
    assertThat(third.trace().secondLevelReads().get(0).detail())
        .contains("connection refused"); // asked again, once
    // Two reads were made; every name of the second lookup (its chases too) was not even asked.
    SecondLevelStatistics counted = r.secondLevelStatistics();
    assertThat(counted.reads()).isEqualTo(2);
    assertThat(counted.unavailable()).isGreaterThanOrEqualTo(3);
    assertThat(counted.entriesLoaded()).isZero();
  }

  @Test
  void anInstanceThatKeepsRunningWritesWhatItLearnedOnItsTimer() throws Exception {
    Resolver running = instance(false);
    running.lookup("www.example.com", Type.A);

    // A lookup's writes wait for the next batch; the engine's timer sends them within milliseconds.
    assertThat(store.awaitKey(WWW_A, TimeUnit.SECONDS.toMillis(10))).isTrue();
  }

  @Test
  void readsInFlightWhenTheStoreDiesAreOneOutageNotAHundred() throws Exception {
    Resolver r = instance(false);
    store.held = new CompletableFuture<>();
    List<CompletableFuture<Resolution>> inFlight = new ArrayList<>();
    for (String name :
        List.of("www.example.com", "www.shop.com", "www.example.net", "www.example.org")) {
      inFlight.add(r.lookupAsync(name, Type.A));
    }
    store.held.complete(null); // every waiting read fails at once
    for (CompletableFuture<Resolution> f : inFlight) {
      assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.NOERROR);
    }
    store.held = null;
    store.down = true;

    // One outage: after its one second, the store is asked again (not after 2^4 seconds).
    ticker.advance(Duration.ofMillis(1_001));
    Resolution probe = r.lookup("example.com", Type.A);
    assertThat(probe.trace().secondLevelReads().get(0).detail()).contains("connection refused");
  }

  @Test
  void nothingLoadedFromTheStoreIsWrittenBack() {
    walkedByAnotherInstance(false, "www.example.com");
    int puts = store.puts();
    assertThat(puts).isPositive();

    Resolution second = walkedByAnotherInstance(false, "www.example.com");

    assertThat(second.trace().upstreamQueries()).isZero();
    assertThat(store.puts()).isEqualTo(puts);
  }
}
