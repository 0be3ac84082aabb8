package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, run headless to screenshot a file, with a timeout: a browser that hangs is
 * killed with its children and fails the test instead of the build. Without chromium the browser
 * tests are skipped, except on CI ({@code CI=true}), where a missing browser must not pass unseen.
 */
final class HeadlessChromium {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final int WIDTH = 1200;
  static final int HEIGHT = 900;
  private static final long TIMEOUT_SECONDS = 90;

  private HeadlessChromium() {}

  /** Skips the test when chromium is missing, or fails it on CI. */
  static void assumeInstalled() {
    if (!Files.isExecutable(CHROMIUM) && "true".equals(System.getenv("CI"))) {
      fail(
          CHROMIUM
              + " is missing, and CI=true: install it (apt-get install --no-install-recommends"
              + " chromium) for the browser tests to run");
    }
    assumeThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " is installed").isTrue();
  }

  /**
   * Opens {@code page} and saves what the window shows as a PNG in {@code work}.
   *
   * @return the screenshot's path; the file may be missing if chromium failed
   */
  static Path screenshot(Path page, Path work) throws Exception {
    Path profile = Files.createTempDirectory(work, "profile");
    Path png = work.resolve(page.getFileName() + ".png");
    Path log = work.resolve(page.getFileName() + ".chromium.log");
    List<String> command =
        List.of(
            CHROMIUM.toString(),
            "--headless",
            "--no-sandbox", // CI runs as root, where chromium's sandbox refuses to start
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--screenshot=" + png,
            "--window-size=" + WIDTH + "," + HEIGHT,
            page.toUri().toString());
    Process chromium =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      chromium.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(finished)
        .as("chromium finished within %d s; its log: %s", TIMEOUT_SECONDS, log)
        .isTrue();
    return png;
  }
}
