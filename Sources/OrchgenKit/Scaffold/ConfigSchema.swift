/// The JSON Schemas (draft 2020-12) of orchgen's YAML files, for editors: with the YAML
/// language server, a first line `# yaml-language-server: $schema=<path>` gives completion,
/// hover documentation and validation of every key.
///
/// The schemas mirror the loader: `additionalProperties: false` wherever it rejects unknown
/// keys, the same enums, patterns and ranges. `schemas/` at the repository root holds the same
/// text, `orchgen init` copies it into new projects, and `ConfigSchemaTests` keeps the key
/// sets equal to the decoders' key lists. The loader stays the authority: some checks (a
/// model alias that exists, a `when` naming an ancestor) need the whole project.
public enum ConfigSchema: String, Sendable, CaseIterable {
  /// `config/orchgen.yaml`.
  case settings
  /// `config/agents.yaml`.
  case agents
  /// `config/workflows/<name>.yaml`.
  case workflow

  /// The schema's file name in `schemas/`.
  public var fileName: String {
    switch self {
    case .settings: "orchgen.schema.json"
    case .agents: "agents.schema.json"
    case .workflow: "workflow.schema.json"
    }
  }

  /// The schema's path relative to a project root.
  public var path: String { "schemas/\(fileName)" }

  /// The schema document, pretty-printed JSON ending with a newline.
  public var text: String {
    switch self {
    case .settings: Self.settingsText
    case .agents: Self.agentsText
    case .workflow: Self.workflowText
    }
  }

  /// The schema that describes the project file at `path` (relative to the root), if any.
  public static func schema(forConfigFile path: String) -> ConfigSchema? {
    if path == "config/orchgen.yaml" { return .settings }
    if path == "config/agents.yaml" { return .agents }
    if path.hasPrefix("config/workflows/"), path.hasSuffix(".yaml"),
      !path.dropFirst("config/workflows/".count).contains("/")
    {
      return .workflow
    }
    return nil
  }

  /// `# yaml-language-server: $schema=<relative path>` for the project file at `path`, with
  /// the schema path relative to that file's directory.
  public static func modeline(forConfigFile path: String) -> String? {
    guard let schema = schema(forConfigFile: path) else { return nil }
    let depth = path.split(separator: "/").count - 1
    let up = String(repeating: "../", count: depth)
    return "# yaml-language-server: $schema=\(up)\(schema.path)"
  }
}
