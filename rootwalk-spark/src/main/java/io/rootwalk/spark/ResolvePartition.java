package io.rootwalk.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The function every task runs on its partition: the input rows' {@code name} and {@code type}
 * resolved through this executor's shared resolver, {@link BulkJobConfig#concurrency()} at a time.
 * Serialized to the executors with the configuration as its only state.
 */
final class ResolvePartition implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final BulkJobConfig config;

  /**
   * A function for rows of two string columns, the name and the type (null for A).
   *
   * @param config the job's configuration
   */
  ResolvePartition(BulkJobConfig config) {
    this.config = config;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      // An empty partition builds no resolver: an executor that only ever gets empty ones needs
      // none.
      return Collections.emptyIterator();
    }
    Iterator<LookupWindow.Ask> asks =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public LookupWindow.Ask next() {
            return ask(rows.next());
          }
        };
    return new LookupWindow(asks, ExecutorResolvers.forConfig(config), config.concurrency());
  }

  private LookupWindow.Ask ask(Row row) {
    String name = row.isNullAt(0) ? null : row.getString(0);
    String type = row.isNullAt(1) ? "A" : row.getString(1).trim().toUpperCase(Locale.ROOT);
    return new LookupWindow.Ask(name, type.isEmpty() ? "A" : type);
  }
}
