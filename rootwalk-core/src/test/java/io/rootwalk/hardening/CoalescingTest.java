package io.rootwalk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.RecordedQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * Identical upstream queries in flight at once share one packet: a thousand concurrent lookups of
 * one cold name cost one or two queries per step, not a thousand (RFC 5452 section 5: each
 * duplicate is one more ticket in the birthday attack on query IDs).
 */
class CoalescingTest {

  // Generous timeouts: a thousand walks resume on the transport's I/O thread, and on a loaded
  // two-core machine that has been seen to hold it for over 2 s (see the hardening report).
  @RegisterExtension
  final LabResolvers lab =
      Hardening.lab(DemoWorld.world())
          .configured(b -> b.queryTimeout(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(10)));

  @Test
  void aThousandConcurrentLookupsOfOneColdNameSendOneOrTwoQueriesPerStep() throws Exception {
    List<RecordedQuery> queries = concurrentLookups(1000);
    // Four steps: priming, root referral, com. referral, answer.
    assertThat(queries).as("queries: %s", queries).hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void aThousandConcurrentLookupsOfOneColdNameAreAllAnsweredWithFewQueries() throws Exception {
    assertFewQueries(concurrentLookups(1000));
  }

  @Test
  void twoHundredConcurrentLookupsOfOneColdNameAreAllAnsweredWithFewQueries() throws Exception {
    assertFewQueries(concurrentLookups(200));
  }

  private static void assertFewQueries(List<RecordedQuery> queries) {
    Map<String, Long> perQuestionAndServer =
        queries.stream()
            .collect(
                Collectors.groupingBy(
                    q ->
                        q.qname().toString().toLowerCase(java.util.Locale.ROOT)
                            + " "
                            + q.qtypeName()
                            + " "
                            + q.server().getHostAddress(),
                    Collectors.counting()));
    assertThat(queries).as("queries: %s", queries).hasSizeLessThanOrEqualTo(16);
    assertThat(perQuestionAndServer.values())
        .as("per question and server: %s", perQuestionAndServer)
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
  }

  private List<RecordedQuery> concurrentLookups(int count) throws Exception {
    Resolver resolver = lab.resolver();
    List<CompletableFuture<Resolution>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(resolver.lookupAsync("www.example.com", Type.A));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
    for (CompletableFuture<Resolution> f : futures) {
      Resolution r = f.join();
      assertThat(r.status()).as("%s", r).isEqualTo(Status.NOERROR);
      assertThat(r.addresses())
          .extracting(a -> a.getHostAddress())
          .containsExactly(DemoWorld.EXAMPLE_COM_ADDRESS);
    }
    return lab.get().queries();
  }
}
