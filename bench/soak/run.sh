#!/usr/bin/env bash
# Soak: replays the bundled real sample at a fixed rate (default 100,000 trades/s) for wall-clock minutes or hours,
# and samples the engine's memory, GC counts and handle counts at intervals into a CSV, then says whether memory
# stayed flat and GC count stayed 0 after warm-up. Not for CI. See docs/fuzzing.md ("Soak").
#
#   bench/soak/run.sh [--minutes 60] [--rate 100000] [--interval 10] [--warmup 60] [--pace-slack-ms 1] [--out DIR] [--no-build]
#
# Figures per sample (samples.csv): elapsed_s, events (engine), rss_kb and rss_peak_kb (/proc/PID/status VmRSS,
# VmHWM), heap_bytes and gc0/gc1/gc2 (the engine's status line: GC.GetTotalMemory, GC.CollectionCount), fds
# (/proc/PID/fd entries), threads, tp_threads (threads named ".NET TP ...": the thread pool, which a run should never
# start), cpu_pct (the engine's user + system CPU time over the sample's interval, % of one core, /proc/PID/stat) and
# load1 (the machine's 1-minute load average, /proc/loadavg). Warm-up (--warmup seconds) is excluded from the verdicts.
# The engine runs from a copy of the build in DIR/bin, so rebuilding the tree during a soak cannot touch it; at the
# deadline the script stops it with SIGTERM (a clean stop that drains and writes the report).
set -euo pipefail
cd "$(dirname "$0")/../.."

minutes=60 rate=100000 interval=10 warmup=60 slack=1 out="" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --pace-slack-ms) slack=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--minutes M] [--rate TRADES_PER_S] [--interval S] [--warmup S] [--pace-slack-ms MS] [--out DIR] [--no-build]" >&2; exit 2 ;;
  esac
done

sample=$(ls src/Engine.Cli/Samples/*.csv.gz | head -1)
config=src/Engine.Cli/Samples/replay.json
out=${out:-runs/soak-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ "$build" = 1 ]; then
  nice -n 19 dotnet build src/Engine.Cli -c Release -nologo -v q >/dev/null
fi
rm -rf "$out/bin"
cp -r src/Engine.Cli/bin/Release/net10.0 "$out/bin"
engine=(dotnet "$out/bin/engine.dll")

# The sample's trade count and time span give the --speed that makes the wanted rate, and the passes that fill the
# wanted time (each pass continues the previous one's times and ids).
read -r trades span_ms < <(gzip -dc "$sample" | awk -F, 'NR == 2 { first = $4 } NR > 1 { last = $4; n++ } END { print n, last - first }')
speed=$(awk -v r="$rate" -v n="$trades" -v s="$span_ms" 'BEGIN { printf "%.3f", r / (n / (s / 1000)) }')
repeat=$(awk -v r="$rate" -v n="$trades" -v m="$minutes" 'BEGIN { printf "%d", (m * 60 * r) / n + 2 }')

recording="$out/sample.engrec"
[ -f "$recording" ] || "${engine[@]}" convert "$sample" --out "$recording" >/dev/null
echo "soak: $trades trades over $((span_ms / 1000)) s per pass, speed x$speed = $rate trades/s, $repeat passes, $minutes min; output in $out"

# Unpinned, blocking waits, a feed that sleeps rather than spins (Runtime:PaceSlackMs) and lowest priority: the soak
# measures memory and GC, not latency, and shares the machine.
nice -n 19 "${engine[@]}" replay "$recording" --config "$config" --out "$out/run" --speed "$speed" --repeat "$repeat" \
  --wait Blocking --set Runtime:EngineCpu=-1 --set Runtime:FeedCpu=-1 --set Runtime:JournalCpu=-1 --set Runtime:LockMemory=false \
  --set Runtime:PaceSlackMs="$slack" --set Runtime:StatusIntervalSeconds="$interval" >"$out/engine.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' INT TERM

csv="$out/samples.csv"
echo "elapsed_s,events,rss_kb,rss_peak_kb,heap_bytes,gc0,gc1,gc2,fds,threads,tp_threads,cpu_pct,load1" >"$csv"
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime
last_ticks=$(cpu_ticks "$pid") last_t=$(date +%s.%N)
start=$(date +%s)
deadline=$((start + minutes * 60))
while kill -0 "$pid" 2>/dev/null; do
  sleep "$interval"
  now=$(date +%s)
  [ -r "/proc/$pid/status" ] || break
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo "")
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo "")
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo "")
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
  tp=$(cat /proc/"$pid"/task/*/comm 2>/dev/null | grep -c '^\.NET TP' || true)
  ticks=$(cpu_ticks "$pid") t=$(date +%s.%N)
  cpu=$(awk -v a="$last_ticks" -v b="$ticks" -v s="$last_t" -v e="$t" -v hz="$hz" 'BEGIN { printf "%.1f", (e > s) ? 100 * (b - a) / hz / (e - s) : 0 }')
  last_ticks=$ticks last_t=$t
  load=$(cut -d' ' -f1 /proc/loadavg)
  status=$(grep -E ' events=[0-9]+ .* gc=' "$out/engine.log" | tail -1 || true)
  events=$(sed -nE 's/.* events=([0-9]+) .*/\1/p' <<<"$status")
  gc=$(sed -nE 's/.* gc=([0-9]+)\/([0-9]+)\/([0-9]+) heap=([0-9]+).*/\1,\2,\3,\4/p' <<<"$status")
  IFS=, read -r gc0 gc1 gc2 heap <<<"${gc:-,,,}"
  [ -n "$rss" ] && echo "$((now - start)),${events},${rss},${hwm},${heap},${gc0},${gc1},${gc2},${fds},${threads},${tp},${cpu},${load}" >>"$csv"
  if [ "$now" -ge "$deadline" ]; then
    kill -TERM "$pid" 2>/dev/null || true # a clean stop: drains, writes the report
    break
  fi
