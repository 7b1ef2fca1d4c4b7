#!/usr/bin/env bash
# The README's test command: installs what is missing (build and test tools),
# builds with warnings as errors, and runs every test (unit, HTTP, real clients).
# Extra arguments go to ctest, e.g. scripts/test.sh -R clients
set -euo pipefail
cd "$(dirname "$0")/.."

# Prints how long the previous phase took: where the CI budget goes.
phase_started=$SECONDS
phase() {
  echo "== test.sh: $1 (previous phase $((SECONDS - phase_started)) s, total ${SECONDS} s)"
  phase_started=$SECONDS
}

phase "dependencies"
scripts/install-deps.sh --tests

# Four builds fit the CI budget because each compiles its libraries as unity
# builds; the sanitizer builds also link the libraries shared, so that each
# of their test executables is a small link.
FAST_BUILD="-DJADWAL_UNITY_BUILD=ON"

# With no arguments, the unit tests and the fuzz targets' seeds and kept
# crashers run first in a build with AddressSanitizer and UBSan, where a
# memory error or undefined behaviour fails the test; the concurrency tests
# in a ThreadSanitizer build (build-tsan); then each fuzz target
# fuzzes for JADWAL_FUZZ_SECONDS (default 30) in a clang build with libFuzzer.
if [[ $# -eq 0 ]]; then
  phase "sanitizer build"
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DJADWAL_SANITIZE=ON -DJADWAL_WERROR=ON $FAST_BUILD -DJADWAL_SHARED_LIBS=ON
  cmake --build build-sanitize -j"$(nproc)"
  phase "sanitizer tests"
  (cd build-sanitize && ctest --output-on-failure -j"$(nproc)" -R '^(unit|fuzz_replay)\.')

  # The unit tests that start threads (label concurrency), and only those,
  # built and run with ThreadSanitizer: a data race fails the test.
  phase "thread-sanitizer build"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DJADWAL_TSAN=ON -DJADWAL_WERROR=ON $FAST_BUILD -DJADWAL_SHARED_LIBS=ON
  cmake --build build-tsan -j"$(nproc)"
  phase "thread-sanitizer tests"
  (cd build-tsan && ctest --output-on-failure -j"$(nproc)" -L concurrency)

  phase "fuzz build"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJADWAL_FUZZ=ON $FAST_BUILD \
    -DJADWAL_FUZZ_SECONDS="${JADWAL_FUZZ_SECONDS:-30}"
  cmake --build build-fuzz -j"$(nproc)" --target fuzz_targets
  phase "fuzzing"
  (cd build-fuzz && ctest --output-on-failure -j"$(nproc)" -R '^fuzz\.')
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJADWAL_WERROR=ON $FAST_BUILD
if [[ $# -eq 0 ]]; then
  # The unit tests and fuzz replays passed above under the sanitizers; the
  # release build runs everything else, so it builds only the server (the
  # tests drive it from outside) and not a second copy of every unit test.
  phase "release build"
  cmake --build build -j"$(nproc)" --target jadwald
  phase "release tests"
  cd build
  ctest --output-on-failure -j"$(nproc)" -E '^(unit|fuzz_replay)\.'
  phase "done"
  exit 0
fi
cmake --build build -j"$(nproc)"
cd build
exec ctest --output-on-failure -j"$(nproc)" "$@"
