import Foundation

/// The front end's only filesystem access: reads a project's config and content into a
/// `Project`, reporting everything unreadable or malformed at once.
public enum ProjectLoader {
  /// The most workflow files a project may have.
  public static let maxWorkflows = 1_000
  /// The most markdown files read under `content/`.
  public static let maxMarkdownFiles = 10_000
  /// The most paths recorded in `Project.knownPaths`.
  public static let maxKnownPaths = 100_000

  /// Reads the project under `root`.
  public static func load(root: URL) -> (Project, [Diagnostic]) {
    load(from: DiskFileSource(root: root))
  }

  /// Reads a project held in memory (relative path → bytes) exactly as `load(root:)` reads
  /// one on disk; for tests and the fuzzer. Unsafe paths (absolute, `..`) are ignored.
  public static func load(files: [String: [UInt8]]) -> (Project, [Diagnostic]) {
    load(from: MemoryFileSource(files))
  }

  static func load(from source: some ProjectFileSource) -> (Project, [Diagnostic]) {
    var project = Project()
    var diagnostics: [Diagnostic] = []

    func yaml(_ path: String) -> YAMLNode? {
      guard let file = FileReader.read(path, from: source, into: &diagnostics) else { return nil }
      project.sources[path] = file
      return YAMLLoader.load(file, into: &diagnostics)
    }
    /// After `yaml(path)` gave nil: whether the file was read and parsed without a finding, so it
    /// holds no document at all (empty, blank or only comments).
    func holdsNothing(_ path: String, findingsBefore count: Int) -> Bool {
      project.sources[path] != nil && diagnostics.count == count
    }

    let settingsPath = "config/orchgen.yaml"
    if exists(settingsPath, in: source) {
      if let node = yaml(settingsPath) {
        project.settings = SettingsDecoder.decode(node, file: settingsPath, diagnostics: &diagnostics)
      } else {
        project.settings.file = settingsPath
      }
    }

    let agentsPath = "config/agents.yaml"
    if exists(agentsPath, in: source) {
      project.agentsFile = agentsPath
      let before = diagnostics.count
      if let node = yaml(agentsPath) {
        project.agents = AgentsDecoder.decode(node, file: agentsPath, diagnostics: &diagnostics)
      } else if holdsNothing(agentsPath, findingsBefore: before) {
        diagnostics.append(
          Diagnostic(.missingKey, "'\(agentsPath)' is empty", at: .file(agentsPath),
            help: "define agents under 'agents:'; 'orchgen init' writes a starting point"))
      }
    } else {
      diagnostics.append(
        Diagnostic(.ioError, "no '\(agentsPath)' in '\(source.rootLabel)'", at: nil,
          help: "run orchgen in a project root, pass --root DIR, or create one with 'orchgen init'"))
    }

    let workflowFiles = listFiles(in: "config/workflows", source: source, recursive: false)
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
    if workflowFiles.count > maxWorkflows {
      diagnostics.append(
        Diagnostic(.limitExceeded, "\(workflowFiles.count) workflow files; orchgen reads at most \(maxWorkflows)",
          at: .file("config/workflows")))
    }
    for path in workflowFiles.prefix(maxWorkflows) {
      let fileName = String(path.split(separator: "/").last!)
      let name = String(fileName[..<fileName.lastIndex(of: ".")!])
      let id = Located(name, at: .file(path))
      guard ValueReader.checkID(id, kind: "workflow", &diagnostics) else { continue }
      if let other = project.workflows.first(where: { $0.name == name }) {
        diagnostics.append(
          Diagnostic(.duplicateID, "workflow '\(name)' is defined twice", at: .file(path),
            notes: [.init("also defined here", at: .file(other.file))], help: "remove one of the two files"))
        continue
      }
      let before = diagnostics.count
      guard let node = yaml(path) else {
        if holdsNothing(path, findingsBefore: before) {
          diagnostics.append(
            Diagnostic(.emptyWorkflow, "workflow '\(name)' is empty", at: .file(path),
              help: "add 'description:' and a 'tasks:' mapping, or delete the file"))
        }
        continue
      }
      project.workflows.append(WorkflowDecoder.decode(node, name: name, file: path, diagnostics: &diagnostics))
    }

    var markdown = listFiles(in: "content", source: source, recursive: true).filter { $0.hasSuffix(".md") }
    for agent in project.agents where agent.instructionsExplicit {
      let path = agent.instructions.value
      if PathSafety.isSafeRelative(path), !markdown.contains(path), exists(path, in: source) { markdown.append(path) }
    }
    for path in markdown.sorted().prefix(maxMarkdownFiles) {
      if let file = FileReader.read(path, from: source, into: &diagnostics) {
        project.sources[path] = file
        project.markdownFiles[path] = file
      }
    }
    let (known, truncated) = listProjectPaths(source: source, limit: maxKnownPaths)
    project.knownPaths = known
    if truncated {
      diagnostics.append(
        Diagnostic(
          .limitExceeded,
          "the project holds more than \(maxKnownPaths) files and folders; links to the rest are reported as broken",
          at: nil, severity: .warning, help: "move large trees into output/, node_modules/ or a hidden folder"))
    }
    return (project, diagnostics)
  }

  /// Every file and folder under `root` (relative paths), for link checks. Hidden folders,
  /// `node_modules`, the top-level `output` and the contents of symlinked folders are skipped:
  /// they are large, generated or could loop.
  static func listProjectPaths(root: URL, limit: Int) -> (paths: Set<String>, truncated: Bool) {
    listProjectPaths(source: DiskFileSource(root: root), limit: limit)
  }

  static func listProjectPaths(source: some ProjectFileSource, limit: Int) -> (paths: Set<String>, truncated: Bool) {
    var paths: Set<String> = []
    var pending = [""]
    while let current = pending.popLast() {
      guard let names = source.names(in: current) else { continue }
      for name in names.sorted() {
        let relative = current.isEmpty ? name : current + "/" + name
        switch source.kind(of: relative) {
        case .directory:
          if name.hasPrefix(".") || name == "node_modules" || relative == "output" { continue }
          pending.append(relative)
        case .dangling, nil:
          continue
        default:
          break
        }
        guard paths.count < limit else { return (paths, true) }
        paths.insert(relative)
      }
    }
    return (paths, false)
  }

  /// Whether `path` is there and not a directory (unreadable kinds are reported when read).
  private static func exists(_ path: String, in source: some ProjectFileSource) -> Bool {
    source.kind(of: path)?.isFileLike ?? false
  }

  /// Files under `directory`, relative to the root, sorted; hidden names are skipped and
  /// symlinked directories are not followed, so a symlink loop cannot trap the walk.
  static func listFiles(in directory: String, source: some ProjectFileSource, recursive: Bool) -> [String] {
    var result: [String] = []
    var pending = [directory]
    while let current = pending.popLast() {
      guard let names = source.names(in: current) else { continue }
      for name in names where !name.hasPrefix(".") {
        let relative = current + "/" + name
        switch source.kind(of: relative) {
        case .directory where recursive: pending.append(relative)
        case let kind? where kind.isFileLike: result.append(relative)
        default: break
        }
      }
    }
    return result.sorted()
  }
}
