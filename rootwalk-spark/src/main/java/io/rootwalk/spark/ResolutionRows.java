package io.rootwalk.spark;

import io.rootwalk.Failure;
import io.rootwalk.Resolution;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The rows {@link BulkResolution} writes, one per name asked: the fields of {@code rootwalk bulk}'s
 * JSON lines (name, type, status, rcode, answers, failure, upstreamQueries, elapsedMs), flattened
 * into columns with SQL names. The trace is left out: it is large, and a row says enough to pick
 * the names worth tracing again.
 */
public final class ResolutionRows {

  /** The status of a row whose name or type could not be asked, so no lookup ran. */
  public static final String INVALID = "INVALID";

  /**
   * The output schema: {@code name} as asked; {@code type} the type's mnemonic (as given, for
   * INVALID); {@code status} a {@code io.rootwalk.Status} name or {@value #INVALID}; {@code rcode}
   * the mnemonic a stub would see (null for INVALID); {@code answers} the answer records in
   * presentation format, alias chain first; {@code failure_reason} a {@code FailureReason} name for
   * SERVFAIL (null otherwise); {@code failure_detail} why it failed, for SERVFAIL and INVALID (null
   * otherwise); {@code upstream_queries} the queries sent; {@code elapsed_ms} the lookup's time.
   */
  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("type", DataTypes.StringType, false),
            DataTypes.createStructField("status", DataTypes.StringType, false),
            DataTypes.createStructField("rcode", DataTypes.StringType, true),
            DataTypes.createStructField(
                "answers", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("failure_reason", DataTypes.StringType, true),
            DataTypes.createStructField("failure_detail", DataTypes.StringType, true),
            DataTypes.createStructField("upstream_queries", DataTypes.IntegerType, false),
            DataTypes.createStructField("elapsed_ms", DataTypes.DoubleType, false)
          });

  private ResolutionRows() {}

  /**
   * The row for a finished lookup.
   *
   * @param name the name as it was asked, so the row joins back to its input
   * @param r the resolution
   * @return the row, in {@link #SCHEMA}'s order
   */
  public static Row of(String name, Resolution r) {
    List<String> answers = new ArrayList<>(r.answers().size());
    for (Record record : r.answers()) {
      answers.add(record.toString());
    }
    @Nullable String reason = null;
    @Nullable String detail = null;
    if (r.failure().isPresent()) {
      Failure failure = r.failure().get();
      reason = failure.reason().name();
      detail = failure.detail();
    }
    return RowFactory.create(
        name,
        Type.string(r.question().type()),
        r.status().name(),
        r.rcodeName(),
        answers.toArray(new String[0]),
        reason,
        detail,
        r.trace().upstreamQueries(),
        r.trace().elapsed().toNanos() / 1e6);
  }

  /**
   * The row for a name or type that cannot be asked: no query was sent.
   *
   * @param name the name as given, null when the input's was
   * @param type the type as given
   * @param why what is wrong with them
   * @return the row, in {@link #SCHEMA}'s order
   */
  public static Row invalid(@Nullable String name, String type, String why) {
    return RowFactory.create(name, type, INVALID, null, new String[0], null, why, 0, 0.0);
  }
}
