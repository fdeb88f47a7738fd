extension ConfigSchema {
  /// The JSON Schema of `config/orchgen.yaml`. `schemas/orchgen.schema.json` is this text; edit it here and run
  /// `ORCHGEN_RECORD=1 swift test --filter ConfigSchemaTests` to rewrite the file.
  static let settingsText = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://github.com/orchgen/orchgen/blob/main/schemas/orchgen.schema.json",
      "title": "orchgen project settings (config/orchgen.yaml)",
      "description": "Model aliases and the defaults every agent and workflow falls back to. The file is optional.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "models": {
          "description": "Model aliases usable wherever a model is named: each key is an alias, each value a provider/model id.",
          "type": "object",
          "propertyNames": {
            "description": "The alias, e.g. deep, balanced or fast.",
            "minLength": 1
          },
          "additionalProperties": {
            "$ref": "#/$defs/providerModel"
          }
        },
        "defaults": {
          "description": "Values used where an agent, task or workflow gives none.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "model": {
              "description": "The model of agents that name none: an alias from 'models' or a provider/model id.",
              "type": "string",
              "minLength": 1
            },
            "estimate": {
              "description": "The estimate of tasks that give none, and of generated gate tasks (built-in: 30m).",
              "$ref": "#/$defs/duration"
            },
            "max_concurrent": {
              "description": "How many tasks a workflow runs at once unless it says otherwise (built-in: 4).",
              "type": "integer",
              "minimum": 1
            }
          }
        },
        "targets": {
          "description": "The tools build emits files for: opencode (output/opencode/), claude (output/claude/), agents-md (output/AGENTS.md), github-actions (output/github/workflows/, one GitHub Actions workflow per workflow). Default: [opencode].",
          "anyOf": [
            {
              "$ref": "#/$defs/target"
            },
            {
              "type": "array",
              "minItems": 1,
              "uniqueItems": true,
              "items": {
                "$ref": "#/$defs/target"
              }
            }
          ]
        },
        "runner": {
          "description": "The CLI the generated runners (output/workflows/<workflow>/run.mk and run.ps1) start for each task; it must be one of the targets. Default: opencode.",
          "enum": ["opencode", "claude"]
        },
        "runner_ask": {
          "description": "What a permission that would ask a person becomes when the runners run a task headless: reject (default; opencode run without --auto, claude -p --permission-mode acceptEdits, and the runner fails the task on a rejection) or approve (opencode run --auto, claude -p --permission-mode bypassPermissions).",
          "enum": ["reject", "approve"]
        }
      },
      "$defs": {
        "target": {
          "description": "A tool to emit for.",
          "enum": ["opencode", "claude", "agents-md", "github-actions"]
        },
        "providerModel": {
          "description": "A model id in provider/model form, e.g. anthropic/claude-sonnet-4-5.",
          "type": "string",
          "pattern": "^[^/\\s]+/\\S+$"
        },
        "duration": {
          "description": "A duration: 90s, 15m, 2h, 1h30m (units largest first, each once) or an integer number of minutes.",
          "anyOf": [
            {
              "type": "integer",
              "minimum": 0
            },
            {
              "type": "string",
              "pattern": "^(?:[0-9]{1,6}h(?:[0-9]{1,6}m)?(?:[0-9]{1,6}s)?|[0-9]{1,6}m(?:[0-9]{1,6}s)?|[0-9]{1,6}s)$"
            }
          ]
        }
      }
    }

    """#
}
