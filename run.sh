#!/usr/bin/env bash
# Runs the BedCoord grid with the Occitanie demo data: one silo, the API, the wall board, and PostgreSQL
# persistence in .data/pg (a server of its own, started from Debian's binaries). Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")"
# Chromium prints the weekly report to PDF (the same headless browser the tests use).
bash deploy/local/prerequisites.sh --browser
port="${BEDCOORD_PORT:-8080}"
if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fi
dotnet build src/BedCoord.Server -c Release -nologo -v q
url="http://127.0.0.1:$port"
(
  for _ in $(seq 1 120); do
    if curl -fsS "$url/health/ready" >/dev/null 2>&1; then
      echo ""
      echo "  BedCoord is ready."
      echo "  Wall board:         $url/"
      echo "  Replay (yesterday): $url/?at=$(date -u -d 'yesterday 08:00' +%Y-%m-%dT%H:%M:%SZ)"
      echo "  Bed manager's page: $url/lits"
      echo "  Bed search:         $url/recherche"
      echo "  Weekly report:      $url/rapport/departement/31?semaine=$(TZ=Europe/Paris date -d '7 days ago' +%G-W%V)   (last week, Haute-Garonne)"
      echo "  Crisis cell:        $url/cellule/departement/31"
      echo "  Maturity index:     $url/maturite/region/OCC"
      echo "  National board:     $url/board/national"
      echo "  API:                $url/api/regions/OCC   (reference: $url/docs/api, OpenAPI: $url/openapi/v1.json, FHIR: $url/fhir/r4/metadata)"
      echo "  Data:               $(pwd)/.data/pg"
      echo ""
      exit 0
    fi
    sleep 1
  done
  echo "BedCoord did not become ready within 120 s; see the log above." >&2
) &
exec dotnet src/BedCoord.Server/bin/Release/net10.0/BedCoord.Server.dll \
  --urls "$url" \
  --Demo:Seed=true --Demo:Simulate=true --Auth:DevTokens=true \
  --Storage:DataDirectory="$(pwd)/.data/pg" \
  "$@"
