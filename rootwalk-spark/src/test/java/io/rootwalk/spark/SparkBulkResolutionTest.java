package io.rootwalk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the demo hierarchy running on 127.53.x.y and a Spark session in local mode (two task
 * threads, one JVM), the bulk job resolves names in several partitions through one shared resolver
 * and writes what each lookup found as Parquet: answers, NXDOMAIN, NODATA, SERVFAIL with its
 * reason, and INVALID rows for what cannot be asked. Every query goes to the lab: its hints and
 * port are given explicitly, never the real root's.
 */
class SparkBulkResolutionTest {

  private static DnsLab lab;
  private static SparkSession spark;
  @TempDir static Path temp;

  @BeforeAll
  static void start() {
    lab = DnsLab.start(DemoWorld.world());
    spark = LocalSpark.start("SparkBulkResolutionTest", temp);
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
  }

  @BeforeEach
  void freshResolvers() {
    // Each test counts the resolvers its job builds from nothing.
    ExecutorResolvers.closeAll();
  }

  private static BulkJobConfig labConfig() throws Exception {
    Path hints = lab.rootHintsFile();
    return BulkJobConfig.of(Files.readString(hints, StandardCharsets.US_ASCII), hints.toString())
        .withUpstreamPort(lab.port())
        .withConcurrency(3);
  }

  @Test
  void fourPartitionsShareOneResolverAndEveryOutcomeIsARow() throws Exception {
    StructType schema =
        new StructType()
            .add("name", DataTypes.StringType)
            .add("type", DataTypes.StringType)
            .add("note", DataTypes.StringType);
    List<Row> input =
        List.of(
            RowFactory.create("www.example.com", "A", "answer"),
            RowFactory.create("example.com", null, "no type: A"),
            RowFactory.create("blog.example.com", "a", "CNAME to another zone"),
            RowFactory.create("www.shop.com.", "A", "name servers chased"),
            RowFactory.create("nope.example.com", "A", "NXDOMAIN"),
            RowFactory.create("www.example.com", "AAAA", "NODATA"),
            RowFactory.create("www.dead.com", "A", "every server refuses"),
            RowFactory.create("bad..example.com", "A", "empty label"),
            RowFactory.create("mail.example.com", "NOTATYPE", "unknown type"),
            RowFactory.create("mail.example.com", "MX", "NODATA again"));
    Dataset<Row> names = spark.createDataFrame(input, schema).repartition(4);
    assertThat(names.rdd().getNumPartitions()).isEqualTo(4);
    int builtBefore = ExecutorResolvers.built();
    int handedOutBefore = ExecutorResolvers.handedOut();

    String out = temp.resolve("outcomes.parquet").toString();
    BulkResolution.resolve(names, labConfig()).write().parquet(out);
    Dataset<Row> read = spark.read().parquet(out);

    assertThat(read.columns())
        .containsExactly(
            "name",
            "type",
            "status",
            "rcode",
            "answers",
            "failure_reason",
            "failure_detail",
            "upstream_queries",
            "elapsed_ms");
    Map<String, Row> rows = byNameAndType(read.collectAsList());
    assertThat(rows).hasSize(input.size());

    Row www = rows.get("www.example.com A");
    assertThat(www.<String>getAs("status")).isEqualTo("NOERROR");
    assertThat(www.<String>getAs("rcode")).isEqualTo("NOERROR");
    assertThat(answers(www))
        .singleElement()
        .satisfies(a -> assertRecord(a, "www.example.com.", "A", "93.184.216.34"));
    assertThat(www.<Integer>getAs("upstream_queries")).isPositive();
    assertThat(www.isNullAt(www.fieldIndex("failure_reason"))).isTrue();
    assertThat(www.isNullAt(www.fieldIndex("failure_detail"))).isTrue();

    Row apex = rows.get("example.com A");
    assertThat(apex.<String>getAs("status")).isEqualTo("NOERROR");
    assertThat(answers(apex))
        .singleElement()
        .satisfies(a -> assertRecord(a, "example.com.", "A", "93.184.216.34"));

    Row blog = rows.get("blog.example.com A");
    assertThat(blog.<String>getAs("status")).isEqualTo("NOERROR");
    assertThat(answers(blog)).hasSize(2);
    assertRecord(answers(blog).get(0), "blog.example.com.", "CNAME", "example.tumblr.com.");
    assertRecord(answers(blog).get(1), "example.tumblr.com.", "A", "192.0.2.30");

    Row shop = rows.get("www.shop.com. A");
    assertThat(shop.<String>getAs("status")).isEqualTo("NOERROR");
    assertThat(answers(shop))
        .singleElement()
        .satisfies(a -> assertRecord(a, "www.shop.com.", "A", "192.0.2.80"));

    Row nope = rows.get("nope.example.com A");
    assertThat(nope.<String>getAs("status")).isEqualTo("NXDOMAIN");
    assertThat(nope.<String>getAs("rcode")).isEqualTo("NXDOMAIN");
    assertThat(answers(nope)).isEmpty();

    for (String nodata : List.of("www.example.com AAAA", "mail.example.com MX")) {
      Row row = rows.get(nodata);
      assertThat(row.<String>getAs("status")).as(nodata).isEqualTo("NODATA");
      assertThat(row.<String>getAs("rcode")).as(nodata).isEqualTo("NOERROR");
      assertThat(answers(row)).as(nodata).isEmpty();
    }

    Row dead = rows.get("www.dead.com A");
    assertThat(dead.<String>getAs("status")).isEqualTo("SERVFAIL");
    assertThat(dead.<String>getAs("rcode")).isEqualTo("SERVFAIL");
    assertThat(dead.<String>getAs("failure_reason")).isEqualTo("ALL_SERVERS_LAME");
    assertThat(dead.<String>getAs("failure_detail")).contains("dead.com");

    Row badName = rows.get("bad..example.com A");
    assertThat(badName.<String>getAs("status")).isEqualTo("INVALID");
    assertThat(badName.isNullAt(badName.fieldIndex("rcode"))).isTrue();
    assertThat(badName.<String>getAs("failure_detail")).isNotBlank();
    assertThat(badName.<Integer>getAs("upstream_queries")).isZero();
    Row badType = rows.get("mail.example.com NOTATYPE");
    assertThat(badType.<String>getAs("status")).isEqualTo("INVALID");
    assertThat(badType.<String>getAs("failure_detail")).isNotBlank();

    // One resolver for the JVM, however many partitions asked for it.
    assertThat(ExecutorResolvers.handedOut() - handedOutBefore)
        .as("partitions that resolved names")
        .isGreaterThan(1);
    assertThat(ExecutorResolvers.built() - builtBefore).as("resolvers built").isEqualTo(1);
  }

