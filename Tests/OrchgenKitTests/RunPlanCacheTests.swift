import Foundation
import Testing

@testable import OrchgenKit

/// `RunPlanCache`: a cached plan is the plan a full check would make, field for field, and is
/// used only while every answer it depends on holds.
@Suite struct RunPlanCacheTests {
  /// Everything a run plan holds, as text: two plans with the same description run the same.
  static func describe(_ plan: RunPlan) -> String {
    var lines = [
      "\(plan.workflow) \(plan.workflowFile) \(plan.maxConcurrent) \(plan.merge) \(plan.planHash) \(plan.makespanSeconds)",
      "\(plan.levels)",
    ]
    for task in plan.tasks {
      lines.append(String(describing: task))
      lines.append("\(plan.position(of: task.id) ?? -1) \(plan.fixTask(of: task.id)?.id ?? "-") \(task.resultName)")
    }
    return lines.joined(separator: "\n")
  }

  /// The plan's record lines, read back as `RunPlanCache.load` reads them.
  static func roundTrip(_ plan: RunPlan) -> RunPlan? {
    let text = "header\n" + plan.recordLines().joined(separator: "\n") + "\n"
    var reader = RunPlan.RecordReader(outputLabel: "output")
    let bytes = Array(text.utf8)
    let whole = bytes.withUnsafeBufferPointer { buffer in
      RecordText.forEachLine(buffer, header: "header") { fields in reader.take(RecordText.unescape(fields[0]), fields) }
    }
    return whole ? reader.plan : nil
  }

  @Test(arguments: RunEngineTests.repositoryWorkflows)
  func repositoryPlansRoundTrip(_ name: String) throws {
    let plan = try RunEngineTests.repositoryPlan(name)
    let back = try #require(Self.roundTrip(plan))
    #expect(Self.describe(back) == Self.describe(plan))
  }

  /// Random workflows: conditions (`when`/`unless`), fix loops, retries, writes, priorities.
  @Test func randomPlansRoundTrip() throws {
    var conditions = 0
    var fixes = 0
    for seed in UInt64(1)...60 {
      let (maxConcurrent, specs) = RandomWorkflows.make(seed: seed)
      guard case .success(let plan) = RandomWorkflows.plan(workflow: RandomWorkflows.yaml(maxConcurrent: maxConcurrent, tasks: specs))
      else { continue }
      conditions += plan.tasks.filter { $0.condition != nil }.count
      fixes += plan.tasks.filter { $0.fixes != nil }.count
      let back = try #require(Self.roundTrip(plan))
      #expect(Self.describe(back) == Self.describe(plan), "seed \(seed)")
    }
    #expect(conditions > 0 && fixes > 0)
  }

  // MARK: - On disk

  private struct Project {
    let root: URL
    var output: URL { root.appendingPathComponent("output") }
    var cache: URL { output.appendingPathComponent("\(RunPlanCache.folderName)/ship") }

    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-plan-cache-\(UUID().uuidString)")
        .resolvingSymlinksInPath()
      try write("config/agents.yaml", "agents:\n  coordinator:\n    description: Runs the plan\n    mode: primary\n  coder:\n    description: Writes code\n")
      try write("config/workflows/ship.yaml", "description: Ship it\ntasks:\n  code:\n    agent: coder\n    description: Write it\n    estimate: 30\n  test:\n    agent: coder\n    description: Test it\n    needs: [code]\n")
      try write("content/instructions/coordinator.md", "# Coordinator\n\nYou run the plan.\n")
      try write("content/instructions/coder.md", "# Coder\n\nYou write the code.\n")
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }

    /// Checks the project and stores the plan of `ship`, as a run command does on a miss.
    func store() throws -> RunPlan {
      let compilation = Compiler.check(root: root, recordingInputs: true)
      #expect(compilation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(compilation.diagnostics)")
      let graph = try #require(compilation.graph(named: "ship"))
      let plan = RunPlan(graph: graph, plan: Planner.plan(graph))
      RunPlanCache.store(plan, inputs: compilation.inputs, outputDirectory: output)
      return plan
    }

    func load() -> RunPlan? { RunPlanCache.load(workflow: "ship", root: root, outputDirectory: output) }
  }

  @Test func storedPlanLoadsAsTheSamePlan() throws {
    let project = try Project()
    defer { try? FileManager.default.removeItem(at: project.root) }
    let plan = try project.store()
    let loaded = try #require(project.load())
    #expect(Self.describe(loaded) == Self.describe(plan))
    #expect(RunPlanCache.load(workflow: "other", root: project.root, outputDirectory: project.output) == nil)
  }

  /// A change to anything the plan or its checks read makes the cache stale; a new file
  /// elsewhere in the project (a run's own work) does not.
  @Test(arguments: [
    ("config/workflows/ship.yaml", "description: Ship it\ntasks:\n  code:\n    agent: coder\n    description: Write it\n    estimate: 45\n", false),
    ("config/workflows/new.yaml", "description: New\ntasks:\n  a:\n    agent: coder\n    description: A\n", false),
    ("config/orchgen.yaml", "max_concurrent: 2\n", false),
    ("content/instructions/coder.md", "# Coder\n\nYou write better code.\n", false),
    ("content/partials/new.md", "A new partial.\n", false),
    ("src/main.swift", "print(1)\n", true),
    ("README.md", "# Readme\n", true),
  ])
  func staleWhenAnInputChanges(_ path: String, _ text: String, _ stillFresh: Bool) throws {
    let project = try Project()
    defer { try? FileManager.default.removeItem(at: project.root) }
    _ = try project.store()
    #expect(project.load() != nil)
    try project.write(path, text)
    #expect((project.load() != nil) == stillFresh)
  }

  /// A cache that was cut short, edited or forged is not used.
  @Test func damagedOrForgedCacheIsNotUsed() throws {
    let project = try Project()
    defer { try? FileManager.default.removeItem(at: project.root) }
    _ = try project.store()
    let good = try String(contentsOf: project.cache, encoding: .utf8)
    let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let damaged = [
      lines.dropLast(2).joined(separator: "\n") + "\n",  // cut before the end line
      good.replacingOccurrences(of: "agent_tasks/agent-01.md", with: "agent_tasks/../../../etc/passwd"),
      good.replacingOccurrences(of: "\tconfig/workflows/ship.yaml\t", with: "\t/etc/ship.yaml\t"),
      good.replacingOccurrences(of: "orchgen run plan 1", with: "orchgen run plan 2"),
      good.replacingOccurrences(of: "\nneeds", with: "\nneeds\tcode\nneeds"),
      good + "level\textra\n",
      String(good.dropLast()),
    ]
    for (index, text) in damaged.enumerated() {
      #expect(text != good, "case \(index) changed nothing")
      try Data(text.utf8).write(to: project.cache)
      #expect(project.load() == nil, "case \(index) was used")
    }
    try Data(good.utf8).write(to: project.cache)
    #expect(project.load() != nil)
  }

  /// The cache is written only into an existing output folder, never through a link.
  @Test func neverCreatesTheOutputFolderNorFollowsALink() throws {
    let project = try Project()
    defer { try? FileManager.default.removeItem(at: project.root) }
    try FileManager.default.removeItem(at: project.output)
    _ = try project.store()
    #expect(!FileManager.default.fileExists(atPath: project.output.path))
    let elsewhere = project.root.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: project.output, withDestinationURL: elsewhere)
    _ = try project.store()
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
  }
}
