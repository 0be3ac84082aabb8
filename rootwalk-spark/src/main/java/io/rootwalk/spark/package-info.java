/**
 * Bulk resolution as a Spark job: {@link io.rootwalk.spark.BulkResolution#resolve} turns a
 * DataFrame of names into a DataFrame of resolutions, and {@link io.rootwalk.spark.BulkResolveJob}
 * runs it from {@code spark-submit}, names from a text file in, Parquet out. Each executor JVM
 * builds one {@code Resolver} from the job's {@link io.rootwalk.spark.BulkJobConfig}, shared by
 * every partition that runs there ({@link io.rootwalk.spark.ExecutorResolvers}).
 */
@NullMarked
package io.rootwalk.spark;

import org.jspecify.annotations.NullMarked;
