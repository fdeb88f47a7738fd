#!/usr/bin/env bash
# Soak test for interrupt safety: runs InterruptTests with many SIGKILLs of `orchgen build`
# (each followed by recovery and a check that output/ is exactly the previous or the new
# build, and a final build that must equal a fresh one).
#
#   scripts/soak-interrupt.sh [kills]        default 300 (about 5 minutes)
#
# Environment: SWIFT_TEST_ARGS (extra `swift test` arguments, e.g. "--scratch-path /tmp/b").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KILLS="${1:-300}"
cd "$ROOT"
# shellcheck disable=SC2086
ORCHGEN_KILL_ITERATIONS="$KILLS" swift test ${SWIFT_TEST_ARGS:-} --filter InterruptTests 2>&1 \
  | grep -E "InterruptTests:|✘|✔ Test run|error:"
exit "${PIPESTATUS[0]}"
