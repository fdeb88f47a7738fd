import Foundation

/// The libFuzzer entry point: arbitrary bytes become a project (see `FuzzInput`), which goes
/// through everything `orchgen build` does short of writing: load, expand, validate, report,
/// plan and render every plan format, generate and pre-flight the output, and plan the writes
/// against an empty output directory. Any crash, hang, sanitizer report or broken invariant is
/// a finding. Built by `scripts/fuzz.sh`, never by `swift build`.
@_cdecl("LLVMFuzzerTestOneInput")
public func orchgenFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  FuzzTarget.run(FuzzInput.files(from: bytes))
  return 0
}

enum FuzzTarget {
  static let outputPrefix = "output/"

  static func run(_ input: [String: [UInt8]]) {
    // Files under output/ are a previous build on disk; the rest is the project.
    let files = input.filter { !$0.key.hasPrefix(outputPrefix) }
    var output: [String: [UInt8]] = [:]
    for (path, bytes) in input where path.hasPrefix(outputPrefix) { output[String(path.dropFirst(outputPrefix.count))] = bytes }

    let (project, loadDiagnostics) = ProjectLoader.load(files: files)
    let compilation = Compiler.analyze(project, diagnostics: loadDiagnostics)
    let sources = compilation.project.sources
    for diagnostic in compilation.diagnostics {
      if let location = diagnostic.location {
        require(location.line >= 1 && location.column >= 1, "diagnostic located before the file starts: \(diagnostic)")
      }
    }
    report(compilation.diagnostics, sources: sources)
    guard !compilation.diagnostics.hasErrors else { return }
    for graph in compilation.graphs {
      let plan = Planner.plan(graph)
      require(plan.tasks.count == graph.tasks.count, "the plan of '\(graph.name)' lost tasks")
      _ = PlanTextRenderer.render(plan)
      _ = PlanJSONRenderer.render(plan)
      _ = MermaidRenderer.render(plan)
      _ = DOTRenderer.render(plan)
      _ = GanttRenderer.render(plan)
    }
    let generated = Compiler.generate(compilation)
    var seen = Set<String>()
    for file in generated.files {
      require(PathSafety.isSafeRelative(file.path), "generated path '\(file.path)' would leave the output directory")
      require(!file.path.split(separator: "/").contains(".."), "generated path '\(file.path)' has '..'")
      require(seen.insert(file.path).inserted, "'\(file.path)' is generated twice")
    }
    let empty = WritePlan.make(generated.files, state: .empty(URL(fileURLWithPath: "/output")), outputLabel: "output", force: false)
    require(empty.conflicts.isEmpty, "an empty output directory has conflicts: \(empty.conflicts)")
    compare(generated.files, with: output)
  }

  /// Drift and the write plan against a previous build given as bytes: manifest parsing, the
  /// stale-line finder, ownership, removals, the journal.
  static func compare(_ files: [GeneratedFile], with output: [String: [UInt8]]) {
    guard !output.isEmpty else { return }
    let manifestText = output[ManifestGenerator.path].map { String(decoding: $0, as: UTF8.self) }
    let manifest = manifestText.flatMap(ManifestGenerator.parse) ?? [:]
    let state = OutputState(
      directory: URL(fileURLWithPath: "/output"), manifest: manifest, hasManifest: manifestText != nil,
      contents: output.filter { PathSafety.isSafeRelative($0.key) }, blocked: [], unusableReason: nil)
    let drift = DriftDetector.detect(files, state: state, outputLabel: "output")
    report(drift.diagnostics, sources: drift.sources)
    for force in [false, true] {
      let plan = WritePlan.make(files, state: state, outputLabel: "output", force: force)
      let journal = OutputJournal(plan: plan)
      require(OutputJournal.parse(journal.rendered()) == journal, "a journal does not read back")
      if plan.writes.contains(where: { $0.path == ManifestGenerator.path }) {
        require(journal.entries.last == .write(ManifestGenerator.path), "the manifest is not written last")
      }
      for path in plan.removals { require(manifest[path] != nil, "'\(path)' is removed but the manifest does not list it") }
    }
    if let text = output[OutputWriter.stagingName + "/journal"].map({ String(decoding: $0, as: UTF8.self) }),
      let journal = OutputJournal.parse(text)
    {
      require(journal.entries.allSatisfy { PathSafety.isSafeRelative($0.path) }, "a journal with an unsafe path was accepted")
      require(OutputJournal.parse(journal.rendered()) == journal, "a journal does not read back")
    }
  }

  static func report(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
    _ = TextReporter(useColor: false).report(diagnostics, sources: sources)
    _ = GNUReporter().report(diagnostics)
    _ = GitHubReporter().report(diagnostics, sources: sources)
    _ = JSONReporter().report(diagnostics)
    _ = SARIFReporter().report(diagnostics)
  }

  /// A broken invariant is a crash, so libFuzzer keeps the input.
  static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
  }
}
