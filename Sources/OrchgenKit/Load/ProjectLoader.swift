#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The front end's only filesystem access: reads a project's config and content into a
/// `Project`, reporting everything unreadable or malformed at once.
public enum ProjectLoader {
  /// The top-level folder the project walk (link targets) never enters: the default output.
  static let outputFolder = "output"
  /// The most workflow files a project may have.
  public static let maxWorkflows = 1_000
  /// The most markdown files read under `content/`.
  public static let maxMarkdownFiles = 10_000
  /// The most paths recorded in `Project.knownPaths`.
  public static let maxKnownPaths = 100_000
  /// The most bytes read from all of a project's config and content files together.
  public static let maxTotalBytes = 64 * 1024 * 1024
  /// The most tasks one workflow may expand to (fan-out items and gates included).
  public static let maxTasksPerWorkflow = 200_000
  /// The most dependencies one workflow may expand to (needs, gates and stages).
  public static let maxDependenciesPerWorkflow = 2_000_000
  /// The most tasks all workflows of a project may expand to together.
  public static let maxTasksPerProject = 1_000_000
  /// The most task text (descriptions, criteria, scopes, hand-offs) all workflows may expand
  /// to together; generation copies it into several files per task.
  public static let maxTaskText = 64 * 1024 * 1024

  /// Reads the project under `root`.
  public static func load(root: URL) -> (Project, [Diagnostic]) {
    load(from: DiskFileSource(root: root))
  }

  /// Reads the project under `root` as `load(root:)` does, and records every question asked
  /// of the disk with a digest of its answer (for `BuildRecord`).
  static func loadRecordingInputs(root: URL) -> (Project, [Diagnostic], InputRecord) {
    let source = RecordingFileSource(DiskFileSource(root: root))
    let (project, diagnostics) = load(from: source)
    return (project, diagnostics, InputRecord(queries: source.queries))
  }

  /// Reads a project held in memory (relative path → bytes) exactly as `load(root:)` reads
  /// one on disk; for tests and the fuzzer. Unsafe paths (absolute, `..`) are ignored.
  public static func load(files: [String: [UInt8]]) -> (Project, [Diagnostic]) {
    load(from: MemoryFileSource(files))
  }

