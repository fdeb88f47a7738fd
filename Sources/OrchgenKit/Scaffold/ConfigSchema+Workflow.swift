extension ConfigSchema {
  /// The JSON Schema of `config/workflows/<name>.yaml`. `schemas/workflow.schema.json` is this text; edit it here and run
  /// `ORCHGEN_RECORD=1 swift test --filter ConfigSchemaTests` to rewrite the file.
  static let workflowText = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://github.com/orchgen/orchgen/blob/main/schemas/workflow.schema.json",
      "title": "orchgen workflow (config/workflows/<name>.yaml)",
      "description": "One workflow: a task graph a coordinator runs in parallel. The workflow id is the file name without .yaml.",
      "type": "object",
      "additionalProperties": false,
      "required": ["description"],
      "anyOf": [
        { "required": ["tasks"] },
        { "required": ["stages"] }
      ],
      "properties": {
        "description": {
          "description": "What the workflow delivers.",
          "type": "string",
          "minLength": 1
        },
        "coordinator": {
          "description": "The primary agent that runs the workflow (default: the agent named coordinator).",
          "$ref": "#/$defs/id"
        },
        "max_concurrent": {
          "description": "How many tasks run at once (default: defaults.max_concurrent, else 4).",
          "type": "integer",
          "minimum": 1
        },
        "merge": {
          "description": "How results are merged into final_output.md: concatenate (one section per task in plan order, the default), structured (grouped by kind of result) or ai (merged by the coordinator).",
          "enum": ["concatenate", "structured", "ai"]
        },
        "tasks": {
          "description": "The tasks: each key is a task id, each value the task.",
          "$ref": "#/$defs/tasks"
        },
        "stages": {
          "description": "Tasks grouped in stages; every task of a stage waits for every task of the previous one.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/stage"
          }
        }
      },
      "$defs": {
        "id": {
          "description": "An id: lowercase letters, digits and '-', starting with a letter, at most 64 characters.",
          "type": "string",
          "pattern": "^[a-z][a-z0-9-]*$",
          "maxLength": 64
        },
        "ids": {
          "description": "A list of ids, or a single id.",
          "anyOf": [
            { "$ref": "#/$defs/id" },
            { "type": "array", "items": { "$ref": "#/$defs/id" } },
            { "type": "null" }
          ]
        },
        "strings": {
          "description": "A list of strings, or a single string.",
          "anyOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" } },
            { "type": "null" }
          ]
        },
        "conditionName": {
          "description": "A condition name: lowercase letters, digits, '_' and '-', starting with a letter.",
          "type": "string",
          "pattern": "^[a-z][a-z0-9_-]*$"
        },
        "condition": {
          "description": "<task>.<condition>: a task that runs before this one and lists the condition in 'decides'.",
          "type": "string",
          "pattern": "^[a-z][a-z0-9-]*\\.[a-z][a-z0-9_-]*$"
        },
        "duration": {
          "description": "A duration: 90s, 15m, 2h, 1h30m (units largest first, each once) or an integer number of minutes.",
          "anyOf": [
            { "type": "integer", "minimum": 0 },
            {
              "type": "string",
              "pattern": "^(?:[0-9]{1,6}h(?:[0-9]{1,6}m)?(?:[0-9]{1,6}s)?|[0-9]{1,6}m(?:[0-9]{1,6}s)?|[0-9]{1,6}s)$"
            }
          ]
        },
        "tasks": {
          "type": "object",
          "propertyNames": { "$ref": "#/$defs/id" },
          "additionalProperties": { "$ref": "#/$defs/task" }
        },
        "stage": {
          "description": "One stage of the workflow.",
          "type": "object",
          "additionalProperties": false,
          "required": ["stage", "tasks"],
          "properties": {
            "stage": { "description": "The stage's name.", "type": "string", "minLength": 1 },
            "description": { "description": "What the stage achieves.", "type": "string" },
            "tasks": { "description": "The stage's tasks: each key is a task id, each value the task.", "$ref": "#/$defs/tasks" }
          }
        },
        "task": {
          "description": "One task, done by one agent.",
          "type": "object",
          "additionalProperties": false,
          "required": ["agent"],
          "not": { "required": ["when", "unless"] },
          "properties": {
            "agent": { "description": "Who does the task: a subagent or all-mode agent.", "$ref": "#/$defs/id" },
            "description": { "description": "What to do; written into the task file.", "type": "string" },
            "needs": { "description": "Tasks that must finish (or be skipped) first.", "$ref": "#/$defs/ids" },
            "produces": { "description": "Hand-off artifacts this task writes.", "$ref": "#/$defs/strings" },
            "consumes": { "description": "Artifacts this task reads; each is produced by exactly one task that runs before it.", "$ref": "#/$defs/strings" },
            "decides": {
              "description": "Run-time conditions this task settles, for 'when' and 'unless' of later tasks.",
              "anyOf": [
                { "$ref": "#/$defs/conditionName" },
                { "type": "array", "items": { "$ref": "#/$defs/conditionName" } },
                { "type": "null" }
              ]
            },
            "when": { "description": "Run only if the condition is true; otherwise the task is skipped.", "$ref": "#/$defs/condition" },
            "unless": { "description": "Run only if the condition is false; at most one of 'when' and 'unless'.", "$ref": "#/$defs/condition" },
            "writes": { "description": "Globs of the files the task may change: ** any path, * within one directory, ? one character, a trailing / a whole directory.", "$ref": "#/$defs/strings" },
            "retries": { "description": "Re-runs after a failure (default 0).", "type": "integer", "minimum": 0, "maximum": 10 },
            "estimate": { "description": "Expected duration, for the plan (default: defaults.estimate).", "$ref": "#/$defs/duration" },
            "priority": { "description": "Overrides the computed priority: P0 is the critical path, P3 can be delayed.", "enum": ["P0", "P1", "P2", "P3"] },
            "reviewers": { "description": "Agents that review the task, each in a review gate after it.", "$ref": "#/$defs/ids" },
            "reviews": { "description": "Tasks this task reviews; they must run before it.", "$ref": "#/$defs/ids" },
            "validate": { "description": "A validator gating what follows, with an optional bounded fix loop.", "$ref": "#/$defs/validate" },
            "fix": { "description": "A bounded fix loop when the task reports failure.", "$ref": "#/$defs/fix" },
            "for_each": { "description": "Run the task once per item ({item} is replaced in description, produces, consumes, writes and success).", "$ref": "#/$defs/ids" },
            "success": { "description": "Success criteria, written into the task file.", "$ref": "#/$defs/strings" }
          }
        },
        "validate": {
          "type": "object",
          "additionalProperties": false,
          "required": ["agent"],
          "properties": {
            "agent": { "description": "The validator agent; its gate decides 'failed'.", "$ref": "#/$defs/id" },
            "description": { "description": "What the validator checks.", "type": "string" },
            "fix": { "description": "A fixer run when validation fails, then the validator runs again.", "$ref": "#/$defs/fix" }
          }
        },
        "fix": {
          "type": "object",
          "additionalProperties": false,
          "required": ["agent", "max_rounds"],
          "properties": {
            "agent": { "description": "The fixer agent.", "$ref": "#/$defs/id" },
            "max_rounds": { "description": "The most fix rounds, from 1 to 10.", "type": "integer", "minimum": 1, "maximum": 10 }
          }
        }
      }
    }

    """#
}
