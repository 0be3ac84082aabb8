package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the demo hierarchy and a real redis-server, when {@code rootwalk trace} runs twice with
 * {@code --redis}, as two instances of a fleet would, then the second run answers from what the
 * first wrote, and its trace says so; a bad URI is a usage error and a Redis that is not there
 * costs nothing but a line of the trace.
 */
class RedisOptionTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private RedisServer redis;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private CliRun trace(String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "trace";
    args[1] = "www.shop.com";
    System.arraycopy(more, 0, args, 2, more.length);
    return CliRun.againstLab(lab.get(), args);
  }

  @Test
  void aSecondRunAnswersFromWhatTheFirstWroteToRedis() {
    CliRun first = trace("--redis", redis.uri());
    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("(second-level)").contains("nothing");

    CliRun second = trace("--redis", redis.uri());

    assertThat(second.exit()).isZero();
    assertThat(second.out())
        .contains("192.0.2.80")
        .contains("(second-level)")
        .contains(";; 0 upstream queries")
        .contains("A www.shop.com. (authoritative answer, ")
        .contains("delegation shop.com. (2 NS, ");
  }

  @Test
  void theJsonTraceHasTheSecondLevelStep() {
    trace("--redis", redis.uri());

    CliRun second = trace("--redis", redis.uri(), "--json");

    assertThat(second.exit()).isZero();
    assertThat(second.out())
        .contains("\"kind\" : \"second-level\"")
        .contains("\"result\" : \"loaded\"")
        .contains("\"upstreamQueries\" : 0");
  }

  @Test
  void aSecondBulkRunOverTheSameNamesSendsNoQuery(@TempDir Path dir) throws Exception {
    Path in =
        Files.writeString(
            dir.resolve("names.txt"), "www.shop.com\nwww.example.com\nnope.example.com\n");
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");

    CliRun one =
        CliRun.againstLab(
            lab.get(),
            "bulk",
            "--in",
            in.toString(),
            "--out",
            first.toString(),
            "--redis",
            redis.uri());
    CliRun two =
        CliRun.againstLab(
            lab.get(),
            "bulk",
            "--in",
            in.toString(),
            "--out",
            second.toString(),
            "--redis",
            redis.uri());

    assertThat(one.exit()).isZero();
    assertThat(two.exit()).isZero();
    assertThat(Files.readAllLines(first))
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).doesNotContain("\"upstreamQueries\":0"));
    // NOERROR twice and the NXDOMAIN: every answer and the denial came from Redis.
    assertThat(Files.readAllLines(second))
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).contains("\"upstreamQueries\":0"))
        .anySatisfy(l -> assertThat(l).contains("\"status\":\"NXDOMAIN\""));
  }

  @Test
  void aKeyPrefixKeepsFleetsApartInOneRedis() {
    trace("--redis", redis.uri(), "--redis-prefix", "blue:");

    CliRun green = trace("--redis", redis.uri(), "--redis-prefix", "green:");

    assertThat(green.out()).doesNotContain("A www.shop.com. (authoritative answer, ");
  }

  @Test
  void aRedisThatIsNotThereCostsOneLineOfTheTrace() throws Exception {
    redis.kill();

    CliRun run = trace("--redis", redis.uri());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("192.0.2.80").contains("unavailable");
  }

  @Test
  void aUriThatIsNotRedisIsAUsageError() {
    CliRun run = trace("--redis", "http://cache.internal:6379");

    assertThat(run.exit()).isEqualTo(64);
    assertThat(run.errorLine())
        .isEqualTo(
            "rootwalk: --redis needs a redis:// or rediss:// URI, not http://cache.internal:6379");
  }
}
