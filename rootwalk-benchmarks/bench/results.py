#!/usr/bin/env python3
"""The comparison's figures: turns dnsperf and JMH output into rows of results.tsv
(system, round, metric, value; tab-separated) and results.tsv into the markdown tables.

  results.py dnsperf LOG SYSTEM ROUND CASE UPSTREAM   rows for one dnsperf run
  results.py jmh JSON                                 rows for a JMH result file
  results.py bulk SKIP SYSTEM ROUND CASE < JSONL      rows for `rootwalk bulk` output on stdin
  results.py table RESULTS_TSV                        the markdown tables
"""
import json
import math
import re
import statistics
import sys
from collections import defaultdict


def percentile(sorted_values, q):
    if not sorted_values:
        return math.nan
    i = min(len(sorted_values) - 1, max(0, math.ceil(q * len(sorted_values)) - 1))
    return sorted_values[i]


def dnsperf(log, system, rnd, case, upstream):
    text = open(log).read()

    def field(label):
        m = re.search(rf"^\s*{label}:\s+([0-9.]+)", text, re.M)
        return float(m.group(1)) if m else math.nan

    sent = int(field("Queries sent"))
    lost = int(field("Queries lost"))
    codes = dict(
        (c, int(n))
        for c, n in re.findall(r"([A-Z]+) (\d+) \(", (re.search(r"Response codes:(.*)", text) or [""])[0])
    )
    rows = [
        ("qps", f"{field('Queries per second'):.0f}"),
        ("sent", sent),
        ("lost", lost),
        ("answered", f"{codes.get('NOERROR', 0)}/{sent}"),
        ("rcodes", " ".join(f"{c}={n}" for c, n in sorted(codes.items())) + f" lost={lost}"),
        ("upstream", upstream),
        ("upstream/name", f"{int(upstream) / sent:.2f}" if sent else "nan"),
    ]
    # dnsperf -v: "> NOERROR www.z00001.tld1 A 0.000360" per answered query. A lost query
    # counts as slower than any answer, so p99 cannot hide losses.
    latencies = sorted(float(x) * 1000 for x in re.findall(r"^> \S+ \S+ \S+ ([0-9.]+)$", text, re.M))
    if latencies:
        latencies += [math.inf] * lost
        rows += [("p50 ms", f"{percentile(latencies, 0.50):.3f}"), ("p99 ms", f"{percentile(latencies, 0.99):.3f}")]
    for metric, value in rows:
        print(f"{system}\t{rnd}\t{case} {metric}\t{value}")


def bulk(skip, system, rnd, case):
    """Reads `rootwalk bulk` JSON lines as they arrive: how the lines after the first SKIP ended
    and, when SKIP > 0, their names/s from the SKIP-th line's arrival to the last's (with SKIP = 0
    the rate is the one bulk's own summary line gives)."""
    import time

    skip = int(skip)
    count, start, end = 0, None, None
    statuses = defaultdict(int)
    for line in sys.stdin:
        count += 1
        end = time.monotonic()
        if count == skip:
            start = end
        elif count > skip:
            statuses[json.loads(line)["status"]] += 1
    if skip > 0:
        rate = (count - skip) / (end - start) if start is not None and end > start else math.nan
        print(f"{system}\t{rnd}\t{case} names/s\t{rate:.0f}")
    print(f"{system}\t{rnd}\t{case} names\t{count}")
    print(f"{system}\t{rnd}\t{case} rcodes\t" + " ".join(f"{s}={n}" for s, n in sorted(statuses.items())))


def jmh(path):
    for run in json.load(open(path)):
        method = run["benchmark"].rsplit(".", 1)[1]
        params = ",".join(f"{k}={v}" for k, v in run.get("params", {}).items())
        system = f"jmh {method} {params}".strip()
        p = run["primaryMetric"]
        print(f"{system}\t1\tops/s\t{p['score']:.0f}")
        print(f"{system}\t1\tops/s error\t{p['scoreError']:.0f}")
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if alloc:
            print(f"{system}\t1\tB/op\t{alloc['score']:.0f}")
        print(f"{system}\t1\tthreads\t{run.get('threads', 1)}")


