#!/usr/bin/env bash
# Rootwalk next to Unbound (and MiniDNS) on one local delegated hierarchy, in one go:
#
#   sudo rootwalk-benchmarks/bench/run-comparison.sh
#
# 1. installs unbound, dnsperf and nsd from Debian if they are missing;
# 2. builds rootwalk.jar and benchmarks.jar from this checkout (SKIP_BUILD=1 to reuse them);
# 3. generates a root, 4 TLDs and 4,000 leaf zones (two sets of 2,000, 5 names each: 10,000
#    names per set) and serves them with six NSD instances on 127.90.0.0/16 port 53;
# 4. for `rootwalk serve` and for Unbound (iterator only), ROUNDS times, in a fresh process:
#    cold pass over set A (QPS, p50/p99, upstream queries per name), cache hits on set A (QPS for
#    HIT_SECONDS, then p50/p99), then a cold pass over set B on the now warmed-up process;
#    dnsperf keeps 100 queries outstanding;
# 4b. `rootwalk bulk` (10,000 names of set A in a fresh JVM, and set B after the JIT warm-up
#    names in one JVM), names/s in the serve table beside serve's and Unbound's QPS;
# 5. in-process: cold names/s of Rootwalk lookupAsync / lookup and MiniDNS's iterative resolver,
#    the 10,000 and 100,000 lookupAsync bursts, JMH cache hits (lookup, lookupAsync) and the heap
#    per cached name; the fleet (FLEET=0 skips it): set A with no second-level cache, by a first
#    instance with a redis-server on loopback (on the load CPU) empty, by a second one with it warm;
# 6. prints a markdown table with Rootwalk/Unbound ratios and stops everything it started.
#
# How the 2 cores are shared (override with RESOLVER_CPUS / LOAD_CPUS): the resolver under test
# (rootwalk serve, Unbound, or the in-process JVM) alone on CPU 1; dnsperf and every NSD
# instance on CPU 0. Unbound gets num-threads = the number of RESOLVER_CPUS.
#
# Only loopback addresses are ever queried. Results go to rootwalk-benchmarks/target/comparison/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
ROUNDS=${ROUNDS:-3}
HIT_SECONDS=${HIT_SECONDS:-20}
OUTSTANDING=${OUTSTANDING:-100}
RESOLVER_CPUS=${RESOLVER_CPUS:-1}
LOAD_CPUS=${LOAD_CPUS:-0}
ROOTWALK_PORT=${ROOTWALK_PORT:-5390}
UNBOUND_PORT=${UNBOUND_PORT:-5391}
BURSTS=${BURSTS:-"10000 100000"}
IN_PROCESS=${IN_PROCESS:-1} # 0: only the serve-vs-Unbound part
JMH=${JMH:-1}               # 0: no JMH cache-hit run nor heap probe
STEADY_PASSES=${STEADY_PASSES:-10} # cold passes per client in one JVM (0: none)
WARM_NAMES=${WARM_NAMES:-1}   # 0: no JIT warm-up pass before serve's "cold warmed"
SYSTEMS=${SYSTEMS-"rootwalk unbound"} # "rootwalk": serve alone (profiling, start-up options)
SERVE_ARGS=${SERVE_ARGS:-}    # more serve options, e.g. "--udp-socket-reuse 16"
MAX_SECONDS=${MAX_SECONDS:-1500} # the whole run is stopped after this
OUT=${OUT:-$REPO/rootwalk-benchmarks/target/comparison}
ROOTWALK_JAR=$REPO/rootwalk-cli/target/rootwalk.jar
BENCH_JAR=$REPO/rootwalk-benchmarks/target/benchmarks.jar

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (apt-get, NSD on port 53)"

