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
  static func run(_ files: [String: [UInt8]]) {
    let (project, loadDiagnostics) = ProjectLoader.load(files: files)
    let compilation = Compiler.analyze(project, diagnostics: loadDiagnostics)
    let sources = compilation.project.sources
    for diagnostic in compilation.diagnostics {
      if let location = diagnostic.location {
        require(location.line >= 1 && location.column >= 1, "diagnostic located before the file starts: \(diagnostic)")
      }
    }
    _ = TextReporter(useColor: false).report(compilation.diagnostics, sources: sources)
    _ = GNUReporter().report(compilation.diagnostics)
    _ = GitHubReporter().report(compilation.diagnostics, sources: sources)
    _ = JSONReporter().report(compilation.diagnostics)
    _ = SARIFReporter().report(compilation.diagnostics)
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
    let state = OutputState.empty(URL(fileURLWithPath: "/output"))
    let plan = WritePlan.make(generated.files, state: state, outputLabel: "output", force: false)
    require(plan.conflicts.isEmpty, "an empty output directory has conflicts: \(plan.conflicts)")
  }

  /// A broken invariant is a crash, so libFuzzer keeps the input.
  static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
  }
}
