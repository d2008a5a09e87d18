#!/usr/bin/env bash
# Issue 18's full kill test: engine paper (or engine live) against the sim, SIGKILLed at 20 random points and resumed
# each time (tests/Engine.Tests/Cli/Paper/PaperKillTests.cs, tests/Engine.Tests/Cli/Live/LiveKillTests.cs; the suite
# runs the same tests with 3 points).
#   scripts/kill-test.sh [paper|live] [POINTS [SEED [SPEED]]]     defaults: paper, 20, a random seed (printed), 3 (the tape at 3x); live runs both probe modes
# Builds the tests in Release, runs the one test niced, prints every session's line and the verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=paper
if [ "${1:-}" = paper ] || [ "${1:-}" = live ]; then mode="$1"; shift; fi
points="${1:-20}"
seed="${2:-$RANDOM$RANDOM}"
speed="${3:-3}"
echo "kill test (engine ${mode}): ${points} points, seed ${seed}, tape at ${speed}x"
dotnet build tests/Engine.Tests -c Release -v quiet -nologo
if [ "$mode" = live ]; then filter=LiveKillTests; else filter=PaperKillTests; fi
ENGINE_KILL_POINTS="$points" ENGINE_LIVE_KILL_POINTS="$points" ENGINE_KILL_SEED="$seed" ENGINE_KILL_SPEED="$speed" \
  nice -n 10 dotnet test tests/Engine.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~${filter}" --logger "console;verbosity=detailed"
