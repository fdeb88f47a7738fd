/// JSON Schemas for the run-time state files a coordinator keeps under `.orchestrator/`, so
/// that a resumed run (or a tool) can check them before trusting them.
public enum StateSchemaGenerator {
  public static let checkpointPath = "schemas/checkpoint.schema.json"
  public static let discoveryPath = "schemas/discovery.schema.json"

  public static func files() -> [GeneratedFile] {
    [
      GeneratedFile(path: checkpointPath, contents: checkpoint.rendered()),
      GeneratedFile(path: discoveryPath, contents: discovery.rendered()),
    ]
  }

  private static func string(_ description: String) -> JSONValue {
    .object([("type", .string("string")), ("description", .string(description))])
  }

  private static func timestamp(_ description: String) -> JSONValue {
    .object([("type", .array([.string("string"), .string("null")])), ("description", .string(description))])
  }

  private static let status = JSONValue.object([
    ("type", .string("string")),
    ("enum", .array(["pending", "running", "completed", "failed", "skipped"].map(JSONValue.string))),
  ])

  private static let taskState = JSONValue.object([
    ("type", .string("object")),
    ("required", .array(["agent_id", "status", "attempts"].map(JSONValue.string))),
    ("properties", .object([
      ("agent_id", .object([("type", .string("string")), ("pattern", .string("^Agent-[0-9]{2,}$"))])),
      ("agent", string("the agent the task was dispatched to")),
      ("status", status),
      ("attempts", .object([("type", .string("integer")), ("minimum", .integer(0)), ("description", .string("runs started so far, retries and fix-loop re-runs included"))])),
      ("failures", .object([("type", .string("integer")), ("minimum", .integer(0)), ("description", .string("failed runs so far, counted against the task's retries"))])),
      ("error", timestamp("why the latest run failed")),
      ("fix_rounds", .object([("type", .string("integer")), ("minimum", .integer(0)), ("description", .string("fix-loop rounds used so far"))])),
      ("started_at", timestamp("ISO 8601 time the latest attempt started")),
      ("finished_at", timestamp("ISO 8601 time the task completed, failed or was skipped")),
      ("result", .object([("type", .array([.string("string"), .string("null")])), ("description", .string("path of the result file, e.g. .orchestrator/results/agent-01-result.md"))])),
      ("decisions", .object([
        ("type", .string("object")), ("description", .string("flags this task decided, e.g. {\"schema_needed\": true}")),
        ("additionalProperties", .object([("type", .string("boolean"))])),
      ])),
      ("skip_reason", timestamp("why a skipped task was skipped, e.g. 'discovery.schema_needed is false'")),
    ])),
    ("additionalProperties", .bool(false)),
  ])

  static let checkpoint = JSONValue.object([
    ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
    ("$id", .string("https://orchgen.dev/schemas/checkpoint.schema.json")),
    ("title", .string("orchgen run checkpoint (.orchestrator/checkpoint.json)")),
    ("description", .string("orchgen next and orchgen done rewrite this file after every state change; a new session resumes from it.")),
    ("type", .string("object")),
    ("required", .array(["workflow", "plan_hash", "tasks", "phases_complete", "agents_active"].map(JSONValue.string))),
    ("properties", .object([
      ("workflow", string("name of the workflow being run")),
      ("plan_hash", string("SHA-256 of the workflow's plan.json; a mismatch means the plan changed since the run started")),
      ("request", string("the user's request, verbatim")),
      ("status", .object([
        ("type", .string("string")), ("enum", .array(["running", "completed", "failed"].map(JSONValue.string))),
        ("description", .string("the run's outcome so far")),
      ])),
      ("failure", timestamp("why the run failed: the task and the reason")),
      ("base_commit", timestamp("the git commit HEAD was at when the run started (orchgen audit compares against it)")),
      ("events", .object([("type", .string("integer")), ("minimum", .integer(0)), ("description", .string("state changes so far"))])),
      ("started_at", timestamp("ISO 8601 time the run started")),
      ("updated_at", timestamp("ISO 8601 time of the last state change")),
      ("phases_complete", .object([
        ("type", .string("object")),
        ("description", .string("batch name (batch-1, batch-2, …) → whether every task of the batch is done")),
        ("additionalProperties", .object([("type", .string("boolean"))])),
      ])),
      ("tasks", .object([
        ("type", .string("object")), ("description", .string("task id → state")),
        ("additionalProperties", taskState),
      ])),
      ("agents_active", .object([
        ("type", .string("array")), ("description", .string("tasks running now, as 'Agent-NN: task-id'")),
        ("items", .object([("type", .string("string"))])),
      ])),
      ("final_output", timestamp("path of final_output.md once aggregation is done")),
    ])),
    ("additionalProperties", .bool(false)),
  ])

  static let discovery = JSONValue.object([
    ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
    ("$id", .string("https://orchgen.dev/schemas/discovery.schema.json")),
    ("title", .string("orchgen discovery map (the discovery.json artifact, handed off in the discovery task's result)")),
    ("description", .string("What the run learned about the request: decisions that settle conditions, and the dependency map that enables parallelism.")),
    ("type", .string("object")),
    ("required", .array(["summary", "decisions"].map(JSONValue.string))),
    ("properties", .object([
      ("summary", string("one paragraph: what the request needs")),
      ("decisions", .object([
        ("type", .string("object")),
        ("description", .string("'<task>.<flag>' → value, e.g. {\"discovery.schema_needed\": true}")),
        ("propertyNames", .object([("pattern", .string("^[a-z][a-z0-9-]*\\.[a-z][a-z0-9_-]*$"))])),
        ("additionalProperties", .object([("type", .string("boolean"))])),
      ])),
      ("files", .object([
        ("type", .string("array")),
        ("items", .object([
          ("type", .string("object")), ("required", .array([.string("path")])),
          ("properties", .object([("path", string("file the request touches")), ("reason", string("why"))])),
        ])),
      ])),
      ("dependencies", .object([
        ("type", .string("array")),
        ("items", .object([
          ("type", .string("object")), ("required", .array([.string("from"), .string("to")])),
          ("properties", .object([("from", string("what depends")), ("to", string("on what")), ("reason", string("why"))])),
        ])),
      ])),
      ("risks", .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])),
    ])),
  ])
}