# --- processes we start, stopped on any exit --------------------------------------------------
PIDS=()
WORK=""
WATCHDOG=""
stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  set +e
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
  # NSD's main process forks from the one we started: stop it by its pidfile too.
  if [[ -n $WORK ]]; then
    for pidfile in "$WORK"/nsd/*/nsd.pid; do
      [[ -f $pidfile ]] && stop_pid "$(cat "$pidfile")"
    done
  fi
  [[ -n $WATCHDOG ]] && kill "$WATCHDOG" 2>/dev/null
  if [[ -n $WORK && -d $WORK ]]; then
    mkdir -p "$OUT/logs"
    cp "$WORK"/*.log "$WORK"/unbound/*.log "$OUT/logs/" 2>/dev/null
    [[ ${KEEP_WORK:-0} == 1 ]] && log "work directory kept: $WORK" || rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Bounded in time whatever hangs.
(
  sleep "$MAX_SECONDS" &
  sleeper=$!
  trap 'kill $sleeper 2>/dev/null; exit 0' TERM
  wait $sleeper && echo "run-comparison: over ${MAX_SECONDS}s, stopping" >&2 && kill -TERM $$
) &
WATCHDOG=$!

# start LOG CMD...: runs CMD in the background, output to LOG; its PID goes to LAST_PID and PIDS.
LAST_PID=""
start() {
  local out=$1
  shift
  "$@" >"$out" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

# --- 1. packages --------------------------------------------------------------------------------
missing=()
command -v unbound >/dev/null || missing+=(unbound)
command -v dnsperf >/dev/null || missing+=(dnsperf)
command -v nsd >/dev/null || missing+=(nsd)
command -v redis-server >/dev/null || missing+=(redis-server)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  # The packages may start their own service on port 53: only ours may run.
  for svc in nsd unbound redis-server; do service "$svc" stop >/dev/null 2>&1 || true; done
fi
for cmd in unbound unbound-control nsd nsd-control dnsperf taskset python3 java; do
  command -v "$cmd" >/dev/null || die "$cmd not found"
done

# --- 2. build -----------------------------------------------------------------------------------
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building rootwalk.jar and benchmarks.jar (mvn -o package, no tests)"
  (cd "$REPO" && mvn -B -o -q -DskipTests package \
    -pl rootwalk-testing,rootwalk-core,rootwalk-server,rootwalk-cli,rootwalk-benchmarks -am) \
    >/dev/null || die "build failed"
fi
[[ -f $ROOTWALK_JAR && -f $BENCH_JAR ]] || die "jars missing: run without SKIP_BUILD"
# serve and bulk run as a user runs them: through the ./rootwalk wrapper. ROOTWALK_JAVA picks the
# JDK (its java binary); ROOTWALK_JAVA_OPTS is passed on.
WRAPPER=$REPO/rootwalk
WRAPPER_ENV=(env "ROOTWALK_JAVA_OPTS=${ROOTWALK_JAVA_OPTS:-}")
if [[ -n ${ROOTWALK_JAVA:-} ]]; then
  WRAPPER_ENV+=("JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$ROOTWALK_JAVA")")")")
fi
# On JDK 25+ the wrapper makes its AOT cache on first use: make it now, outside every timed run.
"${WRAPPER_ENV[@]}" "$WRAPPER" --version >/dev/null || die "$WRAPPER --version failed"

# --- 3. the hierarchy -----------------------------------------------------------------------------
for port in "$ROOTWALK_PORT" "$UNBOUND_PORT"; do
  ss -Hlun "sport = :$port" | grep -q . && die "UDP port $port is taken"
done
ss -Hlun | awk '{print $4}' | grep -q '^127\.90\.' && die "something already listens on 127.90.x"
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
awk '$1 > 1.5 {exit 1}' /proc/loadavg ||
  log "warning: load average $LOAD_AT_START before starting: other work shares these cores"
WORK=$(mktemp -d /tmp/rootwalk-bench.XXXXXX)
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: >"$RESULTS"
log "generating the hierarchy in $WORK"
python3 "$HERE/hierarchy.py" "$WORK" >&2
NAMES=$(wc -l <"$WORK/names-a.txt")
for conf in "$WORK"/nsd/*/nsd.conf; do
  start "$(dirname "$conf")/stdout.log" taskset -c "$LOAD_CPUS" nsd -d -c "$conf"
done
for conf in "$WORK"/nsd/*/nsd.conf; do
  for _ in $(seq 100); do nsd-control -c "$conf" status >/dev/null 2>&1 && break; sleep 0.1; done
  nsd-control -c "$conf" status >/dev/null 2>&1 || die "NSD $conf did not start"
  if grep -qi error "$(dirname "$conf")/nsd.log" 2>/dev/null; then
    die "NSD $conf: $(grep -i error "$(dirname "$conf")/nsd.log" | head -3)"
  fi
done
log "NSD up: $(ls "$WORK/nsd" | tr '\n' ' ')on CPU $LOAD_CPUS"

# Queries answered by all NSD instances so far (upstream queries of whoever resolves).
upstream_total() {
  local total=0 n conf
  for conf in "$WORK"/nsd/*/nsd.conf; do
    n=$(nsd-control -c "$conf" stats_noreset | awk -F= '$1 == "num.queries" {print $2}')
    total=$((total + n))
  done
  echo "$total"
}

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RESULTS"; }

