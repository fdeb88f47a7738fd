import Foundation
import OrchgenKit
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `orchgen build` killed with SIGKILL at random moments, many times: after each kill, and
/// once the next orchgen command has run its recovery, `output/` must be exactly the tree of
/// the previous build or of the new one (files, bytes and folders), and `check` must report a
/// half-applied build without touching it. The last build must repair everything.
///
/// The kill moments concentrate on the write phase: the window starts where a no-op build
/// ends and adapts as kills land too early (nothing staged yet) or too late (already done).
/// First builds (into an empty directory, written in place) are killed half as many times
/// and must leave the directory empty or complete. `ORCHGEN_KILL_ITERATIONS` sets the number
/// of kills (default 16, about 15 s); `scripts/soak-interrupt.sh` runs hundreds.
@Suite(.serialized) struct InterruptTests {
  static var iterations: Int {
    ProcessInfo.processInfo.environment["ORCHGEN_KILL_ITERATIONS"].flatMap(Int.init) ?? 16
  }

  @Test func killedBuildsAlwaysRecoverToTheOldOrTheNewTree() throws {
    let binary = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle")
    let work = try KillProject.temporaryDirectory("orchgen-kill")
    defer { try? FileManager.default.removeItem(at: work) }

    // The two trees every state must be one of, from fresh builds elsewhere.
    var expected: [[String: Data?]] = []
    for variant in 0...1 {
      let fresh = work.appendingPathComponent("fresh-\(variant)")
      try KillProject.write(variant: variant, to: fresh)
      let result = try OrchgenProcess.run(["build", "--root", fresh.path])
      #expect(result.status == 0, "\(result)")
      expected.append(try KillProject.tree(fresh.appendingPathComponent("output")))
    }
    #expect(expected[0].count > 700 && expected[0] != expected[1])

    let project = work.appendingPathComponent("project")
    let output = project.appendingPathComponent("output")
    let empty = work.appendingPathComponent("no-project")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try KillProject.write(variant: 0, to: project)
    var start = Date()
    #expect(try OrchgenProcess.run(["build", "--root", project.path]).status == 0)
    let fullBuild = Date().timeIntervalSince(start)
    start = Date()
    #expect(try OrchgenProcess.run(["build", "--root", project.path]).status == 0)
    let noOpBuild = Date().timeIntervalSince(start)

    var current = 0
    var projectVariant = 0
    var window = (low: noOpBuild * 0.8, high: fullBuild * 1.2)
    var outcomes: [String: Int] = [:]
    var checkedLeftovers = false
    for iteration in 0..<Self.iterations {
      let target = 1 - current
      try KillProject.write(variant: target, to: project)
      projectVariant = target
      let delay = Double.random(in: window.low...max(window.high, window.low + 0.01))
      let finished = try KillProject.buildAndKill(binary, root: project, after: delay)

      let staging = output.appendingPathComponent(OutputWriter.stagingName)
      let staged = FileManager.default.fileExists(atPath: staging.path)
      let committed = FileManager.default.fileExists(atPath: staging.appendingPathComponent("journal").path)
      if staged, !checkedLeftovers {
        // check reports the half-applied build and writes nothing.
        checkedLeftovers = true
        let before = try KillProject.tree(output)
        let check = try OrchgenProcess.run(["check", "--root", project.path])
        #expect(check.status == 1, "\(check)")
        #expect(check.stderr.contains("holds an interrupted build ('output/.orchgen-staging')"), "\(check)")
        #expect(check.stderr.contains("run 'orchgen build'"), "\(check)")
        #expect(try KillProject.tree(output) == before, "check must not repair")
      }
      // The next orchgen command recovers first: here a build whose project fails to load, so
      // recovery is all it does to this output directory.
      let recovery = try OrchgenProcess.run(["build", "--root", empty.path, "--output", output.path])
      #expect(recovery.status == 1, "\(recovery)")
      if staged { #expect(recovery.stderr.contains(committed ? "finished an interrupted build" : "rolled back"), "\(recovery)") }

      let tree = try KillProject.tree(output)
      let matches = expected.indices.filter { expected[$0] == tree }
      #expect(matches.count == 1, "iteration \(iteration), killed after \(delay)s: the tree is neither build's")
      let now = matches.first ?? current
      let outcome: String
      switch (staged, committed, now == target) {
      case (true, true, _): outcome = "after the commit point: rolled forward"
      case (true, false, false): outcome = "while staging: rolled back"
      // The journal is deleted first once every change is applied, then the staging.
      case (true, false, true): outcome = "while deleting the staging"
      case (false, _, true): outcome = finished ? "after the build finished" : "while cleaning up"
      case (false, _, false): outcome = "before writing"
      }
      #expect(!committed || now == target, "iteration \(iteration): a committed build was not finished")
      outcomes[outcome, default: 0] += 1
      // Aim the next kill: too early moves the window later, too late moves it earlier.
      if outcome == "before writing" { window.low = min(delay, window.high) }
      // Staging takes longer than committing: close in on the commit point from both sides.
      if outcome.hasPrefix("while staging") { window.low = min(delay, window.high) }
      if committed { window.high = max(delay, window.low + 0.02) }
      if finished { window.high = max(delay, window.low) }
      if window.high - window.low < 0.02 { window = (noOpBuild * 0.8, fullBuild * 1.2) }
      current = now
    }
    print("InterruptTests: \(Self.iterations) kills: " + outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))

    // The last build repairs everything: the tree equals a fresh build of the same input.
    let final = try OrchgenProcess.run(["build", "--root", project.path])
    #expect(final.status == 0, "\(final)")
    #expect(try KillProject.tree(output) == expected[projectVariant])
    let check = try OrchgenProcess.run(["check", "--root", project.path])
    #expect(check.status == 0, "\(check)")
  }