  static func load(from source: some ProjectFileSource) -> (Project, [Diagnostic]) {
    var project = Project()
    var diagnostics: [Diagnostic] = []
    var bytesLeft = maxTotalBytes

    /// Reads a file within the project's byte budget; past it, one finding and no more reads.
    func read(_ path: String) -> SourceFile? {
      guard bytesLeft >= 0, let file = FileReader.read(path, from: source, into: &diagnostics) else {
        project.unreadable.insert(path)
        return nil
      }
      bytesLeft -= file.text.utf8.count
      guard bytesLeft >= 0 else {
        project.unreadable.insert(path)
        diagnostics.append(
          Diagnostic(
            .limitExceeded, "the project's config and content files exceed \(maxTotalBytes / 1024 / 1024) MiB together; '\(path)' and the files after it were not read",
            at: .file(path), help: "keep config/ and content/ for orchgen's input; move large files elsewhere"))
        return nil
      }
      project.sources[path] = file
      return file
    }
    func yaml(_ path: String) -> YAMLNode? {
      guard let file = read(path) else { return nil }
      return YAMLLoader.load(file, into: &diagnostics)
    }
    /// After `yaml(path)` gave nil: whether the file was read and parsed without a finding, so it
    /// holds no document at all (empty, blank or only comments).
    func holdsNothing(_ path: String, findingsBefore count: Int) -> Bool {
      project.sources[path] != nil && diagnostics.count == count
    }
    /// A file orchgen reads by itself that leads outside the project: reported at the file,
    /// never opened.
    func refuse(_ path: String) {
      project.outside.insert(path)
      project.unreadable.insert(path)
      diagnostics.append(OutsideProject.file(path))
    }

    let settingsPath = "config/orchgen.yaml"
    let settingsKind = source.kind(of: settingsPath)
    if settingsKind == .outsideProject {
      refuse(settingsPath)
      project.settings.file = settingsPath
    } else if settingsKind?.isFileLike ?? false {
      if let node = yaml(settingsPath) {
        project.settings = SettingsDecoder.decode(node, file: settingsPath, diagnostics: &diagnostics)
      } else {
        project.settings.file = settingsPath
      }
    }

    let agentsPath = "config/agents.yaml"
    let agentsKind = source.kind(of: agentsPath)
    if agentsKind == .outsideProject {
      project.agentsFile = agentsPath
      refuse(agentsPath)
    } else if agentsKind?.isFileLike ?? false {
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

    func isWorkflowFile(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }
    var outsideWorkflows: [String] = []
    let workflowFiles = listFiles(in: "config/workflows", source: source, recursive: false, outside: &outsideWorkflows)
      .filter(isWorkflowFile)
    for path in outsideWorkflows {
      if path == "config/workflows" {
        project.outside.insert(path)
        diagnostics.append(OutsideProject.folder(path))
      } else if isWorkflowFile(path) {
        refuse(path)
      }
    }
    if workflowFiles.count > maxWorkflows {
      diagnostics.append(
        Diagnostic(.limitExceeded, "\(workflowFiles.count) workflow files; orchgen reads at most \(maxWorkflows)",
          at: .file("config/workflows")))
    }
    var projectTasks = 0
    var projectText = 0
    let releaser = Parallel.Releaser()
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
      let workflow = WorkflowDecoder.decode(node, name: name, file: path, diagnostics: &diagnostics)
      releaser.release(consume node)
      let size = WorkflowSize.estimate(workflow)
      if let excess = sizeExcess(workflow, size: size, projectTasks: projectTasks, projectText: projectText) {
        diagnostics.append(excess)
        continue
      }
      projectTasks += size.tasks
      projectText += size.text
      project.workflows.append(workflow)
    }

    // Markdown files and folders under content/ that lead outside are reported where they are
    // used (an include, an agent's instructions), by InstructionResolver.
    var outsideContent: [String] = []
    var markdown = listFiles(in: "content", source: source, recursive: true, outside: &outsideContent)
      .filter { $0.hasSuffix(".md") }
    project.outside.formUnion(outsideContent)
    if outsideContent.contains("content") { diagnostics.append(OutsideProject.folder("content")) }
    for agent in project.agents where agent.instructionsExplicit {
      let path = agent.instructions.value
      guard PathSafety.isSafeRelative(path), !markdown.contains(path), !project.leadsOutside(path) else { continue }
      switch source.kind(of: path) {
      case .outsideProject: project.outside.insert(path)
      case let kind? where kind.isFileLike: markdown.append(path)
      default: break
      }
    }
    if markdown.count > maxMarkdownFiles {
      diagnostics.append(
        Diagnostic(.limitExceeded, "\(markdown.count) markdown files; orchgen reads at most \(maxMarkdownFiles)",
          at: .file("content"), help: "keep content/ for agent instructions and their partials"))
    }
    for path in markdown.sorted().prefix(maxMarkdownFiles) {
      if let file = read(path) { project.markdownFiles[path] = file }
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

  /// A finding when `workflow` would expand past a size limit (it is then left out, so no
  /// later stage spends time or memory on it).
  private static func sizeExcess(
    _ workflow: WorkflowDefinition, size: WorkflowSize.Estimate, projectTasks: Int, projectText: Int
  ) -> Diagnostic? {
    let name = "workflow '\(workflow.name)'"
    if size.tasks > maxTasksPerWorkflow {
      return Diagnostic(
        .limitExceeded, "\(name) expands to \(size.tasks) tasks; orchgen accepts at most \(maxTasksPerWorkflow) per workflow",
        at: workflow.bodyLocation, help: "split it into several workflows, or use fewer for_each items and gates")
    }
    if size.dependencies > maxDependenciesPerWorkflow {
      return Diagnostic(
        .limitExceeded,
        "\(name) expands to \(size.dependencies) dependencies; orchgen accepts at most \(maxDependenciesPerWorkflow) per workflow",
        at: workflow.bodyLocation,
        help: "every task of a stage needs every task of the previous stage, and a need on a fanned-out task needs each item; use smaller stages or fewer fan-in needs")
    }
    if size.text > maxTaskText - projectText {
      let mebibytes = maxTaskText / 1024 / 1024
      return Diagnostic(
        .limitExceeded,
        "\(name) expands to \(FileReader.mebibytes(size.text)) MiB of task text"
          + (projectText > 0 ? " (\(FileReader.mebibytes(projectText)) MiB before it)" : "")
          + "; orchgen accepts at most \(mebibytes) MiB in all workflows together",
        at: workflow.bodyLocation,
        help: "for_each and gates copy a task's description, criteria and scopes into every task they create; keep them short and put long text in the agent's instructions")
    }
    if projectTasks + size.tasks > maxTasksPerProject {
      return Diagnostic(
        .limitExceeded, "\(name) takes the project past \(maxTasksPerProject) tasks in all workflows together",
        at: workflow.bodyLocation, help: "split the project, or remove workflows it no longer needs")
    }
    return nil
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
          if name.hasPrefix(".") || name == "node_modules" || relative == outputFolder { continue }
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

  /// Files under `directory`, relative to the root, sorted; hidden names are skipped and
  /// symlinked directories are not followed, so a symlink loop cannot trap the walk. Entries
  /// that lead outside the project (and `directory` itself, if it does) go to `outside`.
  static func listFiles(
    in directory: String, source: some ProjectFileSource, recursive: Bool, outside: inout [String]
  ) -> [String] {
    var result: [String] = []
    var pending = [directory]
    while let current = pending.popLast() {
      guard let names = source.names(in: current) else {
        // Asked only when the listing fails (most often: there is no such folder).
        if current == directory, source.kind(of: directory) == .outsideProject { outside.append(directory) }
        continue
      }
      for name in names where !name.hasPrefix(".") {
        let relative = current + "/" + name
        switch source.kind(of: relative) {
        case .directory where recursive: pending.append(relative)
        case .outsideProject: outside.append(relative)
        case let kind? where kind.isFileLike: result.append(relative)
        default: break
        }
      }
    }
    outside.sort()
    return result.sorted()
  }
}
