package io.rootwalk.cli;

import io.rootwalk.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a {@code bulk} run has done so far: lines started and lines written, by status. Read by the
 * progress line while the run goes on, so every count is atomic; it costs the run one increment per
 * line.
 */
final class BulkTally {

  /** An output line's status: a resolution's, or INVALID for an input line that asks nothing. */
  enum LineStatus {
    NOERROR,
    NXDOMAIN,
    NODATA,
    YXDOMAIN,
    SERVFAIL,
    INVALID;

    static LineStatus of(Status status) {
      return valueOf(status.name());
    }
  }

  /**
   * One output line, ready to write.
   *
   * @param json the JSON object on one line, without the line break
   * @param status its status, for the tally
   */
  record Line(String json, LineStatus status) {}

  private final AtomicLong started = new AtomicLong();
  private final AtomicLongArray written = new AtomicLongArray(LineStatus.values().length);

  /** An input line was taken up: a lookup started, or an INVALID line made. */
  void started() {
    started.incrementAndGet();
  }

  /** A line of {@code status} was written. */
  void lineWritten(LineStatus status) {
    written.incrementAndGet(status.ordinal());
  }

  /** Lines written so far. */
  long written() {
    long sum = 0;
    for (int i = 0; i < written.length(); i++) {
      sum += written.get(i);
    }
    return sum;
  }

  /** Lines written so far with {@code status}. */
  long written(LineStatus status) {
    return written.get(status.ordinal());
  }

  /** The progress line: {@code bulk: 1200 done, 256 in flight, 3125 names/s}. */
  String progress(Duration elapsed) {
    long done = written();
    return String.format(
        Locale.ROOT,
        "bulk: %d done, %d in flight, %.0f names/s",
        done,
        Math.max(0, started.get() - done),
        rate(done, elapsed));
  }

  /**
   * The last line: {@code bulk: 10000 names in 3.2 s, 3125 names/s (NOERROR 9000, NXDOMAIN 800)},
   * the statuses that occurred in a fixed order.
   */
  String summary(Duration elapsed) {
    long done = written();
    StringJoiner statuses = new StringJoiner(", ", " (", ")").setEmptyValue("");
    for (LineStatus s : LineStatus.values()) {
      long n = written(s);
      if (n > 0) {
        statuses.add(s.name() + " " + n);
      }
    }
    return String.format(
        Locale.ROOT,
        "bulk: %d names in %.1f s, %.0f names/s%s",
        done,
        elapsed.toNanos() / 1e9,
        rate(done, elapsed),
        statuses);
  }

  private static double rate(long names, Duration elapsed) {
    long nanos = elapsed.toNanos();
    return nanos <= 0 ? 0 : names * 1e9 / nanos;
  }
}
