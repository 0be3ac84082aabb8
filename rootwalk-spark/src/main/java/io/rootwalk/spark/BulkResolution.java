package io.rootwalk.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Bulk resolution on Spark: names in, one row of {@link ResolutionRows#SCHEMA} per name out, with
 * the partitioning of the input. Each task resolves its partition through its executor's shared
 * resolver ({@link ExecutorResolvers}), with at most {@link BulkJobConfig#concurrency()} lookups in
 * flight.
 *
 * <pre>{@code
 * Dataset<Row> names = BulkResolution.readNames(spark, "names.txt");
 * BulkResolution.resolve(names, BulkJobConfig.of(hintsText, "named.root"))
 *     .write().parquet("results.parquet");
 * }</pre>
 */
public final class BulkResolution {

  private BulkResolution() {}

  /**
   * Resolves every row of {@code names}. The work happens when the result is written or collected,
   * as with any Spark transformation; write it once (or cache it), or every action resolves again.
   *
   * @param names rows with a column {@code "name"} and, optionally, a column {@code "type"} (a
   *     mnemonic such as {@code "AAAA"}; null or missing means A); other columns are dropped
   * @param config what each executor builds its resolver from
   * @return the resolutions, one per input row; a name or type that cannot be asked is a row with
   *     status {@value ResolutionRows#INVALID}, never a failed task
   * @throws IllegalArgumentException if {@code names} has no column {@code "name"}
   */
  public static Dataset<Row> resolve(Dataset<Row> names, BulkJobConfig config) {
    boolean hasName = Arrays.asList(names.columns()).contains("name");
    if (!hasName) {
      throw new IllegalArgumentException(
          "the names need a column called name; the columns are "
              + Arrays.toString(names.columns()));
    }
    boolean hasType = Arrays.asList(names.columns()).contains("type");
    Column type = hasType ? col("type") : lit(null);
    return names
        .select(
            col("name").cast(DataTypes.StringType).as("name"),
            type.cast(DataTypes.StringType).as("type"))
        .mapPartitions(new ResolvePartition(config), Encoders.row(ResolutionRows.SCHEMA));
  }

  /**
   * Reads a text file of names, one a line, optionally followed by white space and a type, as in
   * {@code www.example.com AAAA}; blank lines and lines starting with {@code #} are skipped.
   *
   * @param spark the session
   * @param path the file or directory, in any file system Spark reads
   * @return rows of {@code name} and {@code type} (null where the line gives none)
   */
  public static Dataset<Row> readNames(SparkSession spark, String path) {
    Column line = trim(col("value"));
    Column words = split(line, "\\s+");
    return spark
        .read()
        .text(path)
        .where(line.notEqual(lit("")).and(not(line.startsWith("#"))))
        .select(get(words, lit(0)).as("name"), get(words, lit(1)).as("type"));
  }
}
