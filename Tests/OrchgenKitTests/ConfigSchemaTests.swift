import Foundation
import Testing

@testable import OrchgenKit

/// Keeps the JSON Schemas in `schemas/` in step with the loader: the committed files equal the
/// library's text, the keys at every level equal the decoders' key lists, enums and patterns
/// agree with the loader's own checks, every key is documented, and the repository's config
/// files validate and point their editors at the schemas.
@Suite struct ConfigSchemaTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func load(_ schema: ConfigSchema) throws -> [String: Any] {
    let data = try Data(contentsOf: repository.appendingPathComponent(schema.path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The object at `path` (keys separated by `/`) inside `schema`.
  static func node(_ schema: [String: Any], _ path: String) throws -> [String: Any] {
    var current = schema
    for key in path.split(separator: "/") {
      current = try #require(current[String(key)] as? [String: Any], "no '\(path)' in the schema")
    }
    return current
  }

  static func propertyNames(_ schema: [String: Any], _ path: String) throws -> Set<String> {
    let object = path.isEmpty ? schema : try node(schema, path)
    return Set(try #require(object["properties"] as? [String: Any], "no properties at '\(path)'").keys)
  }

  @Test(arguments: ConfigSchema.allCases)
  func committedSchemaIsTheLibrarysText(_ schema: ConfigSchema) {
    let url = Self.repository.appendingPathComponent(schema.path)
    if let failure = Fixtures.compare(schema.text, golden: url) { Issue.record(Comment(rawValue: failure)) }
  }

  @Test func keysAtEveryLevelMatchTheDecoders() throws {
    let settings = try Self.load(.settings)
    #expect(try Self.propertyNames(settings, "") == Set(SettingsDecoder.keys))
    #expect(try Self.propertyNames(settings, "properties/defaults") == Set(SettingsDecoder.defaultsKeys))

    let agents = try Self.load(.agents)
    #expect(try Self.propertyNames(agents, "") == ["agents"])
    #expect(try Self.propertyNames(agents, "$defs/agent") == Set(AgentsDecoder.agentKeys))
    #expect(try Self.propertyNames(agents, "$defs/permissionMap") == Set(AgentRules.ruleKeys + AgentRules.actionOnlyKeys))
    #expect(try Self.propertyNames(agents, "$defs/opencode") == Set(AgentsDecoder.openCodeOverrideKeys))
    #expect(try Self.propertyNames(agents, "$defs/claude") == Set(ClaudeSettingsDecoder.keys))

    let workflow = try Self.load(.workflow)
    #expect(try Self.propertyNames(workflow, "") == Set(WorkflowDecoder.workflowKeys))
    #expect(try Self.propertyNames(workflow, "$defs/stage") == Set(WorkflowDecoder.stageKeys))
    #expect(try Self.propertyNames(workflow, "$defs/task") == Set(TaskDecoder.taskKeys))
    #expect(try Self.propertyNames(workflow, "$defs/validate") == Set(TaskDecoder.validateKeys))
    #expect(try Self.propertyNames(workflow, "$defs/fix") == Set(TaskDecoder.fixKeys))
  }

  @Test func unknownKeysAreRejectedWhereTheLoaderRejectsThem() throws {
    let closed: [(ConfigSchema, String)] = [
      (.settings, ""), (.settings, "properties/defaults"), (.agents, ""), (.agents, "$defs/agent"),
      (.agents, "$defs/opencode"), (.agents, "$defs/claude"),
      (.workflow, ""), (.workflow, "$defs/stage"), (.workflow, "$defs/task"), (.workflow, "$defs/validate"),
      (.workflow, "$defs/fix"),
    ]
    for (schema, path) in closed {
      let object = path.isEmpty ? try Self.load(schema) : try Self.node(try Self.load(schema), path)
      #expect(object["additionalProperties"] as? Bool == false, "\(schema.fileName) '\(path)' accepts unknown keys")
    }
    // Custom tool names are valid permission keys, so that map stays open.
    #expect(try Self.node(try Self.load(.agents), "$defs/permissionMap")["additionalProperties"] is [String: Any])
  }

  @Test func enumsMatchTheLoader() throws {
    let agents = try Self.load(.agents)
    let workflow = try Self.load(.workflow)
    func values(_ object: [String: Any]) -> [String] { object["enum"] as? [String] ?? [] }
    #expect(values(try Self.node(agents, "$defs/agent/properties/mode")) == AgentDefinition.Mode.allCases.map(\.rawValue))
    #expect(values(try Self.node(agents, "$defs/action")) == AgentRules.actions)
    let color = try #require(try Self.node(agents, "$defs/agent/properties/color")["anyOf"] as? [[String: Any]])
    #expect(color.map(values).contains(AgentRules.themeColors))
    #expect(values(try Self.node(workflow, "properties/merge")) == WorkflowDefinition.MergeStrategy.allCases.map(\.rawValue))
    let settings = try Self.load(.settings)
    #expect(values(try Self.node(settings, "$defs/target")) == BuildTarget.allCases.map(\.rawValue))
    #expect(values(try Self.node(settings, "properties/runner")) == RunnerCLI.allCases.map(\.rawValue))
    #expect(values(try Self.node(agents, "$defs/claude/properties/permissionMode")) == ClaudeRules.permissionModes)
    #expect(values(try Self.node(agents, "$defs/claude/properties/memory")) == ClaudeRules.memoryScopes)
    #expect(values(try Self.node(agents, "$defs/claude/properties/isolation")) == ClaudeRules.isolationModes)
    #expect(values(try Self.node(agents, "$defs/claude/properties/color")) == ClaudeRules.colors)
    #expect(values(try Self.node(workflow, "$defs/task/properties/priority")) == TaskDecoder.priorities)
  }

  @Test func patternsAgreeWithTheLoader() throws {
    let workflow = try Self.load(.workflow)
    func pattern(_ path: String) throws -> NSRegularExpression {
      let text = try #require(try Self.node(workflow, path)["pattern"] as? String)
      return try NSRegularExpression(pattern: text)
    }
    func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
      regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
    let id = try pattern("$defs/id")
    for sample in ["a", "backend-coder", "t2", "A", "2a", "a_b", "-a", "a.b", ""] {
      #expect(matches(id, sample) == ValueReader.isValidID(sample), "id '\(sample)'")
    }
    let flag = try pattern("$defs/conditionName")
    for sample in ["schema_needed", "high-complexity", "x1", "Flag", "1x", "_x", "a.b"] {
      #expect(matches(flag, sample) == TaskDecoder.isFlag(sample), "condition name '\(sample)'")
    }
    let durations = try #require(try Self.node(workflow, "$defs/duration")["anyOf"] as? [[String: Any]])
    let durationText = try #require(durations.compactMap { $0["pattern"] as? String }.first)
    let duration = try NSRegularExpression(pattern: durationText)
    for sample in ["90s", "15m", "2h", "1h30m", "1h30m15s", "2h15s", "30m1h", "1h1h", "h", "45", "1.5h", "m30", ""] {
      let loaderAccepts = ValueReader.parseDuration(sample) != nil
      #expect(matches(duration, sample) == loaderAccepts, "duration '\(sample)'")
    }
  }

  @Test(arguments: ConfigSchema.allCases)
  func everyKeyHasADescription(_ schema: ConfigSchema) throws {
    var missing: [String] = []
    func walk(_ value: Any, _ path: String) {
      if let object = value as? [String: Any] {
        if let properties = object["properties"] as? [String: Any] {
          for (key, property) in properties {
            if (property as? [String: Any])?["description"] == nil { missing.append("\(path)/\(key)") }
          }
        }
        for (key, child) in object { walk(child, "\(path)/\(key)") }
      } else if let array = value as? [Any] {
        for (index, child) in array.enumerated() { walk(child, "\(path)/\(index)") }
      }
    }
    walk(try Self.load(schema), "")
    #expect(missing.isEmpty, "keys without a description: \(missing.sorted())")
  }

  static var configFiles: [String] {
    let config = repository.appendingPathComponent("config")
    let top = (try? FileManager.default.contentsOfDirectory(atPath: config.path)) ?? []
    let workflows = (try? FileManager.default.contentsOfDirectory(atPath: config.appendingPathComponent("workflows").path)) ?? []
    return (top.map { "config/\($0)" } + workflows.map { "config/workflows/\($0)" })
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
  }

  @Test func everyConfigFileStartsWithItsSchemaModeline() throws {
    #expect(!Self.configFiles.isEmpty)
    for path in Self.configFiles {
      let text = try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
      let expected = try #require(ConfigSchema.modeline(forConfigFile: path), "no schema for \(path)")
      #expect(text.hasPrefix(expected + "\n"), "\(path) does not start with '\(expected)'")
    }
  }

  @Test(.enabled(if: SchemaValidator.isAvailable, Comment(rawValue: SchemaValidator.unavailableReason)))
  func repositoryConfigFilesValidate() throws {
    for schema in ConfigSchema.allCases {
      let files = Self.configFiles.filter { ConfigSchema.schema(forConfigFile: $0) == schema }
      guard !files.isEmpty else { continue }
      let urls = files.map { Self.repository.appendingPathComponent($0) }
      if let failure = SchemaValidator.validate(urls, against: Self.repository.appendingPathComponent(schema.path)) {
        Issue.record(Comment(rawValue: failure))
      }
    }
  }
}
