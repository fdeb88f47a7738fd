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
            },
            "opencode": {
              "description": "OpenCode fields that replace the agent's own in output/opencode/ only.",
              "$ref": "#/$defs/opencode"
            },
            "claude": {
              "description": "Claude Code subagent fields for output/claude/agents/<agent-id>.md.",
              "$ref": "#/$defs/claude"
            }
          }
        },
        "opencode": {
          "description": "Per-target OpenCode values; each replaces the agent's field of the same name in the OpenCode files.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "description": { "description": "The description OpenCode shows.", "type": "string", "minLength": 1 },
            "model": { "description": "An alias or provider/model id.", "type": "string", "minLength": 1 },
            "variant": { "description": "The model variant.", "type": "string", "minLength": 1 },
            "temperature": { "description": "Sampling temperature, from 0 to 2.", "type": "number", "minimum": 0, "maximum": 2 },
            "top_p": { "description": "Nucleus sampling, from 0 to 1.", "type": "number", "minimum": 0, "maximum": 1 },
            "steps": { "description": "The maximum number of agentic iterations.", "type": "integer", "minimum": 1 },
            "color": {
              "description": "A quoted hex colour \"#RRGGBB\" or a theme colour.",
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
            "hidden": { "description": "Hide the agent from @ autocomplete; subagents only.", "type": "boolean" },
            "permission": {
              "description": "Replaces the agent's permission in the OpenCode files.",
              "anyOf": [
                {
                  "$ref": "#/$defs/action"
                },
                {
                  "$ref": "#/$defs/permissionMap"
                }
              ]
            }
          }
        },
        "claude": {
          "description": "Claude Code subagent fields. Unset: tools derived from the OpenCode permissions (or inherited), model mapped from the agent's model, maxTurns from steps.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "description": { "description": "When Claude Code should delegate to the agent (default: the agent's description).", "type": "string", "minLength": 1 },
            "tools": { "description": "Allowed tools: Read, Bash(git diff:*), mcp__server__tool …; a comma-separated string or a list.", "$ref": "#/$defs/claudeTools" },
            "disallowedTools": { "description": "Tools removed from the inherited or allowed ones.", "$ref": "#/$defs/claudeTools" },
            "model": { "description": "sonnet, opus, haiku, inherit, a claude-… id, or an alias or provider/model of an anthropic/claude-… model.", "type": "string", "minLength": 1 },
            "permissionMode": { "description": "The subagent's permission mode.", "enum": ["default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan"] },
            "maxTurns": { "description": "The most agentic turns before the subagent stops (default: steps).", "type": "integer", "minimum": 1 },
            "skills": { "description": "Skill names to preload.", "$ref": "#/$defs/stringList" },
            "mcpServers": { "description": "MCP server names the subagent may use.", "$ref": "#/$defs/stringList" },
            "memory": { "description": "Persistent memory scope.", "enum": ["user", "project", "local"] },
            "background": { "description": "Always run as a background task.", "type": "boolean" },
            "isolation": { "description": "Run in a temporary git worktree.", "enum": ["worktree"] },
            "effort": { "description": "Effort level, such as low, medium or high.", "type": "string", "pattern": "^[a-z]+$" },
            "color": { "description": "The subagent's colour in Claude Code.", "enum": ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan", "magenta"] }
          }
        },
        "claudeTools": {
          "description": "A comma-separated string or a list of tool entries.",
          "anyOf": [
            {
              "type": "string",
              "minLength": 1
            },
            {
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "string",
                "minLength": 1
              }
            }
          ]
        },
        "stringList": {
          "description": "A string or a list of strings.",
          "anyOf": [
            {
              "type": "string",
              "minLength": 1
            },
            {
              "type": "array",
              "items": {
                "type": "string",
                "minLength": 1
              }
            }
          ]
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
