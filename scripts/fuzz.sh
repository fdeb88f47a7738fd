#!/usr/bin/env bash
# Builds orchgen's libFuzzer target and runs it.
#
#   scripts/fuzz.sh [seconds]          fuzz for that long (default 60) in one process
#   scripts/fuzz.sh --build            only build the fuzzer
#   scripts/fuzz.sh --replay FILE...   run the fuzzer once on each file (regression check)
#
# The target (Fuzz/*.swift) is compiled together with the OrchgenKit sources and the vendored
# libyaml with -sanitize=fuzzer,address; it is not part of Package.swift, so `swift build` and
# `swift test` never see it. Inputs are projects in the one-file fixture format (a line
# `=== <path>` starts a file; leading bytes are a workflow). Seeds: the bad-input corpus, the
# rule fixtures and this repository's own config and content. New interesting inputs collect
# in $WORK/corpus, crashes in $WORK/crashes; the log of each run in $WORK/logs.
#
# Environment: ORCHGEN_FUZZ_DIR (work directory, default .build/fuzz), FUZZ_MAX_LEN (largest
# input, default 131072; smaller runs faster), FUZZ_ARGS (extra libFuzzer flags), SWIFTC /
# CLANG (compilers).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${ORCHGEN_FUZZ_DIR:-$ROOT/.build/fuzz}"
SWIFTC="${SWIFTC:-swiftc}"
CLANG="${CLANG:-clang}"
BINARY="$WORK/orchgen-fuzz"
mkdir -p "$WORK/obj" "$WORK/corpus" "$WORK/crashes" "$WORK/logs"

build() {
  local cyaml="$ROOT/Sources/CLibYAML" sources
  if [ -x "$BINARY" ] && [ -z "$(find "$ROOT/Sources/OrchgenKit" "$ROOT/Sources/CLibYAML" "$ROOT/Fuzz" "$0" -newer "$BINARY" -print -quit)" ]; then
    return
  fi
  echo "fuzz.sh: building $BINARY" >&2
  # Compile a snapshot, so edits made meanwhile cannot break the build half-way.
  rm -rf "$WORK/src" && mkdir -p "$WORK/src"
  cp -R "$ROOT/Sources/OrchgenKit" "$ROOT/Fuzz" "$WORK/src/"
  mapfile -t sources < <(find "$WORK/src" -name '*.swift' | sort)
  local objects=()
  for c in "$cyaml"/src/*.c; do
    local o="$WORK/obj/$(basename "$c" .c).o"
    "$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC \
      -I "$cyaml/include" "$c" -o "$o"
    objects+=("$o")
  done
  # shellcheck disable=SC2046
  "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -module-name OrchgenFuzz \
    -I "$cyaml/include" -I "$ROOT/Sources/CCmark" $(pkg-config --cflags-only-I libcmark | sed 's/-I/-Xcc -I/g') \
    "${sources[@]}" "${objects[@]}" $(pkg-config --libs libcmark) -o "$BINARY.tmp" 2>&1 \
    | grep -v "warning: Cannot export local symbol" >&2 || true
  [ -x "$BINARY.tmp" ] && mv "$BINARY.tmp" "$BINARY"
}

# The seed corpus: every fixture project, and this repository as one-file projects (each
# workflow with the agent library and every instruction file).
seed() {
  local seeds="$WORK/seeds"
  rm -rf "$seeds" && mkdir -p "$seeds"
  local fixtures="$ROOT/Tests/OrchgenKitTests/Fixtures"
  for f in "$fixtures"/corpus/*.txt "$fixtures"/rules/*.txt "$fixtures"/build/*.txt; do
    [ -f "$f" ] && cp "$f" "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  # The build fixture with its recorded output, as a previous build for drift and ownership.
  {
    cat "$fixtures/build/feature.txt"
    (cd "$fixtures/build/expected" && find . -type f | sort) | while read -r path; do
      echo "=== output/${path#./}"
      cat "$fixtures/build/expected/$path"
    done
  } > "$seeds/build-feature-with-output.txt"
  for workflow in "$ROOT"/config/workflows/*.yaml; do
    local out="$seeds/repo-$(basename "$workflow" .yaml).txt"
    {
      for file in "$workflow" "$ROOT/config/agents.yaml" "$ROOT/config/orchgen.yaml" $(cd "$ROOT" && find content -name '*.md' | sort); do
        [ -f "$file" ] || file="$ROOT/$file"
        [ -f "$file" ] || continue
        echo "=== ${file#"$ROOT"/}"
        cat "$file"
      done
    } > "$out"
  done
  echo "$seeds"
}

main() {
  build
  case "${1:-}" in
    --build) exit 0 ;;
    --replay)
      shift
      ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$BINARY" -runs=1 "$@"
      exit $?
      ;;
  esac

  DURATION="${1:-60}"
  SEEDS="$(seed)"
  LOG="$WORK/logs/fuzz-$(date -u +%Y%m%dT%H%M%SZ).log"
  echo "fuzz.sh: fuzzing for ${DURATION}s; log $LOG" >&2
  # shellcheck disable=SC2086
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$BINARY" "$WORK/corpus" "$SEEDS" \
    -dict="$ROOT/Fuzz/orchgen.dict" -max_total_time="$DURATION" -max_len="${FUZZ_MAX_LEN:-131072}" -timeout=30 \
    -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$WORK/crashes/" ${FUZZ_ARGS:-} 2>&1 | tee "$LOG" | grep -E "^#[0-9]+.*(pulse|DONE)|Done|ERROR|SUMMARY|stat::number_of_executed_units|Test unit written" >&2
  status=${PIPESTATUS[0]}
  grep -h "stat::number_of_executed_units" "$LOG" >&2 || true
  exit "$status"
}

# Everything above is parsed before anything runs, so editing this file mid-run is safe.
main "$@"
exit $?