# CPU time (user + system, clock ticks) the resolver under test has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$RESOLVER_PID/stat" 2>/dev/null || echo 0; }

# dnsperf_run SYSTEM ROUND CASE PORT FILE ARGS...: one dnsperf run, its figures into results.tsv.
dnsperf_run() {
  local system=$1 round=$2 case=$3 port=$4 file=$5
  shift 5
  local out="$WORK/dnsperf-$system-$round-${case// /-}.log" before after cpu_before cpu_after
  cpu_before=$(cpu_ticks)
  before=$(upstream_total)
  taskset -c "$LOAD_CPUS" dnsperf -s 127.0.0.1 -p "$port" -d "$file" -c 10 -q "$OUTSTANDING" \
    -t 5 "$@" >"$out" 2>&1 || die "dnsperf failed: $(tail -3 "$out")"
  after=$(upstream_total)
  cpu_after=$(cpu_ticks)
  kill -0 "$RESOLVER_PID" 2>/dev/null || die "$system exited during '$case' (see its log)"
  record "$system" "$round" "$case cpu s" \
    "$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN {print t / hz}')"
  python3 "$HERE/results.py" dnsperf "$out" "$system" "$round" "$case" "$((after - before))" \
    >>"$RESULTS"
  log "  $system $case: $(grep -E 'Queries per second' "$out" | tr -s ' ')," \
    "upstream $((after - before))"
}

# --- 4. rootwalk serve and Unbound --------------------------------------------------------------
RESOLVER_THREADS=$(taskset -c "$RESOLVER_CPUS" nproc)
mkdir -p "$WORK/unbound"
cat >"$WORK/unbound/unbound.conf" <<EOF
server:
  verbosity: 0
  num-threads: $RESOLVER_THREADS
  interface: 127.0.0.1
  port: $UNBOUND_PORT
  do-ip4: yes
  do-ip6: no
  do-udp: yes
  do-tcp: yes
  so-reuseport: yes
  access-control: 127.0.0.0/8 allow
  chroot: ""
  username: ""
  directory: "$WORK/unbound"
  pidfile: "$WORK/unbound/unbound.pid"
  logfile: "$WORK/unbound/unbound.log"
  use-syslog: no
  # A plain iterator: no DNSSEC validation, no trust anchor.
  module-config: "iterator"
  root-hints: "$WORK/root.hints"
  do-not-query-localhost: no
  msg-cache-size: 128m
  rrset-cache-size: 256m
  num-queries-per-thread: 4096
  outgoing-range: 8192
remote-control:
  control-enable: yes
  control-interface: "$WORK/unbound/control.sock"
  control-use-cert: no
EOF
unbound-checkconf "$WORK/unbound/unbound.conf" >/dev/null || die "unbound.conf rejected"

RESOLVER_PID=""
start_resolver() {
  local system=$1 round=$2
  if [[ $system == rootwalk ]]; then
    local log="$WORK/rootwalk-serve-$round.log"
    # Through ./rootwalk, as the README starts it (its heap bound and JIT options; its AOT cache on
    # JDK 25+). ROOTWALK_JAVA_OPTS (e.g. a JFR recording) reaches the JVM through the wrapper.
    # shellcheck disable=SC2086 # SERVE_ARGS is a list of words
    start "$log" taskset -c "$RESOLVER_CPUS" "${WRAPPER_ENV[@]}" "$WRAPPER" serve \
      --listen "127.0.0.1:$ROOTWALK_PORT" --root-hints "$WORK/root.hints" $SERVE_ARGS
    RESOLVER_PID=$LAST_PID
    for _ in $(seq 300); do grep -qs '^listening on' "$log" && return 0; sleep 0.1; done
    die "rootwalk serve did not start: $(tail -5 "$log")"
  else
    start "$WORK/unbound/stdout.log" taskset -c "$RESOLVER_CPUS" \
      unbound -d -c "$WORK/unbound/unbound.conf"
    RESOLVER_PID=$LAST_PID
    for _ in $(seq 100); do
      unbound-control -c "$WORK/unbound/unbound.conf" status >/dev/null 2>&1 && return 0
      sleep 0.1
    done
    die "unbound did not start: $(tail -5 "$WORK/unbound/unbound.log")"
  fi
}
stop_resolver() { stop_pid "$RESOLVER_PID"; }

