import Foundation

/// Validates JSON and YAML documents against a JSON Schema with an external validator:
/// `check-jsonschema` when it is installed (`pip install check-jsonschema`), otherwise Python's
/// `jsonschema` package (plus PyYAML for YAML files). Tests that need one are skipped with
/// `unavailableReason` when neither is on the PATH.
enum SchemaValidator {
  enum Tool: Equatable {
    case checkJSONSchema
    case pythonJSONSchema
  }

  /// The validator found on this machine, looked up once.
  static let tool: Tool? = {
    if run(["check-jsonschema", "--version"]).status == 0 { return .checkJSONSchema }
    if run(["python3", "-c", "import jsonschema, yaml"]).status == 0 { return .pythonJSONSchema }
    return nil
  }()

  static var isAvailable: Bool { tool != nil }

  static let unavailableReason =
    "no JSON Schema validator: install one with 'pip install check-jsonschema' (or 'pip install jsonschema pyyaml')"

  /// Validates every document at `instances` against the schema at `schema`. Returns nil when
  /// all are valid, else the validator's report.
  static func validate(_ instances: [URL], against schema: URL) -> String? {
    guard let tool else { return unavailableReason }
    let result: (status: Int32, output: String)
    switch tool {
    case .checkJSONSchema:
      result = run(["check-jsonschema", "--schemafile", schema.path] + instances.map(\.path))
    case .pythonJSONSchema:
      result = run(["python3", "-c", script, schema.path] + instances.map(\.path))
    }
    return result.status == 0 ? nil : "schema validation failed (\(tool)):\n\(result.output)"
  }

  /// Picks the validator class from the schema's `$schema` (draft-04 for SARIF, 2020-12 for
  /// orchgen's schemas) and reports every error.
  private static let script = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            if path.endswith((".yaml", ".yml")):
                import yaml
                document = yaml.safe_load(handle)
            else:
                document = json.load(handle)
        for error in cls(schema).iter_errors(document):
            errors.append(f"{path}: {error.json_path}: {error.message}")
    print("\\n".join(errors))
    sys.exit(1 if errors else 0)
    """

  /// Runs a command found on the PATH; status 127 when it cannot be started.
  @discardableResult
  static func run(_ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return (127, "\(error)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
