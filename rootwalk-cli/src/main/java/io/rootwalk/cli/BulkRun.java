package io.rootwalk.cli;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One {@code bulk} run: reads the input a line at a time, starts a lookup per line with at most
 * {@code concurrency} lines between being read and being written, and writes each line's JSON as
 * its lookup completes, from one writer thread.
 *
 * <p>Back-pressure is one semaphore: the reader takes a slot before it starts a line and the writer
 * gives it back once the line is written. So neither a slow resolver nor a slow reader of the
 * output (a pipe into {@code jq}) makes lines pile up in memory: the reader simply stops reading,
 * and memory stays the same for ten names or fifty million.
 */
final class BulkRun {

  /**
   * How long the writer waits for a line before it flushes what it has: output arrives within a
   * moment when lookups are slow, and in 64 KiB writes when they are fast.
   */
  private static final long IDLE_FLUSH_MILLIS = 100;

  /** Put last, after every line: compared by identity. */
  private static final BulkTally.Line END = new BulkTally.Line("", BulkTally.LineStatus.INVALID);

  private final Function<Question, CompletionStage<Resolution>> lookup;
  private final int concurrency;
  private final boolean withTrace;
  private final BulkTally tally;
  private final Semaphore slots;
  private final BlockingQueue<BulkTally.Line> toWrite = new LinkedBlockingQueue<>();

  /** The first write that failed; once set, nothing more is read or written. */
  private volatile @Nullable IOException writeFailure;

  /**
   * A run that starts lookups with {@code lookup}.
   *
   * @param lookup starts one lookup, e.g. {@code q -> resolver.lookupAsync(q, options)}
   * @param concurrency lines in flight at most: looked up, or waiting to be written
   * @param withTrace whether each line carries the lookup's trace
   * @param tally counts what is started and written
   */
  BulkRun(
      Function<Question, CompletionStage<Resolution>> lookup,
      int concurrency,
      boolean withTrace,
      BulkTally tally) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1 but was " + concurrency);
    }
    this.lookup = lookup;
    this.concurrency = concurrency;
    this.withTrace = withTrace;
    this.tally = tally;
    this.slots = new Semaphore(concurrency);
  }

  /**
   * Reads every line of {@code in} and returns once each one's line is written and flushed.
   *
   * @throws IOException if reading the input or writing the output failed: the message says which
   *     ({@code cannot write stdout: ...}); the lines started before it are finished first
   */
  void run(BulkInput in, BulkOutput out) throws IOException {
    Thread writer = new Thread(() -> writeAll(out), "rootwalk-bulk-writer");
    writer.start();
    Optional<IOException> readFailure = Optional.empty();
    try {
      readAll(in);
    } catch (IOException e) {
      readFailure = Optional.of(e);
    } finally {
      // Every slot back means every line started has been written (or dropped after a failure).
      slots.acquireUninterruptibly(concurrency);
      toWrite.add(END);
      joinUninterruptibly(writer);
    }
    IOException failed = writeFailure;
    if (failed != null) {
      throw new IOException("cannot write " + out.where() + ": " + BulkInput.message(failed));
    }
    if (readFailure.isPresent()) {
      throw new IOException(
          "cannot read " + in.where() + ": " + BulkInput.message(readFailure.get()));
    }
  }

  private void readAll(BulkInput in) throws IOException {
    String text;
    while (writeFailure == null && (text = in.readLine()) != null) {
      Optional<BulkLine> line =
          in.wasCut()
              ? Optional.of(BulkLine.tooLong(text, BulkInput.MAX_LINE))
              : BulkLine.parse(text);
      if (line.isPresent()) {
        slots.acquireUninterruptibly();
        tally.started();
        start(line.get());
      }
    }
  }

  private void start(BulkLine line) {
    if (line instanceof BulkLine.Invalid invalid) {
      toWrite.add(BulkJson.invalid(invalid));
      return;
    }
    Question q = ((BulkLine.Query) line).question();
    CompletionStage<Resolution> pending;
    try {
      pending = lookup.apply(q);
    } catch (RuntimeException e) { // a closed resolver, or a bug: the line is still owed
      toWrite.add(BulkJson.failed(q, e));
      return;
    }
    pending.whenComplete((r, e) -> toWrite.add(line(q, r, e)));
  }

  /** The line of a finished lookup; never throws, or the slot would never come back. */
  private BulkTally.Line line(Question q, @Nullable Resolution r, @Nullable Throwable e) {
    if (e != null || r == null) {
      return BulkJson.failed(q, e != null ? e : new IllegalStateException("no resolution"));
    }
    try {
      return BulkJson.of(r, withTrace);
    } catch (RuntimeException bug) {
      return BulkJson.failed(q, bug);
    }
  }

  /**
   * The writer thread: writes lines as they come until {@link #END}. After a failed write it goes
   * on taking lines (and giving their slots back) without writing them, so the reader can finish.
   * Nothing interrupts it; it must run to the end or the reader would wait for its slots forever.
   */
  private void writeAll(BulkOutput out) {
    boolean unflushed = false;
    while (true) {
      BulkTally.Line line;
      try {
        line = toWrite.poll(IDLE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // see above: there is no one to stop for
      }
      if (line == null) {
        if (unflushed) {
          unflushed = false;
          tryWrite(out, null);
        }
        continue;
      }
      if (line == END) {
        break;
      }
      if (writeFailure == null && tryWrite(out, line.json())) {
        unflushed = true;
        tally.lineWritten(line.status());
      }
      slots.release();
    }
    if (writeFailure == null) {
      tryWrite(out, null);
    }
  }

  /** Writes {@code json}, or flushes when null; false, with the failure kept, if it failed. */
  private boolean tryWrite(BulkOutput out, @Nullable String json) {
    try {
      if (json == null) {
        out.flush();
      } else {
        out.write(json);
      }
      return true;
    } catch (IOException e) {
      writeFailure = e;
      return false;
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
