/// The POSIX shell functions every `run.mk` recipe loads (`ORCHGEN_SH`): one CLI run per attempt
/// with the prompt file on stdin, the checks that turn a fallback to another agent or a rejected
/// permission into a failed task, the result recorded from the CLI's output (Claude Code's
/// `--output-format json` decoded with awk), retries, conditions from `## Decisions` lines, fix
/// loops and the final concatenation.
enum MakeRunnerLibrary {
  /// The shell functions every recipe loads; `$` is doubled when written into the Makefile.
  static let text = #"""
    orchgen_log() {
      mkdir -p "$ORCHGEN_STATE"
      printf '### [%s] %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$1" >> "$ORCHGEN_STATE/task-status.md"
      printf 'orchgen: %s\n' "$1"
    }
    orchgen_result() {
      printf '%s/results/agent-%s-result.md' "$ORCHGEN_STATE" "$1"
    }
    orchgen_flag() {
      sed -n '/^##* *[Dd]ecisions/,$p' "$(orchgen_result "$1")" 2>/dev/null | tr 'A-Z' 'a-z' | tr -d '`' \
        | sed -n "s/^[-* ]*$2 *: *[*_]*\([a-z]*\).*/\1/p" | head -n 1
    }
    orchgen_json_result() {
      awk '
        index($0, "\"type\":\"result\"") && (k = index($0, "\"result\":\"")) {
          s = substr($0, k + 10)
          out = ""
          while (1) {
            p = match(s, /["\\]/)
            if (!p) { out = out s; break }
            out = out substr(s, 1, p - 1)
            if (substr(s, p, 1) == "\"") break
            e = substr(s, p + 1, 1)
            if (e == "u") {
              v = 0
              for (j = 2; j <= 5; j++) v = v * 16 + index("0123456789abcdef", tolower(substr(s, p + j, 1))) - 1
              if (v > 0 && v < 128) out = out sprintf("%c", v)
              s = substr(s, p + 6)
              continue
            }
            if (e == "n") out = out "\n"
            else if (e == "t") out = out "\t"
            else if (e == "r") out = out "\r"
            else if (e != "b" && e != "f") out = out e
            s = substr(s, p + 2)
          }
          printf "%s\n", out
          exit
        }' "$1"
    }
    orchgen_problem() {
      orchgen_line=$(grep -i -E "falling back to default agent|agent \".*\" not found|--agent '.*' not found" "$2" | head -n 1)
      if [ -n "$orchgen_line" ]; then
        printf 'the CLI did not run agent %s: %s' "$3" "$orchgen_line"
        return 0
      fi
      if [ "$ORCHGEN_RUNNER" = claude ]; then
        if grep -q '"permission_denials":\[{' "$1"; then
          printf 'a permission was denied (runner_ask is %s): %s' "$ORCHGEN_ASK" \
            "$(sed -n 's/.*"permission_denials":\(\[{.*}\]\).*/\1/p' "$1" | cut -c 1-400)"
          return 0
        fi
      else
        orchgen_line=$(grep 'auto-rejecting' "$2" | head -n 1)
        if [ -n "$orchgen_line" ]; then
          printf 'a permission was rejected (runner_ask is %s): %s' "$ORCHGEN_ASK" "$orchgen_line"
          return 0
        fi
      fi
      if [ "$4" -ne 0 ]; then
        printf 'the CLI exited with code %s: %s' "$4" "$(grep -v '^[[:space:]]*$' "$2" | tail -n 1 | cut -c 1-300)"
      elif [ "$ORCHGEN_RUNNER" = claude ] && ! grep -q '"type":"result"' "$1"; then
        printf 'the CLI printed no result'
      elif [ "$ORCHGEN_RUNNER" = claude ] && grep -q '"is_error":true' "$1"; then
        printf 'the CLI reported an error'
      fi
    }
    orchgen_attempt() {
      mkdir -p "$ORCHGEN_STATE/results" "$ORCHGEN_STATE/logs"
      orchgen_res=$(orchgen_result "$1")
      orchgen_base="$ORCHGEN_STATE/logs/agent-$1"
      rm -f "$orchgen_res"
      cp "$ORCHGEN_DIR/agent_tasks/agent-$1.md" "$orchgen_base.prompt.md" || return 1
      if [ -n "$REQUEST" ]; then
        printf '\n## Request\n\n%s\n' "$REQUEST" >> "$orchgen_base.prompt.md"
      fi
      case "$ORCHGEN_RUNNER:$ORCHGEN_ASK" in
        claude:approve) orchgen_perm='--permission-mode bypassPermissions' ;;
        claude:*) orchgen_perm='--permission-mode acceptEdits' ;;
        opencode:approve) orchgen_perm='--auto' ;;
        *) orchgen_perm= ;;
      esac
      if [ "$ORCHGEN_RUNNER" = claude ]; then
        $ORCHGEN_CLI -p --agent "$3" --output-format json $orchgen_perm $ORCHGEN_CLI_FLAGS \
          < "$orchgen_base.prompt.md" > "$orchgen_base.out" 2> "$orchgen_base.err"
      else
        $ORCHGEN_CLI run --agent "$3" $orchgen_perm $ORCHGEN_CLI_FLAGS \
          < "$orchgen_base.prompt.md" > "$orchgen_base.out" 2> "$orchgen_base.err"
      fi
      orchgen_code=$?
      if [ "$ORCHGEN_RUNNER" = claude ]; then
        orchgen_json_result "$orchgen_base.out" > "$orchgen_base.result"
      else
        cp "$orchgen_base.out" "$orchgen_base.result"
      fi
      orchgen_why=$(orchgen_problem "$orchgen_base.out" "$orchgen_base.err" "$3" "$orchgen_code")
      if [ -n "$orchgen_why" ]; then
        {
          printf '# Agent-%s result: %s\nStatus: failed\n## Summary\nThe runner failed this attempt: %s.\n' "$1" "$2" "$orchgen_why"
          printf 'Log: %s.out, %s.err\n## Agent output\n' "$orchgen_base" "$orchgen_base"
          cat "$orchgen_base.result"
        } > "$orchgen_res"
        orchgen_log "Agent-$1 $2: $orchgen_why"
        return 1
      fi
      if [ ! -s "$orchgen_base.result" ]; then
        printf '# Agent-%s result: %s\nStatus: failed\n## Summary\nThe agent returned no result.\n' "$1" "$2" > "$orchgen_res"
        return 1
      fi
      cp "$orchgen_base.result" "$orchgen_res"
      ! grep -Eiq '^[*_ ]*status[*_ ]*:[*_ ]*failed' "$orchgen_res"
    }
    orchgen_run() {
      orchgen_n=0
      while :; do
        orchgen_n=$((orchgen_n + 1))
        orchgen_log "Agent-$1 started $2 (attempt $orchgen_n)"
        if orchgen_attempt "$1" "$2" "$3"; then
          orchgen_log "Agent-$1 completed $2"
          return 0
        fi
        if [ "$orchgen_n" -gt "$4" ]; then
          orchgen_log "Agent-$1 failed $2 after $orchgen_n attempt(s); see $(orchgen_result "$1")"
          return 1
        fi
        orchgen_log "Agent-$1 failed $2; retrying"
      done
    }
    orchgen_skip() {
      mkdir -p "$ORCHGEN_STATE/results"
      printf '# Agent-%s result: %s\nStatus: skipped\n## Summary\nSkipped: %s.\n' "$1" "$2" "$3" > "$(orchgen_result "$1")"
      orchgen_log "Agent-$1 skipped $2: $3"
    }
    orchgen_task() {
      if [ $# -gt 4 ]; then
        orchgen_value=$(orchgen_flag "$5" "$6")
        [ "$orchgen_value" = true ] || orchgen_value=false
        if [ "$orchgen_value" != "$7" ]; then
          orchgen_skip "$1" "$2" "$8 is $orchgen_value"
          return 0
        fi
      fi
      orchgen_run "$1" "$2" "$3" "$4"
    }
    orchgen_fix() {
      if [ "$(orchgen_flag "$5" failed)" != true ]; then
        orchgen_skip "$1" "$2" "$6.failed is false"
        return 0
      fi
      orchgen_round=0
      while [ "$orchgen_round" -lt "$9" ]; do
        orchgen_round=$((orchgen_round + 1))
        orchgen_log "Fix round $orchgen_round of $9 for $6"
        orchgen_run "$1" "$2" "$3" "$4" || return 1
        orchgen_run "$5" "$6" "$7" "$8" || return 1
        [ "$(orchgen_flag "$5" failed)" = true ] || return 0
      done
      orchgen_log "$6 still reports failed: true after $9 fix round(s)"
      return 1
    }
    orchgen_final() {
      orchgen_workflow=$1
      shift
      {
        printf '# Final Report\n\nWorkflow `%s`: the result of every task, in plan order.\n' "$orchgen_workflow"
        for orchgen_item in "$@"; do
          printf '\n## Agent-%s: %s\n\n' "${orchgen_item%%:*}" "${orchgen_item#*:}"
          cat "$(orchgen_result "${orchgen_item%%:*}")" || exit 1
        done
      } > "$ORCHGEN_STATE/final_output.md.tmp" && mv "$ORCHGEN_STATE/final_output.md.tmp" "$ORCHGEN_STATE/final_output.md" \
        && orchgen_log "Result Aggregation Completed: $ORCHGEN_STATE/final_output.md"
    }

    """#
}