for round in $(seq "$ROUNDS"); do
  for system in $SYSTEMS; do
    port=$ROOTWALK_PORT
    [[ $system == unbound ]] && port=$UNBOUND_PORT
    log "round $round/$ROUNDS: $system (fresh process on CPU $RESOLVER_CPUS)"
    start_resolver "$system" "$round"
    dnsperf_run "$system" "$round" "cold fresh" "$port" "$WORK/names-a.txt" -n 1 -l 300 -v
    # Anything the cold pass failed is asked again, so the hit run measures hits only.
    dnsperf_run "$system" "$round" "rewarm" "$port" "$WORK/names-a.txt" -n 1 -l 120
    dnsperf_run "$system" "$round" "hit" "$port" "$WORK/names-a.txt" -l "$HIT_SECONDS"
    dnsperf_run "$system" "$round" "hit latency" "$port" "$WORK/names-a.txt" -n 2 -l 60 -v
    # A single cold pass leaves the JIT compiling through it (C2 took ~45 % of the core in perf):
    # 60,000 cold names in warm-up zones of their own first, shaped like set B (a referral per zone,
    # then its names; WARM_NAMES=0: skip), so "warmed-up" means every path set B takes is compiled.
    if [[ $WARM_NAMES == 1 ]]; then
      dnsperf_run "$system" "$round" "jit warm-up" "$port" "$WORK/names-warm.txt" -n 1 -l 300
    fi
    dnsperf_run "$system" "$round" "cold warmed" "$port" "$WORK/names-b.txt" -n 1 -l 300 -v
    stop_resolver
  done
done

# --- 4b. rootwalk bulk ------------------------------------------------------------------------------
# The same names through `rootwalk bulk` (lookupAsync in one process, OUTSTANDING lines in flight,
# JSON Lines out) on the resolver core: no stub client and no wire between it and the user.
# "cold fresh": set A in a fresh JVM (the summary's names/s: from the first line read to the last
# written, after start-up, as serve's cold pass starts after "listening on"); "cold warmed": the
# JIT warm-up names then set B in one process, timed from the warm-up's last output line to the end.
bulk_run() {
  local round=$1 case=$2 split=$3 before after log="$WORK/bulk-$round-${2// /-}.log"
  shift 3
  before=$(upstream_total)
  cat "$@" | taskset -c "$RESOLVER_CPUS" "${WRAPPER_ENV[@]}" "$WRAPPER" bulk --in - --out - \
    --root-hints "$WORK/root.hints" --concurrency "$OUTSTANDING" 2>"$log" |
    python3 "$HERE/results.py" bulk "$split" rootwalk "$round" "bulk $case" >>"$RESULTS" ||
    die "rootwalk bulk failed: $(tail -3 "$log")"
  after=$(upstream_total)
  record rootwalk "$round" "bulk $case upstream" "$((after - before))"
  record rootwalk "$round" "bulk $case summary" "$(tail -1 "$log")"
  log "  rootwalk bulk $case: $(tail -1 "$log"), upstream $((after - before))"
}
if [[ ${BULK:-1} == 1 && " $SYSTEMS " == *" rootwalk "* ]]; then
  for round in $(seq "$ROUNDS"); do
    log "round $round/$ROUNDS: rootwalk bulk (fresh JVM on CPU $RESOLVER_CPUS each)"
    bulk_run "$round" "cold fresh" 0 "$WORK/names-a.txt"
    if [[ $WARM_NAMES == 1 ]]; then
      bulk_run "$round" "cold warmed" "$(wc -l <"$WORK/names-warm.txt")" \
        "$WORK/names-warm.txt" "$WORK/names-b.txt"
    fi
  done
fi

