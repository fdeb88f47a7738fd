/// Decodes `config/orchgen.yaml`.
enum SettingsDecoder {
  static let keys = ["models", "defaults", "targets", "runner", "runner_ask"]
  static let defaultsKeys = ["model", "estimate", "max_concurrent"]

  static func decode(_ node: YAMLNode, file: String, diagnostics: inout [Diagnostic]) -> ProjectSettings {
    var settings = ProjectSettings()
    settings.file = file
    guard let root = MappingReader(node, subject: "'\(file)'", keys: keys, diagnostics: &diagnostics)
    else { return settings }
    if let models = root.value("models") {
      settings.models = decodeModels(models, &diagnostics)
    }
    if let defaults = root.value("defaults"),
      let map = MappingReader(defaults, subject: "defaults", keys: defaultsKeys, diagnostics: &diagnostics)
    {
      if let model = map.value("model") {
        settings.defaultModel = ValueReader.string(model, "defaults.model", &diagnostics)
      }
      if let estimate = map.value("estimate"),
        let seconds = ValueReader.duration(estimate, "defaults.estimate", &diagnostics)
      {
        settings.defaultEstimate = seconds.value
      }
      if let cap = map.value("max_concurrent") {
        settings.defaultMaxConcurrent = MaxConcurrent.read(cap, "defaults.max_concurrent", &diagnostics)
      }
    }
    if let targets = root.value("targets") {
      settings.targets = TargetsReader.targets(targets, &diagnostics)
    }
    if let runner = root.value("runner") {
      settings.runner = TargetsReader.runner(runner, targets: settings.targets, &diagnostics) ?? settings.runner
    }
    if let ask = root.value("runner_ask") {
      settings.runnerAsk = TargetsReader.runnerAsk(ask, &diagnostics) ?? settings.runnerAsk
    }
    return settings
  }

  /// `models:` is an open mapping alias → provider/model, so it is read pair by pair.
  private static func decodeModels(
    _ node: YAMLNode, _ diagnostics: inout [Diagnostic]
  ) -> [(alias: Located<String>, model: Located<String>)] {
    guard case .mapping(let pairs, _) = node else {
      diagnostics.append(
        Diagnostic(.wrongType, "models must be a mapping of alias to provider/model, found \(node.typeName)", at: node.location))
      return []
    }
    var seen: [String: SourceLocation] = [:]
    var result: [(alias: Located<String>, model: Located<String>)] = []
    for pair in pairs {
      let alias = Located(pair.key.value, at: pair.key.location)
      if let first = seen[alias.value] {
        diagnostics.append(
          Diagnostic(
            .duplicateKey, "duplicate key '\(alias.value)' in models", at: alias.location,
            notes: [.init("first defined here", at: first)],
            help: "remove one of the two '\(alias.value)' entries"))
        continue
      }
      seen[alias.value] = alias.location
      guard let model = ValueReader.string(pair.value, "model alias '\(alias.value)'", &diagnostics) else { continue }
      if !AgentRules.isProviderModel(model.value) {
        diagnostics.append(
          Diagnostic(
            .agentModel, "model alias '\(alias.value)' maps to '\(model.value)', which is not provider/model",
            at: model.location, help: "write the full model id, e.g. anthropic/claude-sonnet-4-5"))
      }
      result.append((alias, model))
    }
    return result
  }
}

/// Reads `max_concurrent`, which must be an integer ≥ 1 wherever it appears.
enum MaxConcurrent {
  static func read(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<Int>? {
    guard case .scalar(let scalar) = node, let value = scalar.int else {
      diagnostics.append(
        Diagnostic(
          .maxConcurrent, "\(what) must be an integer of at least 1, found \(node.typeName)" + quoted(node),
          at: node.location, help: "set \(what) to the number of tasks that may run at once, e.g. 3"))
      return nil
    }
    guard value >= 1 else {
      diagnostics.append(
        Diagnostic(
          .maxConcurrent, "\(what) must be at least 1, found \(value)", at: scalar.location,
          help: "use 1 to run tasks one at a time"))
      return nil
    }
    return Located(value, at: scalar.location)
  }

  private static func quoted(_ node: YAMLNode) -> String {
    if case .scalar(let scalar) = node, !scalar.isNull { return " '\(scalar.value)'" }
    return ""
  }
}
