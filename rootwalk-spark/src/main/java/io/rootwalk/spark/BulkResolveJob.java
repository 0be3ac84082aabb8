package io.rootwalk.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark-submit} entry point: reads names from a text file, resolves them on the cluster
 * and writes the rows of {@link ResolutionRows#SCHEMA} as Parquet. The options are {@link
 * BulkJobArguments}'s.
 *
 * <pre>
 * spark-submit --class io.rootwalk.spark.BulkResolveJob \
 *   rootwalk-spark/target/rootwalk-spark-0.1.0-SNAPSHOT-job.jar \
 *   --in names.txt --out results.parquet --root-hints named.root
 * </pre>
 */
public final class BulkResolveJob {

  private BulkResolveJob() {}

  /**
   * Runs the job in the session {@code spark-submit} sets up, then stops it.
   *
   * @param args {@link BulkJobArguments}'s options
   */
  public static void main(String[] args) {
    BulkJobArguments arguments = BulkJobArguments.parse(args);
    SparkSession spark = SparkSession.builder().appName("rootwalk bulk resolution").getOrCreate();
    try {
      run(spark, arguments);
    } finally {
      spark.stop();
    }
  }

  /**
   * Resolves {@code arguments.in()} into {@code arguments.out()} in {@code spark}.
   *
   * @param spark the session
   * @param arguments what to read, where to write and how to resolve
   * @return how many rows were written, one per name read
   */
  public static long run(SparkSession spark, BulkJobArguments arguments) {
    Dataset<Row> names = BulkResolution.readNames(spark, arguments.in());
    if (arguments.partitions() > 0) {
      names = names.repartition(arguments.partitions());
    }
    Dataset<Row> results = BulkResolution.resolve(names, arguments.config());
    // Written once, read back for the count: resolving twice would send every query twice.
    results.write().mode(SaveMode.ErrorIfExists).parquet(arguments.out());
    return spark.read().parquet(arguments.out()).count();
  }
}
