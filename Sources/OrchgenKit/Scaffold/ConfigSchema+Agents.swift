extension ConfigSchema {
  /// The JSON Schema of `config/agents.yaml`. `schemas/agents.schema.json` is this text; edit it here and run
  /// `ORCHGEN_RECORD=1 swift test --filter ConfigSchemaTests` to rewrite the file.
  static let agentsText = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://github.com/orchgen/orchgen/blob/main/schemas/agents.schema.json",
      "title": "orchgen agent library (config/agents.yaml)",
      "description": "Every agent of the project. Fields follow OpenCode's agent schema, so what passes orchgen check loads in OpenCode.",
      "type": "object",
      "additionalProperties": false,
      "required": ["agents"],
      "properties": {
        "agents": {
          "description": "Each key is an agent id, each value its definition.",
          "type": "object",
          "propertyNames": {
            "$ref": "#/$defs/id"
          },
          "additionalProperties": {
            "$ref": "#/$defs/agent"
          }
        }
      },
      "$defs": {
        "id": {
          "description": "An agent id: lowercase letters, digits and '-', starting with a letter, at most 64 characters. It becomes a file name.",
          "type": "string",
          "pattern": "^[a-z][a-z0-9-]*$",
          "maxLength": 64
        },
        "agent": {
          "description": "One agent.",
          "type": "object",
          "additionalProperties": false,
          "required": ["description"],
          "properties": {
            "description": {
              "description": "When to use the agent; OpenCode lists it to the coordinator.",
              "type": "string",
              "minLength": 1
            },
            "mode": {
              "description": "primary: an agent the user talks to (coordinators); subagent: a worker started by another agent (the default); all: both.",
              "enum": ["primary", "subagent", "all"]
            },
            "model": {
              "description": "The agent's model: an alias from config/orchgen.yaml or a provider/model id (default: defaults.model).",
              "type": "string",
              "minLength": 1
            },
            "variant": {
              "description": "The model variant (reasoning preset) OpenCode should use.",
              "type": "string",
              "minLength": 1
            },
            "temperature": {
              "description": "Sampling temperature, from 0 to 2.",
              "type": "number",
              "minimum": 0,
              "maximum": 2
            },
            "top_p": {
              "description": "Nucleus sampling, from 0 to 1.",
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "steps": {
              "description": "The maximum number of agentic iterations.",
              "type": "integer",
              "minimum": 1
            },
            "color": {
              "description": "The agent's colour in OpenCode: a quoted hex colour \"#RRGGBB\" or a theme colour.",
              "anyOf": [
                {
                  "type": "string",
                  "pattern": "^#[0-9a-fA-F]{6}$"
                },
                {
                  "enum": ["primary", "secondary", "accent", "success", "warning", "error", "info"]
                }
              ]
            },
            "hidden": {
              "description": "Hide the agent from @ autocomplete; subagents only.",
              "type": "boolean"
            },
            "permission": {
              "description": "One action for every tool, or a map of permissions to actions or pattern maps.",
              "anyOf": [
                {
                  "$ref": "#/$defs/action"
                },
                {
                  "$ref": "#/$defs/permissionMap"
                }
              ]
            },
            "instructions": {
              "description": "The instruction file, relative to the project root (default: content/instructions/<agent-id>.md).",
              "type": "string",
              "minLength": 1
            }
          }
        },
        "action": {
          "description": "ask: ask the user first; allow: run without asking; deny: refuse.",
          "enum": ["ask", "allow", "deny"]
        },
        "rule": {
          "description": "An action, or a map of patterns to actions (the last matching pattern wins, so put \"*\" first).",
          "anyOf": [
            {
              "$ref": "#/$defs/action"
            },
            {
              "type": "object",
              "additionalProperties": {
                "$ref": "#/$defs/action"
              }
            }
          ]
        },
        "permissionMap": {
          "description": "Permissions by tool. Other keys are custom tool names; keys with * or ? match tool names.",
          "type": "object",
          "additionalProperties": {
            "$ref": "#/$defs/rule"
          },
          "properties": {
            "read": { "description": "Reading files, by path pattern.", "$ref": "#/$defs/rule" },
            "edit": { "description": "Editing and writing files, by path pattern.", "$ref": "#/$defs/rule" },
            "glob": { "description": "Finding files by glob.", "$ref": "#/$defs/rule" },
            "grep": { "description": "Searching file contents.", "$ref": "#/$defs/rule" },
            "list": { "description": "Listing directories.", "$ref": "#/$defs/rule" },
            "bash": { "description": "Running shell commands, by command pattern.", "$ref": "#/$defs/rule" },
            "task": { "description": "Starting subagents, by agent name.", "$ref": "#/$defs/rule" },
            "external_directory": { "description": "Touching files outside the project directory.", "$ref": "#/$defs/rule" },
            "lsp": { "description": "Language-server queries.", "$ref": "#/$defs/rule" },
            "skill": { "description": "Loading skills, by skill name.", "$ref": "#/$defs/rule" },
            "question": { "description": "Asking the user questions (an action only).", "$ref": "#/$defs/action" },
            "webfetch": { "description": "Fetching web pages (an action only).", "$ref": "#/$defs/action" },
            "websearch": { "description": "Searching the web (an action only).", "$ref": "#/$defs/action" },
            "doom_loop": { "description": "Continuing when the same tool call repeats (an action only).", "$ref": "#/$defs/action" },
            "codesearch": { "description": "Code search (an action only).", "$ref": "#/$defs/action" },
            "todowrite": { "description": "Writing the todo list (an action only).", "$ref": "#/$defs/action" },
            "todoread": { "description": "Reading the todo list (an action only).", "$ref": "#/$defs/action" }
          }
        }
      }
    }

    """#
}
