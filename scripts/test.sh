#!/usr/bin/env bash
# The README's test command: installs what is missing (build and test tools),
# builds with warnings as errors, and runs every test (unit, HTTP, real clients).
# Extra arguments go to ctest, e.g. scripts/test.sh -R clients
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --tests

# With no arguments, the unit tests run first in a build with AddressSanitizer
# and UBSan, where a memory error or undefined behaviour fails the test.
if [[ $# -eq 0 ]]; then
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DJADWAL_SANITIZE=ON -DJADWAL_WERROR=ON
  cmake --build build-sanitize -j"$(nproc)"
  (cd build-sanitize && ctest --output-on-failure -j"$(nproc)" -R '^unit\.')
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJADWAL_WERROR=ON
cmake --build build -j"$(nproc)"
cd build
exec ctest --output-on-failure -j"$(nproc)" "$@"
