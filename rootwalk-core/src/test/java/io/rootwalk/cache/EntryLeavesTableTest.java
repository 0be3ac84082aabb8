package io.rootwalk.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FakeTicker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * A cached RRset knows whether its table still holds it, since memoised cache hits ask the entry
 * instead of the table: replaced, flushed or evicted, it says so at once.
 */
class EntryLeavesTableTest {

  private final FakeTicker ticker = new FakeTicker();

  @Test
  void anEntryReplacedByAFresherCopyHasLeft() throws Exception {
    RRsetCache cache = new RRsetCache(CachePolicy.DEFAULT, ticker, Runnable::run);
    cache.put(a("www.example.com.", "192.0.2.1"), Rank.ANSWER);
    CachedRRset first = cache.get(name("www.example.com."), Type.A).orElseThrow();

    cache.put(a("www.example.com.", "192.0.2.2"), Rank.ANSWER);

    assertThat(first.held()).isFalse();
    assertThat(cache.get(name("www.example.com."), Type.A).orElseThrow().held()).isTrue();
  }

  @Test
  void aFlushedEntryHasLeft() throws Exception {
    RRsetCache cache = new RRsetCache(CachePolicy.DEFAULT, ticker, Runnable::run);
    cache.put(a("www.example.com.", "192.0.2.1"), Rank.ANSWER);
    cache.put(a("mail.example.com.", "192.0.2.2"), Rank.ANSWER);
    CachedRRset www = cache.get(name("www.example.com."), Type.A).orElseThrow();
    CachedRRset mail = cache.get(name("mail.example.com."), Type.A).orElseThrow();

    cache.flush(name("www.example.com."), false);

    assertThat(www.held()).isFalse();
    assertThat(mail.held()).isTrue();

    cache.flushAll();

    assertThat(mail.held()).isFalse();
  }

  @Test
  void anEntryEvictedForSpaceHasLeft() throws Exception {
    CachePolicy tiny =
        new CachePolicy(
            2,
            Duration.ZERO,
            Duration.ofDays(1),
            Duration.ofHours(1),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            Duration.ZERO,
            false);
    RRsetCache cache = new RRsetCache(tiny, ticker, Runnable::run);
    List<CachedRRset> stored = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Name owner = name("host" + i + ".example.com.");
      cache.put(a(owner.toString(), "192.0.2." + i), Rank.ANSWER);
      stored.add(cache.get(owner, Type.A).orElseThrow());
    }

    cache.cleanUp();

    assertThat(stored)
        .allSatisfy(
            entry ->
                assertThat(entry.held())
                    .as("%s held exactly while the table has it", entry.rrset().getName())
                    .isEqualTo(cache.get(entry.rrset().getName(), Type.A).isPresent()));
    assertThat(stored).filteredOn(CachedRRset::held).hasSizeLessThanOrEqualTo(2);
  }

  private static RRset a(String owner, String address) throws Exception {
    return new RRset(new ARecord(name(owner), DClass.IN, 300, InetAddress.getByName(address)));
  }

  private static Name name(String name) {
    return Name.fromConstantString(name);
  }
}
