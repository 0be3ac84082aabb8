package io.rootwalk.benchmarks;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.minidns.cache.LruCache;
import org.minidns.dnsmessage.DnsMessage;
import org.minidns.dnsqueryresult.DnsQueryResult;
import org.minidns.iterative.IterativeDnsClient;
import org.minidns.record.Record;
import org.xbill.DNS.Type;

/**
 * One way of resolving a name set cold: each {@link #run} builds a fresh resolver (an empty cache)
 * against the local hierarchy, resolves every name once and closes it.
 */
sealed interface ColdClient {

  /** How long a pass may take before the names still unresolved are counted as unfinished. */
  Duration PASS_LIMIT = Duration.ofMinutes(3);

  String label();

  ColdRun run(LocalHierarchy hierarchy, List<String> names) throws InterruptedException;

  /** Rootwalk's {@code lookupAsync}, {@code inFlight} lookups outstanding at any time. */
  record RootwalkAsync(int inFlight) implements ColdClient {
    @Override
    public String label() {
      return "rootwalk lookupAsync x" + inFlight;
    }

    @Override
    public ColdRun run(LocalHierarchy hierarchy, List<String> names) throws InterruptedException {
      Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
      Semaphore slots = new Semaphore(inFlight);
      CountDownLatch done = new CountDownLatch(names.size());
      try (Resolver resolver = hierarchy.rootwalk().build()) {
        long start = System.nanoTime();
        for (String name : names) {
          slots.acquire();
          resolver
              .lookupAsync(name, Type.A)
              .whenComplete(
                  (r, e) -> {
                    count(outcomes, e != null ? e.getClass().getSimpleName() : outcome(r));
                    slots.release();
                    done.countDown();
                  });
        }
        boolean all = done.await(PASS_LIMIT.toSeconds(), TimeUnit.SECONDS);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (!all) {
          count(outcomes, "unfinished", done.getCount());
        }
        return new ColdRun(label(), names.size(), totals(outcomes), wall);
      }
    }
  }

  /** Rootwalk's blocking {@code lookup}, from {@code threads} threads. */
  record RootwalkBlocking(int threads) implements ColdClient {
    @Override
    public String label() {
      return "rootwalk lookup " + threads + "T";
    }

    @Override
    public ColdRun run(LocalHierarchy hierarchy, List<String> names) throws InterruptedException {
      try (Resolver resolver = hierarchy.rootwalk().build()) {
        return fromThreads(label(), names, threads, name -> outcome(resolver.lookup(name, Type.A)));
      }
    }
  }

  /**
   * MiniDNS's {@link IterativeDnsClient} (blocking only) from {@code threads} threads, with its
   * IANA root addresses mapped to the local root by {@link LoopbackRootDataSource}.
   */
  record MiniDnsBlocking(int threads) implements ColdClient {
    @Override
    public String label() {
      return "minidns iterative " + threads + "T";
    }

    @Override
    public ColdRun run(LocalHierarchy hierarchy, List<String> names) throws InterruptedException {
      // Its own cache: the no-argument constructor shares one static cache across clients.
      IterativeDnsClient client = new IterativeDnsClient(new LruCache(200_000));
      LoopbackRootDataSource source = new LoopbackRootDataSource(hierarchy.localRoot());
      client.setDataSource(source);
      ColdRun run =
          fromThreads(
              label(),
              names,
              threads,
              name -> {
                try {
                  return outcome(client.query(name, Record.TYPE.A));
                } catch (java.io.IOException | RuntimeException e) {
                  return e.getClass().getSimpleName();
                }
              });
      if (source.refused() != 0) {
        throw new IllegalStateException(
            "MiniDNS tried " + source.refused() + " destinations outside 127.0.0.0/8");
      }
      return run;
    }

    private static String outcome(DnsQueryResult result) {
      DnsMessage response = result.response;
      if (response.responseCode != DnsMessage.RESPONSE_CODE.NO_ERROR) {
        return response.responseCode.name();
      }
      boolean address = response.answerSection.stream().anyMatch(r -> r.type == Record.TYPE.A);
      return address ? "NOERROR" : "NOERROR without A";
    }
  }

  /** {@code NOERROR} for an answer with an address, else the status and the failure reason. */
  static String outcome(Resolution r) {
    if (r.status() == Status.NOERROR) {
      return r.addresses().isEmpty() ? "NOERROR without A" : "NOERROR";
    }
    return r.failure().map(f -> r.status() + " " + f.reason()).orElse(r.status().name());
  }

  private static ColdRun fromThreads(
      String label, List<String> names, int threads, java.util.function.Function<String, String> f)
      throws InterruptedException {
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    Thread[] workers = new Thread[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < names.size(); i = next.getAndIncrement()) {
                  count(outcomes, f.apply(names.get(i)));
                }
              },
              "cold-" + t);
      workers[t].start();
    }
    long deadline = start + PASS_LIMIT.toNanos();
    for (Thread w : workers) {
      w.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    long finished = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    if (finished < names.size()) {
      // Daemon-less stragglers would keep the JVM up: the caller exits with System.exit.
      count(outcomes, "unfinished", names.size() - finished);
    }
    return new ColdRun(label, names.size(), totals(outcomes), wall);
  }

  private static void count(Map<String, LongAdder> outcomes, String outcome) {
    count(outcomes, outcome, 1);
  }

  private static void count(Map<String, LongAdder> outcomes, String outcome, long n) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).add(n);
  }

  private static Map<String, Long> totals(Map<String, LongAdder> outcomes) {
    Map<String, Long> out = new java.util.HashMap<>();
    outcomes.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
