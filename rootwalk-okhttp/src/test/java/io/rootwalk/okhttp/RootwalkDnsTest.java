package io.rootwalk.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.World;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Given the demo hierarchy with {@code app.example.com.} pointing at a local HTTP server (and
 * {@code notes.example.com.} with a TXT record only), an OkHttp client whose DNS is Rootwalk
 * fetches from it by name, walking from the lab's root.
 */
class RootwalkDnsTest {

  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone("example.com.", "app 300 IN A 127.0.0.1\nnotes 300 IN TXT \"no address\"\n")
        .build();
  }

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(RootwalkDnsTest::world);

  private final MockWebServer web = new MockWebServer();
  private Resolver resolver;
  private OkHttpClient client;

  @BeforeEach
  void start() throws Exception {
    web.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    DnsLab dns = lab.get();
    resolver =
        Resolver.builder()
            .rootHints(RootHints.fromFile(dns.rootHintsFile()))
            .upstreamPort(dns.port())
            .queryTimeout(Duration.ofMillis(400))
            .deadline(Duration.ofSeconds(5))
            .build();
    client =
        new OkHttpClient.Builder()
            .dns(new RootwalkDns(resolver))
            .callTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void stop() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    resolver.close();
    web.close();
  }

  @Test
  void aClientFetchesFromTheLocalServerByAFixtureName() throws Exception {
    web.enqueue(new MockResponse.Builder().body("hello from app").build());

    try (Response response =
        client.newCall(get("http://app.example.com:" + web.getPort() + "/")).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("hello from app");
    }
    RecordedRequest request = web.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Host")).isEqualTo("app.example.com:" + web.getPort());
    assertThat(lab.get().queries())
        .as("the name was walked from the lab's root")
        .anyMatch(q -> q.qname().toString().equals("app.example.com."));
  }

  @Test
  void aNameThatDoesNotExistFailsTheCallWithAnUnknownHostExceptionSayingNxdomain() {
    assertThatThrownBy(
            () -> client.newCall(get("http://nope.example.com:" + web.getPort() + "/")).execute())
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("nope.example.com: no such name (NXDOMAIN)");
    assertThat(web.getRequestCount()).isZero();
  }

  @Test
  void aDelegationWithoutGlueFailsWithTheResolversReason() {
    assertThatThrownBy(() -> new RootwalkDns(resolver).lookup("www.broken.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageStartingWith("www.broken.com: the lookup failed (SERVFAIL): ");
  }

  @Test
  void aNameWithoutAddressesIsNodata() {
    assertThatThrownBy(() -> new RootwalkDns(resolver).lookup("notes.example.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("notes.example.com: the name has no address (A or AAAA record) (NODATA)");
  }

  @Test
  void ipLiteralsAreTheirOwnAnswerWithoutAQuery() throws Exception {
    RootwalkDns dns = new RootwalkDns(resolver);

    assertThat(dns.lookup("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThat(dns.lookup("::1")).containsExactly(InetAddress.getByName("::1"));
    assertThat(dns.lookup("[::1]")).containsExactly(InetAddress.getByName("::1"));
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void aMalformedNameOrAClosedResolverIsAnUnknownHostExceptionToo() {
    RootwalkDns dns = new RootwalkDns(resolver);

    assertThatThrownBy(() -> dns.lookup("a..b"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageStartingWith("a..b: not a DNS name: ");
    resolver.close();
    assertThatThrownBy(() -> dns.lookup("app.example.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("app.example.com: the Rootwalk resolver is closed");
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }
}
