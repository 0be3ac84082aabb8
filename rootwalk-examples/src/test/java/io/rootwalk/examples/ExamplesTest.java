package io.rootwalk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** Every example, run against its own demo lab as a user would run it. */
class ExamplesTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private Resolver resolver;

  @BeforeEach
  void start() {
    resolver = DemoLab.resolverFor(lab.get()).build();
  }

  @AfterEach
  void stop() {
    resolver.close();
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void blockingLookupPrintsTheAddresses() {
    Resolution r = BlockingLookup.run(resolver, "www.example.com", out);

    assertThat(r.status()).isEqualTo(Status.NOERROR);
    assertThat(printed()).contains("www.example.com -> [93.184.216.34]");
  }

  @Test
  void blockingLookupExplainsFailures() {
    BlockingLookup.run(resolver, "www.broken.com", out);

    assertThat(printed()).contains("SERVFAIL").contains("MISSING_GLUE");
  }

  @Test
  void manyLookupsAsyncAllComplete() {
    Map<Status, Integer> tally =
        ManyLookupsAsync.run(resolver, ManyLookupsAsync.demoNames(50), out);

    assertThat(tally.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
    assertThat(tally).containsKeys(Status.NOERROR, Status.NXDOMAIN, Status.SERVFAIL);
  }

  @Test
  void walkTheTraceFindsTheLameServer() throws Exception {
    WalkTheTrace.run(resolver, "www.lame.com", Type.A, out);
    Map<Name, WalkTheTrace.ZoneCut> cuts = WalkTheTrace.run(resolver, "lame.com", Type.SOA, out);

    assertThat(cuts.get(Name.fromString("lame.com."))).isNotNull();
    assertThat(cuts.get(Name.fromString("lame.com.")).lame())
        .singleElement()
        .asString()
        .contains("ns2.lame.com.")
        .contains("REFUSED");
  }

  @Test
  void walkTheTraceDescendsIntoChases() throws Exception {
    Map<Name, WalkTheTrace.ZoneCut> cuts = WalkTheTrace.run(resolver, "www.shop.com", Type.A, out);

    assertThat(cuts).containsKeys(Name.fromString("dnshost.net."), Name.fromString("shop.com."));
  }

  @Test
  void customResolverStillResolvesWithStrictSiblingGlue() {
    try (Resolver custom = CustomResolver.configure(DemoLab.resolverFor(lab.get())).build()) {
      Resolution r = CustomResolver.run(custom, out);

      assertThat(r.status()).isEqualTo(Status.NOERROR);
      assertThat(r.trace().upstreamQueries()).isLessThanOrEqualTo(50);
      assertThat(printed()).contains("93.184.216.34");
    }
  }

  @Test
  void mainsRunOfflineAgainstTheirOwnLab() {
    PrintStream original = System.out;
    System.setOut(out);
    try {
      BlockingLookup.main(new String[0]);
      ManyLookupsAsync.main(new String[0]);
      WalkTheTrace.main(new String[0]);
      CustomResolver.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(printed())
        .contains("www.example.com -> ")
        .contains("by status:")
        .contains("lame [ns2.lame.com.");
  }
}