  /// A first build (into an empty directory) writes in place; killed at any moment, the next
  /// command's recovery must leave the directory empty (or absent) or the complete build.
  @Test func killedFirstBuildsLeaveNothingOrTheWholeBuild() throws {
    let binary = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle")
    let work = try KillProject.temporaryDirectory("orchgen-kill-first")
    defer { try? FileManager.default.removeItem(at: work) }
    let project = work.appendingPathComponent("project")
    let output = project.appendingPathComponent("output")
    let empty = work.appendingPathComponent("no-project")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try KillProject.write(variant: 0, to: project)
    let start = Date()
    #expect(try OrchgenProcess.run(["build", "--root", project.path]).status == 0)
    let fullBuild = Date().timeIntervalSince(start)
    let expected = try KillProject.tree(output)

    var window = (low: 0.0, high: fullBuild * 1.2)
    var outcomes: [String: Int] = [:]
    let kills = max(Self.iterations / 2, 4)
    for iteration in 0..<kills {
      // A kill before the build locked the output directory leaves none.
      if FileManager.default.fileExists(atPath: output.path) { try FileManager.default.removeItem(at: output) }
      let delay = Double.random(in: window.low...max(window.high, window.low + 0.01))
      let finished = try KillProject.buildAndKill(binary, root: project, after: delay)
      let staged = FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputWriter.stagingName).path)
      let recovery = try OrchgenProcess.run(["build", "--root", empty.path, "--output", output.path])
      #expect(recovery.status == 1, "\(recovery)")
      let tree = FileManager.default.fileExists(atPath: output.path) ? try KillProject.tree(output) : [:]
      #expect(tree.isEmpty || tree == expected, "iteration \(iteration), killed after \(delay)s: neither empty nor the build")
      let outcome =
        switch (staged, tree.isEmpty) {
        case (true, true): "while writing: rolled back"
        case (true, false): "after the last file: finished"  // or only the staging left
        case (false, true): "before writing"
        case (false, false): finished ? "after the build finished" : "while cleaning up"
        }
      if staged, tree.isEmpty { #expect(recovery.stderr.contains("rolled back"), "\(recovery)") }
      outcomes[outcome, default: 0] += 1
      if outcome == "before writing" { window.low = min(delay, window.high) }
      if !tree.isEmpty { window.high = max(delay, window.low + 0.02) }
      if window.high - window.low < 0.02 { window = (0, fullBuild * 1.2) }
    }
    print("InterruptTests: \(kills) kills of first builds: " + outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    #expect(try OrchgenProcess.run(["build", "--root", project.path]).status == 0)
    #expect(try KillProject.tree(output) == expected)
  }
}

/// The generated project: 8 workers, 3 workflows of 250 chained tasks (about 780 output
/// files). Variant 1 rewords every task, drops 50 tasks of `w2` and adds a workflow `w3`, so
/// a build between the variants rewrites, removes and adds files.
enum KillProject {
  static func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.resolvingSymlinksInPath()
  }

  static func write(variant: Int, to root: URL) throws {
    var files: [String: String] = [:]
    var agents = "agents:\n  coordinator:\n    description: Drives the workflows\n    mode: primary\n"
    files["content/instructions/coordinator.md"] = "# Coordinator\n\nRuns the graph.\n"
    for worker in 0..<8 {
      agents += "  worker-\(worker):\n    description: Worker \(worker)\n"
      files["content/instructions/worker-\(worker).md"] = "# Worker \(worker)\n\nDoes one task at a time.\n"
    }
    files["config/agents.yaml"] = agents
    let sizes = variant == 0 ? [250, 250, 250] : [250, 250, 200, 30]
    for (index, size) in sizes.enumerated() {
      var text = "description: Workflow \(index)\ntasks:\n"
      for task in 0..<size {
        text += "  t\(task):\n    agent: worker-\(task % 8)\n    description: Task \(task), version \(variant == 0 ? "A" : "B")\n"
        if task >= 10 { text += "    needs: [t\(task - 10)]\n" }
      }
      files["config/workflows/w\(index).yaml"] = text
    }
    try? FileManager.default.removeItem(at: root.appendingPathComponent("config/workflows"))
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  /// Starts `orchgen build`, sends SIGKILL after `delay` seconds; true if it had finished.
  static func buildAndKill(_ binary: URL, root: URL, after delay: TimeInterval) throws -> Bool {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["build", "--root", root.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    let finished = !process.isRunning
    if !finished { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return finished || process.terminationReason == .exit
  }

  /// Every entry under `directory`: files with their bytes, folders as nil.
  /// Every file and folder under `directory` with the files' bytes; the build record is left
  /// out: it is machine-local state (file stamps), not output, and a kill may land before or
  /// after it is written.
  static func tree(_ directory: URL) throws -> [String: Data?] {
    var result: [String: Data?] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: directory.path)
    where path != ".orchgen-build-record" && path != ".orchgen-build-record.tmp" {
      let url = directory.appendingPathComponent(path)
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      result[path] = attributes[.type] as? FileAttributeType == .typeDirectory ? .some(nil) : try Data(contentsOf: url)
    }
    return result
  }
}
