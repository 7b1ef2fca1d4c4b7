#!/usr/bin/env bash
# Installs the Debian 12 packages Jadwal needs, and only those that are missing:
# a second run does not touch the network. Runs as root, or through sudo.
#
#   scripts/install-deps.sh          build dependencies
#   scripts/install-deps.sh --tests  build and test dependencies (with the benchmark's peers:
#                                    its smoke run is part of the test command)
#   scripts/install-deps.sh --bench  the above, and perf for profiling next to bench/run
set -euo pipefail

build_packages=(cmake g++ make pkg-config libpoco-dev libical-dev libsodium-dev libboost-test-dev
  libmysqlcppconn-dev libkainjow-mustache-dev libboost-dev tzdata dpkg-dev file libcairo2-dev libpango1.0-dev fonts-dejavu-core
  libpoppler-cpp-dev libxlsxwriter-dev)
# SQLite's own header: the archive (jadwald export / import) reads rows whatever their columns.
build_packages+=(libsqlite3-dev)
test_packages=(python3 python3-caldav python3-icalendar vdirsyncer litmus curl sqlite3 python3-aiosmtpd chromium chromium-driver
  python3-selenium clang libclang-rt-14-dev poppler-utils python3-openpyxl)
# bench/run compares jadwald with these, driven by wrk (tests/bench/ runs it briefly).
test_packages+=(radicale xandikos git nginx-light wrk)
bench_packages=(linux-perf)

case "${1:-}" in
  "") wanted=("${build_packages[@]}") ;;
  --tests) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  --bench) wanted=("${build_packages[@]}" "${test_packages[@]}" "${bench_packages[@]}") ;;
  *) echo "usage: $0 [--tests|--bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "install-deps: missing packages (${missing[*]}), and neither root nor sudo to install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Installing nginx or Radicale must not start their system services: the
# benchmark starts its own on loopback, and a service that fails to start
# would fail the install. A policy already in place is left as it is.
policy=/usr/sbin/policy-rc.d
if [[ ! -e "$policy" ]]; then
  "${as_root[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
