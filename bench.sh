#!/usr/bin/env bash
# Builds Release and runs the BedCoord benchmarks (see docs/PERFORMANCE.md).
#   ./bench.sh            both: updates then boards (~6 min)
#   ./bench.sh updates    pgbench baseline, durable PUT throughput, PUT -> region visibility
#   ./bench.sh boards     500 SignalR boards (own process, CPU apart) at 20 and 1,000 updates/s; --bare adds the bare broadcast baseline
#   ./bench.sh cluster    3 silos: 10-minute soak at 1,000 updates/s offered, then a silo killed (ours vs Orleans' membership defaults) (~16 min)
#   ./bench.sh failover   only the kill part of `cluster` (~3 min)
#   ./bench.sh history-writes [--rounds=2]   durable PUT/s with the history projector on vs off, fresh servers, alternating (~4 min a round)
#   ./bench.sh history-reads [--growth-minutes=5]   national territory (3,000 establishments / 60,000 units) with 12 weeks
#                         of past: département history at 1 h and 1 min, region replay (?at=); then growth at 100 updates/s
#   ./bench.sh history-growth [--minutes=5]  only the growth part (national territory, no synthetic past)
#   ./bench.sh national-start [--restarts=5]  national file (3,000 establishments / 60,000 units) imported in one request, twice
#                         (idempotent), then N restarts: process start -> every region's totals correct (median)
#   ./bench.sh exchange [--readers=20] [--writers=8]   demo territory: FHIR Location search of the largest département and the
#                         region's HAVE export at 20 concurrent readers; unit updates/s by FHIR transactions of 50 vs JSON PUT (~3 min)
#   ./bench.sh crisis [--chain=10000]   main courante appends under 500 PUTs/s (p99), verify of a 10,000-entry chain,
#                         cell page live update with 50 declarations in force (hub client + the page's reads) (~6 min)
#   ./bench.sh national-soak [--minutes=10] [--rate=200]   national territory, then N minutes of PUTs at a steady rate:
#                         server RSS and CPU every 30 s (issue 11: RSS <= 1 GiB under load)
#   ./bench.sh national-cluster [--rate=200]   3 silos with the national territory, a writer over every region retrying on
#                         another silo: kill -9 of a silo (seconds until every region's sums are correct again), then a
#                         rolling restart (SIGTERM, new process, one silo at a time); boards per region, lost writes (~8 min)
#   ./bench.sh all --quick  a few seconds per phase: checks the bench works, gives no figures worth quoting
# The synthetic national territory alone, in the import format (docs/IMPORT.md), deterministic:
#   dotnet bench/BedCoord.Bench/bin/Release/net10.0/BedCoord.Bench.dll generate-national [--establishments=3000] [--units=60000] [--seed=N] [--no-initial] > national.json
set -euo pipefail
cd "$(dirname "$0")"

echo "== machine"
echo "date:    $(date -Is)"
echo "commit:  $(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD))$(git diff --quiet HEAD -- src || echo ' + uncommitted changes in src')"
echo "nproc:   $(nproc)"
echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "kernel:  $(uname -r)"
echo "dotnet:  $(dotnet --version)"
echo "uptime:  $(uptime)"

echo "== build (Release)"
dotnet build BedCoord.sln -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/BedCoord.Bench -c Release -nologo -v q -clp:ErrorsOnly

echo "== run"
dotnet bench/BedCoord.Bench/bin/Release/net10.0/BedCoord.Bench.dll "${@:-all}"

echo "== after"
echo "uptime:  $(uptime)"