def load(path):
    data = defaultdict(lambda: defaultdict(list))  # system -> metric -> [values by round]
    rows = [line.rstrip("\n").split("\t") for line in open(path)]
    rows = [r for r in rows if len(r) == 4]
    for system, _rnd, metric, value in rows:
        data[system][metric].append(value)
    # CPU per query: the resolver's CPU seconds over the queries dnsperf sent in the same run.
    sent = {(s, r, m[: -len(" sent")]): v for s, r, m, v in rows if m.endswith(" sent")}
    for system, rnd, metric, value in rows:
        if metric.endswith(" cpu s"):
            case = metric[: -len(" cpu s")]
            n = num(sent.get((system, rnd, case), "nan"))
            if n > 0:
                data[system][f"{case} cpu µs/query"].append(str(num(value) * 1e6 / n))
    # bulk: upstream queries per name read, and a fresh JVM's names/s from bulk's own summary.
    names = {(s, r, m[: -len(" names")]): v for s, r, m, v in rows if m.startswith("bulk ") and m.endswith(" names")}
    timed = {(s, r, m[: -len(" names/s")]) for s, r, m, v in rows if m.startswith("bulk ") and m.endswith(" names/s")}
    for system, rnd, metric, value in rows:
        if metric.startswith("bulk ") and metric.endswith(" upstream"):
            case = metric[: -len(" upstream")]
            n = num(names.get((system, rnd, case), "nan"))
            if n > 0:
                data[system][f"{case} upstream/name"].append(str(num(value) / n))
        if metric.startswith("bulk ") and metric.endswith(" summary"):
            case = metric[: -len(" summary")]
            m = re.search(r" ([0-9]+) names/s", value)
            if m and (system, rnd, case) not in timed:
                data[system][f"{case} names/s"].append(m.group(1))
    return data


def num(v):
    try:
        return float(v)
    except ValueError:
        return math.nan


def fmt(x):
    if math.isnan(x):
        return "—"
    if math.isinf(x):
        return "lost"
    if x.is_integer():
        return f"{int(x):,}"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def spread(values):
    """Median over the rounds, and the range when the rounds differ."""
    xs = [num(v) for v in values]
    xs = [x for x in xs if not math.isnan(x)]
    if not xs:
        return math.nan, "—"
    med = statistics.median(xs)
    text = fmt(med)
    if len(xs) > 1 and min(xs) != max(xs):
        text += f" ({fmt(min(xs))}–{fmt(max(xs))})"
    return med, text


def ratio(a, b):
    if math.isnan(a) or math.isnan(b) or b == 0 or math.isinf(a) or math.isinf(b):
        return "—"
    return f"{a / b:.2f}×"


def answers(per_round):
    """dnsperf's rcode counts per round, once with the number of rounds when they agree."""
    if not per_round:
        return "—"
    if len(set(per_round)) == 1:
        return per_round[0] + (f" (each of {len(per_round)} rounds)" if len(per_round) > 1 else "")
    return " / ".join(per_round)


def serve_table(data):
    rw, ub = data.get("rootwalk", {}), data.get("unbound", {})
    if not rw and not ub:
        return
    print("### `rootwalk serve` vs Unbound (dnsperf, 100 queries outstanding)\n")
    print("Median over the rounds (range in brackets). Ratio = Rootwalk / Unbound: above 1 is better")
    print("for QPS, below 1 is better for latency and upstream queries.\n")
    print("| | Rootwalk | Unbound | Rootwalk / Unbound |")
    print("|---|---|---|---|")
    rows = [
        ("cache hits: QPS", "hit qps"),
        ("cache hits: p50 ms", "hit latency p50 ms"),
        ("cache hits: p99 ms", "hit latency p99 ms"),
        ("cache hits: upstream queries (should be 0)", "hit upstream"),
        ("cold, fresh process: QPS", "cold fresh qps"),
        ("cold, fresh process: p50 ms", "cold fresh p50 ms"),
        ("cold, fresh process: p99 ms", "cold fresh p99 ms"),
        ("cold, fresh process: upstream queries per name", "cold fresh upstream/name"),
        ("cold, warmed-up process: QPS", "cold warmed qps"),
        ("cold, warmed-up process: p50 ms", "cold warmed p50 ms"),
        ("cold, warmed-up process: p99 ms", "cold warmed p99 ms"),
        ("cold, warmed-up process: upstream queries per name", "cold warmed upstream/name"),
        ("`bulk` (not serve), cold, fresh JVM: names/s (vs Unbound's QPS)", "bulk cold fresh names/s", "cold fresh qps"),
        ("`bulk`, cold, fresh JVM: upstream queries per name", "bulk cold fresh upstream/name", "cold fresh upstream/name"),
        ("`bulk`, cold, warmed-up JVM: names/s (vs Unbound's QPS)", "bulk cold warmed names/s", "cold warmed qps"),
        ("resolver CPU µs per query: cache hits", "hit cpu µs/query"),
        ("resolver CPU µs per query: cold, fresh", "cold fresh cpu µs/query"),
        ("resolver CPU µs per query: cold, warmed-up", "cold warmed cpu µs/query"),
    ]
    for label, metric, *unbound_metric in rows:
        a, at = spread(rw.get(metric, []))
        b, bt = spread(ub.get(unbound_metric[0] if unbound_metric else metric, []))
        print(f"| {label} | {at} | {bt} | {ratio(a, b)} |")
    for label, metric in [
        ("cold, fresh process: answers", "cold fresh rcodes"),
        ("cold, warmed-up process: answers", "cold warmed rcodes"),
        ("cache hits: answers", "hit rcodes"),
        ("`bulk`, cold, fresh JVM: statuses", "bulk cold fresh rcodes"),
        ("`bulk`, cold, warmed-up JVM: statuses", "bulk cold warmed rcodes"),
    ]:
        print(f"| {label} | {answers(rw.get(metric, []))} | {answers(ub.get(metric, []))} | |")
    print()


