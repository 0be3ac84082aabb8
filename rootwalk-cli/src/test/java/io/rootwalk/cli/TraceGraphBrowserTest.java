package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SVG of a real walk, opened in a real browser: chromium must draw a picture, with the lame
 * servers red. The same check must reject a broken SVG and an empty one, so it is known to fail
 * when the picture is wrong.
 */
class TraceGraphBrowserTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @TempDir Path dir;

  @BeforeEach
  void chromium() {
    HeadlessChromium.assumeInstalled();
  }

  @Test
  void chromiumDrawsTheWalkToAnAllLameZoneWithTheLameServersRed() throws Exception {
    // dead.com.: both of its servers REFUSE, so the walk ends SERVFAIL after two red servers.
    Path svg = dir.resolve("dead.svg");
    DnsLab dnsLab = lab.get();
    CliRun run =
        CliRun.of(
            "trace",
            "www.dead.com",
            "--graph",
            svg.toString(),
            "--root-hints",
            dnsLab.rootHintsFile().toString(),
            "--upstream-port",
            String.valueOf(dnsLab.port()));
    assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.out()).contains("lame: REFUSED");

    Path png = HeadlessChromium.screenshot(svg, dir);

    assertThat(Screenshot.problem(png, true)).isEmpty();
  }

  @Test
  void aTruncatedSvgIsRejectedThoughChromiumDrawsItsRedBoxes() throws Exception {
    Path good = dir.resolve("dead.svg");
    DnsLab dnsLab = lab.get();
    CliRun.of(
        "trace",
        "www.dead.com",
        "--graph",
        good.toString(),
        "--root-hints",
        dnsLab.rootHintsFile().toString(),
        "--upstream-port",
        String.valueOf(dnsLab.port()));
    String text = Files.readString(good);
    // Cut after the last red node: chromium shows the error box above a picture that has red.
    int cut = text.lastIndexOf("#c62828") + 20;
    Path broken = Files.writeString(dir.resolve("broken.svg"), text.substring(0, cut));

    Path png = HeadlessChromium.screenshot(broken, dir);

    assertThat(Screenshot.problem(png, true))
        .hasValueSatisfying(p -> assertThat(p).contains("XML error"));
  }

  @Test
  void anEmptyPictureIsRejectedAsBlank() throws Exception {
    Path empty =
        Files.writeString(
            dir.resolve("empty.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\"></svg>\n");

    Path png = HeadlessChromium.screenshot(empty, dir);

    assertThat(Screenshot.problem(png, false))
        .hasValueSatisfying(p -> assertThat(p).contains("one colour"));
  }
}
