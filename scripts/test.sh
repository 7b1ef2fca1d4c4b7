#!/usr/bin/env bash
# The README's test command: installs what is missing (build and test tools),
# builds with warnings as errors, and runs every test (unit, HTTP, real clients).
# Extra arguments go to ctest, e.g. scripts/test.sh -R clients
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --tests
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJADWAL_WERROR=ON
cmake --build build -j"$(nproc)"
cd build
exec ctest --output-on-failure -j"$(nproc)" "$@"
