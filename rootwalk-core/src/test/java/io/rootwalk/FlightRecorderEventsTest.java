package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.observe.CacheEvictionEvent;
import io.rootwalk.observe.ExchangeEvent;
import io.rootwalk.observe.LimitReachedEvent;
import io.rootwalk.observe.LookupEvent;
import io.rootwalk.testing.DemoWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The JDK Flight Recorder events, recorded while the resolver walks the demo hierarchy and read
 * back from the dumped file with {@link RecordingFile}, as {@code jfr print} or JMC would.
 */
class FlightRecorderEventsTest {

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world())
          .configured(b -> b.ticker(ticker).executor(Runnable::run));

  @TempDir Path dir;

  @Test
  void aWalkAndACacheHitAreEachOneLookupEvent() throws IOException {
    List<RecordedEvent> events =
        recorded(
            () -> {
              lab.lookup("www.example.com", Type.A);
              lab.lookup("www.example.com", Type.A);
              lab.lookup("nope.example.com", Type.AAAA);
            });

    List<RecordedEvent> lookups = named(events, "io.rootwalk.Lookup");
    assertThat(lookups)
        .extracting(
            e -> e.getString("name"),
            e -> e.getString("type"),
            e -> e.getString("status"),
            e -> e.getInt("upstreamQueries") > 0)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("www.example.com.", "A", "NOERROR", true),
            org.assertj.core.groups.Tuple.tuple("www.example.com.", "A", "NOERROR", false),
            org.assertj.core.groups.Tuple.tuple("nope.example.com.", "AAAA", "NXDOMAIN", true));
    assertThat(lookups.get(0).getDuration())
        .as("the event's own span is the caller's wait, on the JVM's clock")
        .isPositive();
    assertThat(lookups.get(0).getDuration("elapsed"))
        .as("elapsed is the resolver's ticker, which this test holds still")
        .isZero();
    assertThat(lookups.get(0).getEventType().getCategoryNames()).containsExactly("Rootwalk");
  }

  @Test
  void everyUpstreamQueryIsAnExchangeEventWithItsZoneCutServerAndOutcome() throws IOException {
    List<RecordedEvent> events = recorded(() -> lab.lookup("www.example.com", Type.A));

    List<RecordedEvent> exchanges = named(events, "io.rootwalk.Exchange");
    assertThat(exchanges)
        .extracting(e -> e.getString("zoneCut"), e -> e.getString("outcome"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(".", "PRIMING"),
            org.assertj.core.groups.Tuple.tuple(".", "REFERRAL"),
            org.assertj.core.groups.Tuple.tuple("com.", "REFERRAL"),
            org.assertj.core.groups.Tuple.tuple("example.com.", "ANSWER"));
    RecordedEvent answer = exchanges.get(3);
    assertThat(answer.getString("server")).isIn("ns1.example.com.", "ns2.example.com.");
    assertThat(answer.getString("address"))
        .isIn(DemoWorld.NS1_EXAMPLE_COM_ADDRESS, DemoWorld.NS2_EXAMPLE_COM_ADDRESS);
    assertThat(answer.getString("protocol")).isEqualTo("UDP");
    assertThat(answer.getString("name")).isEqualTo("www.example.com.");
    assertThat(answer.getString("type")).isEqualTo("A");
    assertThat(answer.getInt("port")).isEqualTo(lab.get().port());
    assertThat(answer.getDuration("rtt"))
        .as("RTTs run on the resolver's ticker, which this test holds still")
        .isZero();
  }

  @Test
  void entriesWhoseTtlRanOutAreCacheEvictionEvents() throws IOException {
    List<RecordedEvent> events =
        recorded(
            () -> {
              lab.lookup("www.example.com", Type.A);
              lab.lookup("nope.example.com", Type.A);
              ticker.advance(Duration.ofDays(3)); // past every TTL the demo hands out
              lab.resolver().cacheStatistics(); // runs Caffeine's pending maintenance
            });

    List<RecordedEvent> evictions = named(events, "io.rootwalk.CacheEviction");
    assertThat(evictions).allMatch(e -> e.getString("cause").equals("EXPIRED"));
    assertThat(evictions)
        .extracting(
            e -> e.getString("cache") + " " + e.getString("name") + " " + e.getString("type"))
        .contains(
            "rrset www.example.com. A",
            "delegation com. NS",
            "delegation example.com. NS",
            "negative nope.example.com. ANY");
    CacheStatistics stats = lab.resolver().cacheStatistics();
    assertThat(stats.rrsetEvictions() + stats.negativeEvictions() + stats.delegationEvictions())
        .isEqualTo(stats.evictions())
        .isEqualTo(evictions.size());
  }

  @Test
  void aCacheTooSmallForTheWalkEvictsForSize() throws IOException {
    Resolver tiny = lab.resolver(b -> b.maxCacheEntries(1));
    List<RecordedEvent> events =
        recorded(
            () -> {
              tiny.lookup("www.example.com", Type.A); // the root, com. and example.com. cuts
              tiny.cacheStatistics();
            });

    assertThat(named(events, "io.rootwalk.CacheEviction"))
        .filteredOn(e -> e.getString("cause").equals("SIZE"))
        .extracting(e -> e.getString("cache"))
        .contains("delegation");
    assertThat(tiny.cacheStatistics().delegationEvictions()).isPositive();
  }

  @Test
  void aLookupStoppedByALimitIsALimitReachedEvent() throws IOException {
    Resolver tight = lab.resolver(b -> b.limits(Limits.DEFAULT.withMaxUpstreamQueries(2)));
    List<RecordedEvent> events =
        recorded(
            () ->
                assertThat(tight.lookup("www.example.com", Type.A).status())
                    .isEqualTo(Status.SERVFAIL));

    assertThat(named(events, "io.rootwalk.LimitReached"))
        .extracting(e -> e.getString("limit"), e -> e.getString("name"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("maxUpstreamQueries", "www.example.com."));
    assertThat(named(events, "io.rootwalk.Lookup"))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("failure")).isEqualTo("LIMIT_EXCEEDED"));
    assertThat(tight.lookupStatistics().limitsReached(Limit.MAX_UPSTREAM_QUERIES)).isEqualTo(1);
  }

  @Test
  void withNoRecordingRunningNoEventIsEnabled() {
    // What the zero-cost promise rests on: the static check every emitting site makes first.
    assertThat(LookupEvent.beginIfEnabled()).isNull();
    assertThat(jdk.jfr.EventType.getEventType(ExchangeEvent.class).isEnabled()).isFalse();
    assertThat(jdk.jfr.EventType.getEventType(CacheEvictionEvent.class).isEnabled()).isFalse();
    assertThat(jdk.jfr.EventType.getEventType(LimitReachedEvent.class).isEnabled()).isFalse();
  }

  private List<RecordedEvent> recorded(Runnable lookups) throws IOException {
    Path file = dir.resolve("rootwalk.jfr");
    try (Recording recording = new Recording()) {
      recording.enable(LookupEvent.class);
      recording.enable(ExchangeEvent.class);
      recording.enable(CacheEvictionEvent.class);
      recording.enable(LimitReachedEvent.class);
      recording.start();
      lookups.run();
      recording.stop();
      recording.dump(file);
    }
    return RecordingFile.readAllEvents(file);
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
        .collect(Collectors.toList());
  }
}
