package io.rootwalk.server;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.util.concurrent.CountDownLatch;

/**
 * The demo hierarchy in a process of its own, for probing {@code rootwalk serve} by hand with
 * dnsperf (not a test: nothing here is timed by the build). Prints the two flags {@code serve}
 * needs, then runs until killed:
 *
 * <pre>{@code
 * java -cp rootwalk-cli/target/rootwalk.jar:rootwalk-server/target/test-classes \
 *     io.rootwalk.server.ProbeLab
 * --root-hints /tmp/dnslab-40123-....root --upstream-port 40123
 * }</pre>
 */
final class ProbeLab {

  private ProbeLab() {}

  public static void main(String[] args) throws InterruptedException {
    DnsLab lab = DnsLab.start(DemoWorld.world());
    Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "probe-lab-shutdown"));
    System.out.println("--root-hints " + lab.rootHintsFile() + " --upstream-port " + lab.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
