package io.rootwalk.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code bulk}'s progress line on a terminal's stderr, redrawn in place ({@code \r}) five times a
 * second by a thread of its own, so the run never waits for the terminal. Off when stderr is not a
 * terminal: a log file would fill with redraws.
 */
final class BulkProgress implements AutoCloseable {

  private static final long EVERY_MILLIS = 200;

  private final PrintWriter err;
  private final @Nullable ScheduledExecutorService timer;
  private int width;

  private BulkProgress(PrintWriter err, @Nullable ScheduledExecutorService timer) {
    this.err = err;
    this.timer = timer;
  }

  /**
   * Starts redrawing {@code tally}'s progress on {@code err} when {@code terminal}; otherwise does
   * nothing.
   *
   * @param elapsed the time since the run started
   */
  static BulkProgress start(
      boolean terminal, PrintWriter err, BulkTally tally, Supplier<Duration> elapsed) {
    if (!terminal) {
      return new BulkProgress(err, null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "rootwalk-bulk-progress");
              t.setDaemon(true); // never what keeps the JVM alive
              return t;
            });
    BulkProgress progress = new BulkProgress(err, timer);
    timer.scheduleAtFixedRate(
        () -> progress.draw(tally.progress(elapsed.get())),
        EVERY_MILLIS,
        EVERY_MILLIS,
        TimeUnit.MILLISECONDS);
    return progress;
  }

  /**
   * Whether the progress line belongs on stderr: when the JVM has a console. Since JDK 22 {@code
   * System.console()} returns one even when the streams are redirected, and {@code isTerminal()}
   * (not in Java 17, hence by reflection) says whether it is a terminal.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console is only there on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private synchronized void draw(String line) {
    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }

  /** Stops redrawing and blanks the line, so the summary printed next starts on a clean one. */
  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (width > 0) {
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
      }
    }
  }
}
