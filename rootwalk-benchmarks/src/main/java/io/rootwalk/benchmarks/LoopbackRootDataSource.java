package io.rootwalk.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.minidns.AbstractDnsClient.IpVersionSetting;
import org.minidns.dnsmessage.DnsMessage;
import org.minidns.dnsqueryresult.DnsQueryResult;
import org.minidns.iterative.IterativeDnsClient;
import org.minidns.source.AbstractDnsDataSource;
import org.minidns.source.DnsDataSource;
import org.minidns.source.NetworkDataSource;

/**
 * MiniDNS's network data source, pointed at a local hierarchy: MiniDNS's iterative client starts
 * from the IANA root addresses compiled into it, and this sends every query meant for one of them
 * to the local root instead. Any other destination outside 127.0.0.0/8 is refused with an {@link
 * IOException} before a socket is opened, so a benchmark never sends a packet off the machine even
 * if a referral pointed elsewhere.
 */
final class LoopbackRootDataSource extends AbstractDnsDataSource {

  private final DnsDataSource network = new NetworkDataSource();
  private final Set<InetAddress> ianaRoots = new HashSet<>();
  private final InetAddress localRoot;
  private final AtomicLong refused = new AtomicLong();

  LoopbackRootDataSource(InetAddress localRoot) {
    if (!localRoot.isLoopbackAddress()) {
      throw new IllegalArgumentException(localRoot + " is not a loopback address");
    }
    this.localRoot = localRoot;
    for (char letter = 'a'; letter <= 'm'; letter++) {
      ianaRoots.addAll(IterativeDnsClient.getRootServer(letter, IpVersionSetting.v4v6));
    }
  }

  @Override
  public DnsQueryResult query(DnsMessage message, InetAddress address, int port)
      throws IOException {
    return network.query(message, destination(address), port);
  }

  /** Where a query MiniDNS addressed to {@code address} really goes. */
  InetAddress destination(InetAddress address) throws IOException {
    if (ianaRoots.contains(address)) {
      return localRoot;
    }
    if (address.isLoopbackAddress()) {
      return address;
    }
    refused.incrementAndGet();
    throw new IOException("refused: " + address + " is outside 127.0.0.0/8");
  }

  /** Destinations refused so far (0 unless the hierarchy pointed off the machine). */
  long refused() {
    return refused.get();
  }

  @Override
  public int getUdpPayloadSize() {
    return network.getUdpPayloadSize();
  }

  @Override
  public int getTimeout() {
    return network.getTimeout();
  }

  @Override
  public void setTimeout(int timeout) {
    network.setTimeout(timeout);
  }
}