  @Test
  void theJobReadsATextFileOfNamesAndWritesParquetForSparkSubmit() throws Exception {
    Path in = temp.resolve("names.txt");
    Files.writeString(
        in,
        "# names for the bulk job\n"
            + "www.example.com\n"
            + "\n"
            + "  example.com   AAAA  \n"
            + "nope.example.com\n"
            + "www.shop.com A\n",
        StandardCharsets.US_ASCII);
    String out = temp.resolve("job.parquet").toString();
    BulkJobArguments arguments =
        BulkJobArguments.parse(
            "--in",
            in.toString(),
            "--out",
            out,
            "--root-hints",
            lab.rootHintsFile().toString(),
            "--upstream-port",
            Integer.toString(lab.port()),
            "--concurrency",
            "2",
            "--partitions",
            "3");
    assertThat(arguments.config().concurrency()).isEqualTo(2);

    long written = BulkResolveJob.run(spark, arguments);

    assertThat(written).isEqualTo(4);
    Map<String, Row> rows = byNameAndType(spark.read().parquet(out).collectAsList());
    assertThat(rows.keySet())
        .containsExactlyInAnyOrder(
            "www.example.com A", "example.com AAAA", "nope.example.com A", "www.shop.com A");
    assertRecord(
        answers(rows.get("example.com AAAA")).get(0),
        "example.com.",
        "AAAA",
        "2606:2800:220:1:248:1893:25c8:1946");
    assertThat(rows.get("nope.example.com A").<String>getAs("status")).isEqualTo("NXDOMAIN");
    assertRecord(answers(rows.get("www.shop.com A")).get(0), "www.shop.com.", "A", "192.0.2.80");
    assertThat(ExecutorResolvers.built()).isPositive();
  }

  private static Map<String, Row> byNameAndType(List<Row> rows) {
    Map<String, Row> byKey = new HashMap<>();
    for (Row row : rows) {
      String key = row.<String>getAs("name") + " " + row.<String>getAs("type");
      assertThat(byKey.put(key, row)).as("one row for %s", key).isNull();
    }
    return byKey;
  }

  private static List<String> answers(Row row) {
    return row.getList(row.fieldIndex("answers"));
  }

  /** A record in presentation format: owner, a TTL that has counted down from the zone's, data. */
  private static void assertRecord(String record, String owner, String type, String data) {
    String[] fields = record.trim().split("\\s+");
    assertThat(fields).as(record).hasSize(5);
    assertThat(fields[0]).as(record).isEqualTo(owner);
    assertThat(fields[1]).as(record).containsOnlyDigits();
    assertThat(fields[2]).as(record).isEqualTo("IN");
    assertThat(fields[3]).as(record).isEqualTo(type);
    assertThat(fields[4]).as(record).isEqualTo(data);
  }
}
