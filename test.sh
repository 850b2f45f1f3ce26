#!/usr/bin/env bash
# Runs the whole test suite: domain, grains on a 2-silo test cluster, persistence, API end to end and
# the board in a headless Chromium, all against a real PostgreSQL that the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")"
bash deploy/local/prerequisites.sh --browser
dotnet build BedCoord.sln -c Release -nologo -v q
dotnet test --solution BedCoord.sln -c Release --no-build "$@"
