#!/usr/bin/env bash
# Installs what BedCoord needs on a Debian machine and is idempotent: the .NET SDK is expected on PATH,
# PostgreSQL (server binaries) and, for the browser tests, Chromium come from Debian's packages.
set -euo pipefail
want_browser="${1:-}"

missing=()
if ! command -v postgres >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ "$want_browser" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK (dotnet) is required on PATH." >&2; exit 1; }
