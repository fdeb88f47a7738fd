/// The POSIX shell functions `run.mk` loads (`ORCHGEN_SH`): the driver loop that asks `orchgen
/// next` what may start, runs each task in the background and records it with `orchgen done`
/// (retries, conditions and fix loops are the engine's), one CLI run per attempt with the prompt
/// file on stdin, and the checks that turn a fallback to another agent or a rejected permission
/// into a failed result (Claude Code's `--output-format json` decoded with awk).
enum MakeRunnerLibrary {
  /// The shell functions every recipe loads; `$` is doubled when written into the Makefile.
  static let text = #"""
    orchgen_log() {
      printf 'orchgen: %s\n' "$1"
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
      orchgen_base="$ORCHGEN_STATE/logs/agent-$1"
      rm -f "$orchgen_base.result"
      if ! cp "$ORCHGEN_DIR/agent_tasks/agent-$1.md" "$orchgen_base.prompt.md"; then
        printf '# Agent-%s result: %s\nStatus: failed\n## Summary\nThe runner could not read the task file %s.\n' \
          "$1" "$2" "$ORCHGEN_DIR/agent_tasks/agent-$1.md" > "$orchgen_base.result"
        return 1
      fi
      if [ -n "$ORCHGEN_REQUEST" ]; then
        printf '\n## Request\n\n%s\n' "$ORCHGEN_REQUEST" >> "$orchgen_base.prompt.md"
      fi
      if [ "$ORCHGEN_ASK" = approve ]; then orchgen_perm=$ORCHGEN_FLAGS_APPROVE; else orchgen_perm=$ORCHGEN_FLAGS_REJECT; fi
      if [ "$ORCHGEN_RUNNER" = claude ]; then
        $ORCHGEN_CLI -p --agent "$3" --output-format json $orchgen_perm $ORCHGEN_CLI_FLAGS \
          < "$orchgen_base.prompt.md" > "$orchgen_base.out" 2> "$orchgen_base.err"
      else
        $ORCHGEN_CLI run --agent "$3" $orchgen_perm $ORCHGEN_CLI_FLAGS \
          < "$orchgen_base.prompt.md" > "$orchgen_base.out" 2> "$orchgen_base.err"
      fi
      orchgen_code=$?
      if [ "$ORCHGEN_RUNNER" = claude ]; then
        orchgen_json_result "$orchgen_base.out" > "$orchgen_base.text"
      else
        cp "$orchgen_base.out" "$orchgen_base.text"
      fi
      orchgen_why=$(orchgen_problem "$orchgen_base.out" "$orchgen_base.err" "$3" "$orchgen_code")
      if [ -n "$orchgen_why" ]; then
        {
          printf '# Agent-%s result: %s\nStatus: failed\n## Summary\nThe runner failed this attempt: %s.\n' "$1" "$2" "$orchgen_why"
          printf 'Log: %s.out, %s.err\n## Agent output\n' "$orchgen_base" "$orchgen_base"
          cat "$orchgen_base.text"
        } > "$orchgen_base.result"
        orchgen_log "Agent-$1 $2: $orchgen_why"
      elif [ ! -s "$orchgen_base.text" ]; then
        printf '# Agent-%s result: %s\nStatus: failed\n## Summary\nThe agent returned no result.\n' "$1" "$2" > "$orchgen_base.result"
      else
        cp "$orchgen_base.text" "$orchgen_base.result"
      fi
    }
    orchgen_drive() {
      if ! command -v "$ORCHGEN" > /dev/null 2>&1; then
        printf 'orchgen: %s is not on PATH: install orchgen (see its README) or set ORCHGEN=<path>\n' "$ORCHGEN" >&2
        return 1
      fi
      orchgen_jobs="$ORCHGEN_STATE/runner/$ORCHGEN_WORKFLOW"
      rm -rf "$orchgen_jobs"
      mkdir -p "$orchgen_jobs" "$ORCHGEN_STATE/logs" || return 1
      orchgen_tab=$(printf '\t')
      orchgen_first=--interrupted
      # Ctrl-C or a kill stops the agents too: background jobs ignore SIGINT, their CLIs would go on.
      trap 'trap - INT TERM; kill -TERM 0 2> /dev/null; exit 130' INT TERM
      while :; do
        "$ORCHGEN" next "$ORCHGEN_WORKFLOW" --format lines "--request=$ORCHGEN_REQUEST" --no-ai-merge $orchgen_first \
          > "$orchgen_jobs/next" 2> "$orchgen_jobs/next.err"
        orchgen_first=
        if [ ! -s "$orchgen_jobs/next" ]; then
          cat "$orchgen_jobs/next.err" >&2
          wait
          return 1
        fi
        while IFS="$orchgen_tab" read -r orchgen_action orchgen_id orchgen_number orchgen_agent orchgen_file; do
          case "$orchgen_action" in
            start)
              orchgen_log "Agent-$orchgen_number started $orchgen_id (agent $orchgen_agent)"
              (
                orchgen_attempt "$orchgen_number" "$orchgen_id" "$orchgen_agent"
                if "$ORCHGEN" done "$ORCHGEN_WORKFLOW" "$orchgen_id" --result "$ORCHGEN_STATE/logs/agent-$orchgen_number.result" \
                  > "$orchgen_jobs/done.$orchgen_id" 2>&1; then
                  sed 's/^/orchgen: /' "$orchgen_jobs/done.$orchgen_id" | grep -v 'orchgen: Next:'
                  touch "$orchgen_jobs/finished.$orchgen_id"
                else
                  # The state still has the task running: nothing would ever finish it.
                  cat "$orchgen_jobs/done.$orchgen_id" >&2
                  touch "$orchgen_jobs/broken.$orchgen_id"
                fi
              ) &
              ;;
            finished)
              wait
              orchgen_log "the run of $ORCHGEN_WORKFLOW completed; final output: $orchgen_id"
              return 0
              ;;
            failed)
              wait
              printf 'orchgen: the run of %s failed: %s\n' "$ORCHGEN_WORKFLOW" "$orchgen_id" >&2
              return 1
              ;;
          esac
        done < "$orchgen_jobs/next"
        # Wait until a task finishes, then ask again.
        while :; do
          orchgen_finished=$(cd "$orchgen_jobs" && ls | grep '^finished\.')
          [ -n "$orchgen_finished" ] && break
          if [ -n "$(cd "$orchgen_jobs" && ls | grep '^broken\.')" ]; then
            wait
            printf 'orchgen: recording a result failed (above); the run of %s stops here\n' "$ORCHGEN_WORKFLOW" >&2
            return 1
          fi
          sleep 0.2
        done
        for orchgen_marker in $orchgen_finished; do rm -f "$orchgen_jobs/$orchgen_marker"; done
      done
    }

    """#
}