done
set +e
wait "$pid"
exit_code=$?
set -e

# Verdicts over the samples after warm-up: memory flat = RSS and heap grew by less than 5% (and 2 MB) from the
# first to the last sample; GC = collections counted after warm-up (all generations).
awk -F, -v warm="$warmup" -v code="$exit_code" -v cores="$(nproc)" '
  NR == 1 || $1 < warm || $3 == "" { next }
  {
    n++
    if (n == 1) { t0 = $1; e0 = $2; r0 = $3; h0 = $5; g0 = $6 + $7 + $8; f0 = $9; rmin = rmax = $3; fmin = fmax = $9 }
    t1 = $1; e1 = $2; r1 = $3; h1 = $5; g1 = $6 + $7 + $8; f1 = $9; peak = $4
    if ($3 < rmin) rmin = $3; if ($3 > rmax) rmax = $3; if ($9 < fmin) fmin = $9; if ($9 > fmax) fmax = $9
    if ($5 != "" && (hmax == "" || $5 > hmax)) hmax = $5
    if ($11 > tpmax) tpmax = $11
    cpu += $12; load += $13; if ($13 > lmax) lmax = $13
  }
  END {
    if (n < 2) { print "soak: fewer than 2 samples after warm-up; run longer"; exit 1 }
    rate = (t1 > t0 && e1 != "" && e0 != "") ? (e1 - e0) / (t1 - t0) : 0
    rflat = (r1 - r0 < 2048 || r1 - r0 < r0 * 0.05)
    hflat = (h0 == "" || h1 - h0 < 2097152 || h1 - h0 < h0 * 0.05)
    printf "soak: %d samples after %d s warm-up, %d s to %d s; engine exit %d\n", n, warm, t0, t1, code
    printf "  rate: %.0f trades/s (events %s -> %s)\n", rate, e0, e1
    printf "  RSS: %.1f -> %.1f MB (min %.1f, max %.1f, peak %.1f MB)\n", r0 / 1024, r1 / 1024, rmin / 1024, rmax / 1024, peak / 1024
    printf "  GC heap: %.1f -> %.1f MB (max %.1f MB)\n", h0 / 1048576, h1 / 1048576, hmax / 1048576
    printf "  GC collections after warm-up: %d (total at end %d)\n", g1 - g0, g1
    printf "  fds: %d -> %d (min %d, max %d)\n", f0, f1, fmin, fmax
    printf "  engine CPU: %.0f%% of one core on average; machine load (1 min) %.1f on average, %.1f at most, %d cores\n", cpu / n, load / n, lmax, cores
    printf "  thread-pool threads: %d at most\n", tpmax
    printf "  memory flat after warm-up: %s\n", (rflat && hflat) ? "yes" : "NO"
    printf "  GC count stayed 0 after warm-up: %s\n", (g1 == g0) ? "yes" : "NO"
    printf "  handles flat: %s\n", (f1 <= f0) ? "yes" : "NO"
  }' "$csv" | tee "$out/summary.txt"
