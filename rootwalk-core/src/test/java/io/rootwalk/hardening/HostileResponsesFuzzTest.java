package io.rootwalk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverInternals;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.LabServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Every server of the hierarchy lies at random (a fixed seed, so a failure reproduces): records
 * added to random sections for names in and out of bailiwick, sections emptied, flags and rcodes
 * flipped, aliases looped, referrals pointed anywhere. Whatever comes back, every lookup must end
 * within its deadline with one of the four outcomes, never with an internal error, and nothing
 * planted for a name outside the hierarchy may reach the cache.
 */
class HostileResponsesFuzzTest {

  private static final long SEED = 20261122L;
  private static final int LOOKUPS = 150;

  // Failure holds (RFC 9520) off, so that every lookup walks into the lies.
  @RegisterExtension
  final LabResolvers lab =
      Hardening.lab(DemoWorld.world())
          .configured(
              b ->
                  b.queryTimeout(Duration.ofMillis(150))
                      .deadline(Duration.ofSeconds(2))
                      .failureHold(Duration.ZERO, Duration.ZERO));

  @Test
  void randomLiesNeverHangCrashOrPoisonTheCache() {
    Random random = new Random(SEED);
    for (LabServer server : lab.get().servers()) {
      server.fault(Fault.mutate(lies(new Random(random.nextLong()))));
    }
    String[] names = {
      "www.example.com",
      "blog.example.com",
      "v2.api.example.com",
      "www.shop.com",
      "nope.example.com",
      "mail.example.com",
      "x.wild.example.net",
      "www.org.example.net",
      "www.lame.com"
    };
    int[] types = {Type.A, Type.AAAA, Type.MX, Type.NS, Type.TXT, Type.CNAME};
    List<Status> seen = new ArrayList<>();
    Resolver resolver = lab.resolver();
    for (int i = 0; i < LOOKUPS; i++) {
      String name =
          (random.nextInt(4) == 0 ? "n" + i + "." : "") + names[random.nextInt(names.length)];
      int type = types[random.nextInt(types.length)];
      long start = System.nanoTime();
      Resolution r = resolver.lookup(name, type);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took)
          .as("lookup %d of %s %s", i, name, Type.string(type))
          .isLessThan(Duration.ofSeconds(4));
      int lookup = i;
      r.failure()
          .ifPresent(
              f ->
                  assertThat(f.detail())
                      .as("lookup %d: %s", lookup, r)
                      .doesNotContain("internal error"));
      seen.add(r.status());
      if (i % 25 == 0) {
        resolver.flushAll(); // start some walks from the root again
      }
    }
    assertThat(
            ResolverInternals.cache(resolver)
                .rrsets()
                .get(Hardening.name("www.victim.test."), Type.A))
        .isEmpty();
    assertThat(resolver.closestZoneCut(Hardening.name("www.victim.test.")))
        .get()
        .extracting(z -> z.zone().toString())
        .isEqualTo(".");
    assertThat(seen)
        .as("the lies must not all be caught by the same check")
        .contains(Status.SERVFAIL);
  }

  /** Rewrites each response with a few random lies; about a third pass through untouched. */
  private static UnaryOperator<Message> lies(Random random) {
    return m -> {
      int lies = random.nextInt(4);
      for (int i = 0; i < lies; i++) {
        switch (random.nextInt(9)) {
          case 0:
            m.addRecord(Hardening.rr("www.victim.test.", Type.A, "6.6.6.6"), randomSection(random));
            break;
          case 1:
            m.addRecord(Hardening.rr(questionName(m), Type.CNAME, questionName(m)), Section.ANSWER);
            break;
          case 2:
            m.addRecord(
                Hardening.rr(randomZone(random), Type.NS, "ns." + randomZone(random)),
                Section.AUTHORITY);
            break;
          case 3:
            m.addRecord(
                Hardening.rr("ns." + randomZone(random), Type.A, "127.53.10.1"),
                Section.ADDITIONAL);
            break;
          case 4:
            m.removeAllRecords(1 + random.nextInt(3));
            break;
          case 5:
            flip(m, Flags.AA, random);
            break;
          case 6:
            flip(m, Flags.TC, random);
            break;
          case 7:
            m.getHeader()
                .setRcode(
                    new int[] {
                          Rcode.NOERROR,
                          Rcode.NXDOMAIN,
                          Rcode.SERVFAIL,
                          Rcode.REFUSED,
                          Rcode.NOTAUTH,
                          Rcode.YXDOMAIN
                        }
                        [random.nextInt(6)]);
            break;
          default:
            m.addRecord(
                Hardening.rr(questionName(m), Type.DNAME, randomZone(random)), Section.ANSWER);
            break;
        }
      }
      return m;
    };
  }

  private static String questionName(Message m) {
    Record q = m.getQuestion();
    return q == null ? "example.com." : q.getName().toString();
  }

  private static String randomZone(Random random) {
    String[] zones = {
      ".", "com.", "net.", "example.com.", "victim.test.", "api.example.com.", "org."
    };
    return zones[random.nextInt(zones.length)].replaceFirst("^\\.$", "root-servers.net.");
  }

  private static int randomSection(Random random) {
    return 1 + random.nextInt(3);
  }

  private static void flip(Message m, int flag, Random random) {
    if (random.nextBoolean()) {
      m.getHeader().setFlag(flag);
    } else {
      m.getHeader().unsetFlag(flag);
    }
  }
}
