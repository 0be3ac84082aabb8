package io.rootwalk.observe;

import com.github.benmanes.caffeine.cache.RemovalCause;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * An entry a resolver's cache evicted: for size (the table was full, so the cache is too small for
 * the working set) or for expiry (its TTL ran out). Operators' flushes are not evictions and do not
 * raise it, as {@code CacheStatistics} does not count them.
 */
@jdk.jfr.Name("io.rootwalk.CacheEviction")
@Label("DNS Cache Eviction")
@Description("An entry a Rootwalk resolver's cache evicted for size or expiry")
@Category({"Rootwalk"})
@StackTrace(false)
public final class CacheEvictionEvent extends Event {

  private static final CacheEvictionEvent PROBE = new CacheEvictionEvent();

  @Label("Cache")
  @Description("rrset, negative or delegation")
  String cache = "";

  @Label("Name")
  String name = "";

  @Label("Type")
  @Description("The RRset's type; NS for a zone cut; ANY for an NXDOMAIN")
  String type = "";

  @Label("Cause")
  @Description("Caffeine's removal cause: SIZE, EXPIRED or COLLECTED")
  String cause = "";

  private CacheEvictionEvent() {}

  /**
   * Commits an event for one eviction when a recording has the event enabled.
   *
   * @param cache the table's name in the event: rrset, negative or delegation
   * @param name the owner name of the entry
   * @param type its type, or 0 for an NXDOMAIN (which denies every type)
   * @param cause why Caffeine removed it
   */
  public static void emit(String cache, Name name, int type, RemovalCause cause) {
    if (!PROBE.isEnabled()) {
      return;
    }
    CacheEvictionEvent event = new CacheEvictionEvent();
    if (!event.shouldCommit()) {
      return;
    }
    event.cache = cache;
    event.name = name.toString();
    event.type = type == 0 ? "ANY" : Type.string(type);
    event.cause = cause.name();
    event.commit();
  }
}
