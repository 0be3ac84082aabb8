package io.rootwalk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Given the demo lab and a resolver walking it, a partition's window never reads more than its size
 * ahead of the rows handed out, and hands the rows out in the order the names came in. No Spark
 * session: the window is plain Java over an iterator.
 */
class LookupWindowTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;

  @BeforeEach
  void start() {
    resolver =
        Resolver.builder()
            .rootHints(RootHints.fromFile(lab.get().rootHintsFile()))
            .upstreamPort(lab.get().port())
            .build();
  }

  @AfterEach
  void stop() {
    resolver.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 50})
  void theWindowReadsAtMostItsSizeAheadAndKeepsTheInputOrder(int size) {
    List<LookupWindow.Ask> asks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      asks.add(
          new LookupWindow.Ask(
              switch (i % 4) {
                case 0 -> "www.example.com";
                case 1 -> "n" + i + ".example.com";
                case 2 -> "bad.." + i;
                default -> "www.shop.com";
              },
              "A"));
    }
    AtomicInteger handedOut = new AtomicInteger();
    AtomicInteger mostAhead = new AtomicInteger();
    Iterator<LookupWindow.Ask> source = asks.iterator();
    Iterator<LookupWindow.Ask> counting =
        new Iterator<>() {
          private int read;

          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public LookupWindow.Ask next() {
            read++;
            // Started and not yet handed out, this one included.
            mostAhead.accumulateAndGet(read - handedOut.get(), Math::max);
            return source.next();
          }
        };
    LookupWindow window = new LookupWindow(counting, resolver, size);

    List<Row> rows = new ArrayList<>();
    while (window.hasNext()) {
      rows.add(window.next());
      handedOut.incrementAndGet();
      assertThat(window.inFlight()).isLessThanOrEqualTo(size);
    }

    assertThat(mostAhead.get()).isEqualTo(Math.min(size, asks.size()));
    assertThat(rows)
        .extracting(r -> r.getString(0))
        .containsExactlyElementsOf(asks.stream().map(LookupWindow.Ask::name).toList());
    assertThat(rows)
        .extracting(r -> r.getString(2))
        .containsExactlyElementsOf(
            asks.stream()
                .map(
                    a ->
                        a.name().startsWith("bad")
                            ? "INVALID"
                            : a.name().startsWith("n") ? "NXDOMAIN" : "NOERROR")
                .toList());
  }
}
