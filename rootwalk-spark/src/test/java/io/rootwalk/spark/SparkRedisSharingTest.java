package io.rootwalk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the demo hierarchy, a real redis-server and a Spark session in local mode, when the bulk
 * job runs with {@code --redis}, stops (its executors' resolvers closed, as when a job ends), and
 * runs again over the same names, then the second job's resolvers answer every name from what the
 * first wrote to Redis: no upstream query in any row.
 */
class SparkRedisSharingTest {

  private static DnsLab lab;
  private static SparkSession spark;
  private static RedisServer redis;
  @TempDir static Path temp;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
    lab = DnsLab.start(DemoWorld.world());
    spark = LocalSpark.start("SparkRedisSharingTest", temp);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    ExecutorResolvers.closeAll();
    if (lab != null) {
      lab.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aSecondJobAnswersEveryNameFromWhatTheFirstWroteToRedis() throws Exception {
    Path hints = lab.rootHintsFile();
    BulkJobConfig config =
        BulkJobConfig.of(Files.readString(hints, StandardCharsets.US_ASCII), hints.toString())
            .withUpstreamPort(lab.port())
            .withRedis(redis.uri(), "spark-test:");
    List<String> names =
        List.of("www.example.com", "www.shop.com", "blog.example.com", "nope.example.com");
    Dataset<Row> input = spark.createDataset(names, Encoders.STRING()).toDF("name").repartition(2);

    List<Row> first = BulkResolution.resolve(input, config).collectAsList();
    ExecutorResolvers.closeAll(); // the job ends: its resolvers write what is queued and stop
    List<Row> second = BulkResolution.resolve(input, config).collectAsList();

    assertThat(first)
        .hasSize(4)
        .anySatisfy(r -> assertThat(r.<Integer>getAs("upstream_queries")).isPositive());
    assertThat(second)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.<Integer>getAs("upstream_queries")).isZero())
        .extracting(r -> r.<String>getAs("status"))
        .containsExactlyInAnyOrder("NOERROR", "NOERROR", "NOERROR", "NXDOMAIN");
  }
}
