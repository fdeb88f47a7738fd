#!/usr/bin/env bash
# Installs the pinned Claude Code CLI that the end-to-end tests run (ClaudeHarnessTests and
# friends): the binary bundled in PyPI's claude-agent-sdk wheel.
#
#   scripts/install-claude-cli.sh [DIR]     installs DIR/claude (default DIR: .build/claude-cli)
#
# Pinned: claude-agent-sdk 0.2.189, which bundles Claude Code 2.1.332. Does nothing when
# DIR/claude already reports that version. Needs python3 and pip (pip download only; nothing is
# installed into Python). The wheel is ~180 MB, the binary ~400 MB. The tests find the CLI at
# .build/claude-cli/claude, or wherever ORCHGEN_CLAUDE_CLI points.
set -euo pipefail

SDK_VERSION="0.2.189"
CLI_VERSION="2.1.332"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${1:-$ROOT/.build/claude-cli}"
TARGET="$DIR/claude"

installed_version() {
  [ -x "$TARGET" ] && "$TARGET" --version 2>/dev/null | head -n 1 || true
}

case "$(installed_version)" in
  "$CLI_VERSION"*)
    echo "install-claude-cli: $TARGET is already Claude Code $CLI_VERSION; nothing to do"
    exit 0
    ;;
esac

PYTHON="${PYTHON:-python3}"
mkdir -p "$DIR"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/install-claude-cli.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: --dest "$WORK" \
  "claude-agent-sdk==$SDK_VERSION" >&2
WHEEL="$(find "$WORK" -maxdepth 1 -name "claude_agent_sdk-$SDK_VERSION-*.whl" -print -quit)"
[ -n "$WHEEL" ] || { echo "install-claude-cli: pip downloaded no claude-agent-sdk $SDK_VERSION wheel" >&2; exit 1; }

# Extract next to the target, then rename, so an interrupted run never leaves a partial binary.
"$PYTHON" - "$WHEEL" "$TARGET.partial" <<'PY'
import shutil, sys, zipfile
wheel, destination = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    try:
        member = archive.getinfo("claude_agent_sdk/_bundled/claude")
    except KeyError:
        sys.exit(f"install-claude-cli: {wheel} has no claude_agent_sdk/_bundled/claude (not a platform wheel?)")
    with archive.open(member) as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target, 1 << 20)
PY
chmod +x "$TARGET.partial"
VERSION="$("$TARGET.partial" --version 2>/dev/null | head -n 1 || true)"
case "$VERSION" in
  "$CLI_VERSION"*) ;;
  *)
    rm -f "$TARGET.partial"
    echo "install-claude-cli: the extracted CLI reports '$VERSION', expected $CLI_VERSION" >&2
    exit 1
    ;;
esac
mv -f "$TARGET.partial" "$TARGET"
echo "install-claude-cli: installed $TARGET: $VERSION, from claude-agent-sdk $SDK_VERSION"
