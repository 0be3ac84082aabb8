package io.rootwalk.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Spark as the tests run it: local mode, two task threads, no UI, bound to loopback only. */
final class LocalSpark {

  private LocalSpark() {}

  static SparkSession start(String app, Path temp) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", temp.resolve("warehouse").toString())
        .getOrCreate();
  }
}