def in_process_table(data):
    clients = [s for s in data if "cold names/s" in data[s]]
    if not clients:
        return
    best_minidns = max(
        (num(data[s]["cold names/s"][0]) for s in clients if s.startswith("minidns")), default=math.nan
    )
    print("### In-process cold throughput (empty cache, 10,000 names, one JVM on the resolver core)\n")
    print("| client | names/s | answered | vs best MiniDNS |")
    print("|---|---|---|---|")
    for s in clients:
        rate = num(data[s]["cold names/s"][0])
        print(f"| {s} | {fmt(rate)} | {data[s]['cold answered'][0]} | {ratio(rate, best_minidns)} |")
    print()


def fleet_table(data):
    passes = [s for s in data if "fleet names/s" in data[s]]
    if not passes:
        return
    base = next((num(data[s]["fleet names/s"][0]) for s in passes if "no second-level" in s), math.nan)
    print("### A fleet sharing Redis (set A cold, lookupAsync, one JVM on the resolver core, Redis on the load core)\n")
    print("| pass | names/s | upstream queries per name | vs no second-level cache |")
    print("|---|---|---|---|")
    for s in passes:
        rate = num(data[s]["fleet names/s"][0])
        print(f"| {s} | {fmt(rate)} | {data[s]['fleet queries/name'][0]} | {ratio(rate, base)} |")
    print()


def steady_table(data):
    runs = {s.split()[0]: data[s] for s in data if s.endswith(" steady")}
    if not runs:
        return
    passes = max(len(d) for d in runs.values())
    clients = sorted(runs)
    print("### Steady state: cold passes in one warmed-up JVM (fresh cache per pass, 10,000 new names each)\n")
    print("A single pass in a fresh JVM measures JIT compilation too; the last half of the passes does not.\n")
    print("| pass | " + " | ".join(f"{c} names/s" for c in clients) + " |")
    print("|---|" + "---|" * len(clients))
    for p in range(1, passes + 1):
        print(f"| {p} | " + " | ".join(fmt(num(runs[c].get(f"pass {p}", ["nan"])[0])) for c in clients) + " |")
    tail = {c: statistics.median(num(runs[c][f"pass {p}"][0]) for p in range(passes // 2 + 1, passes + 1) if f"pass {p}" in runs[c]) for c in clients}
    print("| median of the last half | " + " | ".join(fmt(tail[c]) for c in clients) + " |")
    if "rootwalk" in tail and "minidns" in tail:
        print(f"\nRootwalk / MiniDNS over the last half: {ratio(tail['rootwalk'], tail['minidns'])}")
    print()


def burst_table(data):
    bursts = sorted((s for s in data if s.startswith("rootwalk burst")), key=lambda s: int(s.split()[-1]))
    if not bursts:
        return
    print("### Bursts: N concurrent `lookupAsync` of distinct names, fresh resolver\n")
    print("`calls ms`: how long the N `lookupAsync` calls themselves took to return (the caller's")
    print("time); `wall ms`: until the last future completed.\n")
    print("| N | answered | outcomes | calls ms | wall ms | peak threads | threads started | heap MB at end | heap MB retained after GC |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in bursts:
        d = data[s]
        g = lambda m: d.get(m, ["—"])[0]
        print(
            f"| {s.split()[-1]} | {g('answered')} | {g('outcomes')} | {g('calls ms')} | {g('wall ms')} | {g('peak threads')}"
            f" | {g('threads started')} | {g('heap MB at end')} | {g('heap MB retained')} |"
        )
    print()


def jmh_table(data):
    runs = [s for s in data if s.startswith("jmh ")]
    if not runs:
        return
    print("### JMH cache hits (one core)\n")
    print("| benchmark | threads | ops/s | B/op |")
    print("|---|---|---|---|")
    for s in runs:
        d = data[s]
        print(
            f"| {s[4:]} | {d['threads'][0]} | {fmt(num(d['ops/s'][0]))} ± {fmt(num(d['ops/s error'][0]))}"
            f" | {d.get('B/op', ['—'])[0]} |"
        )
    print()
    mem = data.get("rootwalk cache")
    if mem:
        print("Heap per cached name (CacheMemoryBenchmark 10000): " + ", ".join(f"{m[len('heap B per name, '):]} {v[0]} B" for m, v in mem.items()) + "\n")


def table(path):
    data = load(path)
    serve_table(data)
    in_process_table(data)
    fleet_table(data)
    steady_table(data)
    burst_table(data)
    jmh_table(data)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "dnsperf" and len(sys.argv) == 7:
        dnsperf(*sys.argv[2:])
    elif cmd == "bulk" and len(sys.argv) == 6:
        bulk(*sys.argv[2:])
    elif cmd == "jmh" and len(sys.argv) == 3:
        jmh(sys.argv[2])
    elif cmd == "table" and len(sys.argv) == 3:
        table(sys.argv[2])
    else:
        sys.exit(__doc__)