# --- 5. in-process --------------------------------------------------------------------------------
java_main() {
  local log=$1
  shift
  # BENCH_JAVA_OPTS: e.g. a JFR recording for the in-process mains
  # shellcheck disable=SC2086
  taskset -c "$RESOLVER_CPUS" timeout 400 java ${BENCH_JAVA_OPTS:-} -cp "$BENCH_JAR" "$@" >"$log" 2>&1 ||
    log "  $* exited with $? (see $(basename "$log"))"
  grep -v '^result' "$log" | grep -v '^\[' >&2 || true
  awk -F'\t' '$1 == "result" {printf "%s\t1\t%s\t%s\n", $2, $3, $4}' "$log" >>"$RESULTS"
}
if [[ $IN_PROCESS == 1 ]]; then
  if [[ ${COLD_THROUGHPUT:-1} == 1 ]]; then
    log "in-process cold throughput (Rootwalk and MiniDNS, JVM on CPU $RESOLVER_CPUS)"
    java_main "$WORK/cold-throughput.log" io.rootwalk.benchmarks.ColdThroughput "$WORK" \
      "$OUTSTANDING" 8
  fi
  if [[ $STEADY_PASSES -gt 0 ]]; then
    for client in rootwalk minidns; do
      log "steady-state cold, $client: $STEADY_PASSES passes of 10,000 names in one JVM, fresh cache each"
      java_main "$WORK/steady-cold-$client.log" io.rootwalk.benchmarks.SteadyColdProbe "$WORK" \
        "$client" "$STEADY_PASSES" 10000
    done
  fi
  if [[ ${FLEET:-1} == 1 ]]; then
    redis_port=${REDIS_PORT:-6390}
    log "fleet: a second-level cache in redis-server on 127.0.0.1:$redis_port (CPU $LOAD_CPUS)"
    start "$WORK/redis.log" taskset -c "$LOAD_CPUS" redis-server --port "$redis_port" \
      --bind 127.0.0.1 --save "" --appendonly no
    for _ in $(seq 50); do grep -q "Ready to accept" "$WORK/redis.log" && break; sleep 0.1; done
    java_main "$WORK/fleet.log" io.rootwalk.benchmarks.FleetThroughput "$WORK" \
      "redis://127.0.0.1:$redis_port" "$OUTSTANDING"
    stop_pid "$LAST_PID"
  fi
  for n in $BURSTS; do
    log "burst of $n concurrent lookupAsync"
    java_main "$WORK/burst-$n.log" io.rootwalk.benchmarks.BurstProbe "$WORK" "$n"
  done
  [[ $JMH == 1 ]] || { log "JMH and heap probe skipped (JMH=0)"; }
fi
if [[ $IN_PROCESS == 1 && $JMH == 1 ]]; then
  log "JMH cache hits, kind=positive (lookup, lookupAsync), one core"
  taskset -c "$RESOLVER_CPUS" java -jar "$BENCH_JAR" 'CacheHitLookupBenchmark.(lookup|lookupAsync)$' \
    -p kind=positive -prof gc -f 1 -wi 3 -i 5 -rf json -rff "$WORK/jmh.json" >"$WORK/jmh.log" 2>&1 ||
    log "  JMH failed (see jmh.log)"
  [[ -f $WORK/jmh.json ]] && python3 "$HERE/results.py" jmh "$WORK/jmh.json" >>"$RESULTS"
  log "heap per cached name"
  taskset -c "$RESOLVER_CPUS" java -XX:+UseSerialGC -Xms512m -Xmx512m -cp "$BENCH_JAR" \
    io.rootwalk.benchmarks.CacheMemoryBenchmark 10000 >"$WORK/cache-memory.log" 2>&1 ||
    log "  CacheMemoryBenchmark failed"
  awk '/bytes per cached name/ {sub(/ +$/, "", $0); split($0, p, "  +"); \
    printf "rootwalk cache\t1\theap B per name, %s\t%s\n", p[1], $(NF-4)}' \
    "$WORK/cache-memory.log" >>"$RESULTS"
fi

# --- 6. the table -------------------------------------------------------------------------------
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(java -version 2>&1 | head -1)," \
    "$(unbound -V | head -1), NSD $(nsd -v 2>&1 | head -1 | awk '{print $3}')," \
    "$(dnsperf -h 2>&1 | grep Version); commit $(git -C "$REPO" rev-parse --short HEAD)" \
    "$(git -C "$REPO" diff --quiet || echo '(with uncommitted changes)')"
  [[ -z $SERVE_ARGS ]] || echo "rootwalk serve ran with: $SERVE_ARGS"
  echo "Cores: resolver under test on CPU $RESOLVER_CPUS, dnsperf + NSD on CPU $LOAD_CPUS;" \
    "$NAMES names per set, $OUTSTANDING queries outstanding, $ROUNDS rounds;" \
    "load average $LOAD_AT_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  python3 "$HERE/results.py" table "$RESULTS"
} >"$OUT/table.md"
cat "$OUT/table.md"
log "results in $OUT (results.tsv, table.md, logs/)"
