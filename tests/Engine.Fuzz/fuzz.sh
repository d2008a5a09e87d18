#!/usr/bin/env bash
# Coverage-guided fuzzing of one engine-fuzz target with afl++ and SharpFuzz (docs/fuzzing.md). On demand, not CI.
#
#   tests/Engine.Fuzz/fuzz.sh <target> [--minutes 10] [--out DIR]
#
# Publishes engine-fuzz into DIR/bin, instruments Engine.Core, Engine.Binance and engine (the CLI, for `config`) with
# SharpFuzz there (the normal build is untouched), seeds afl-fuzz with corpus/<target>/ (not known/), and runs it at
# the lowest priority for the given minutes. Crashes and hangs land in DIR/findings/default/{crashes,hangs}; replay
# one with `dotnet DIR/bin/engine-fuzz.dll run <target> FILE`, and add it to the corpus (known/ while unfixed).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ $# -ge 1 ] || { echo "usage: $0 <target> [--minutes M] [--out DIR]; targets: dotnet run --project tests/Engine.Fuzz -- list" >&2; exit 2; }
target=$1; shift
minutes=10 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
out=${out:-artifacts/fuzz/$target}
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
[ -d "tests/Engine.Fuzz/corpus/$target" ] || { echo "no corpus for target '$target'" >&2; exit 2; }

dotnet tool restore >/dev/null
rm -rf "$out/bin" "$out/in"
mkdir -p "$out/in"
nice -n 19 dotnet publish tests/Engine.Fuzz -c Release -nologo -v q -o "$out/bin" >/dev/null
for assembly in Engine.Core.dll Engine.Binance.dll engine.dll; do
  dotnet sharpfuzz "$out/bin/$assembly" >/dev/null
done
find "tests/Engine.Fuzz/corpus/$target" -maxdepth 1 -type f -exec cp {} "$out/in/" \;

# The fork server runs .NET, not an afl-compiled binary; crashes are .NET exceptions, not core dumps.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
[ -t 1 ] || export AFL_NO_UI=1
resume=-
[ -d "$out/findings/default/queue" ] || resume="$out/in"
set +e
nice -n 19 timeout --signal=INT "$((minutes * 60))" afl-fuzz -i "$resume" -o "$out/findings" -t 10000 -m none -- \
  dotnet "$out/bin/engine-fuzz.dll" afl "$target"
set -e

crashes=$(find "$out/findings" -path '*/crashes/id:*' 2>/dev/null | wc -l)
hangs=$(find "$out/findings" -path '*/hangs/id:*' 2>/dev/null | wc -l)
grep -hE '^(execs_done|execs_per_sec|corpus_count|edges_found|total_edges)' "$out"/findings/default/fuzzer_stats 2>/dev/null || true
echo "fuzz: $target: $crashes crashes, $hangs hangs in $out/findings/default/"
