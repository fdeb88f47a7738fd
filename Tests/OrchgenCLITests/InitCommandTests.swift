import Foundation
import Testing

/// `orchgen init`, `explain`, `--version`, `--help` and `--format`, run as the built binary.
@Suite struct InitCommandTests {
  @Test func initProjectChecksBuildsAndRefusesASecondInit() throws {
    let directory = InitCLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let root = directory.appendingPathComponent("team")

    let created = try InitCLI.run(["init", root.path])
    #expect(created.status == 0, "\(created)")
    #expect(created.stderr.contains("config/agents.yaml"))
    let files = InitCLI.files(under: root)
    #expect(files.contains("config/workflows/feature.yaml") && files.contains("schemas/workflow.schema.json"))

    let check = try InitCLI.run(["check", "--no-drift", "--root", root.path])
    #expect(check.status == 0, "\(check)")
    #expect(check.stderr == "no problems found\n", "\(check)")
    let build = try InitCLI.run(["build", "--root", root.path])
    #expect(build.status == 0, "\(build)")
    let drift = try InitCLI.run(["check", "--root", root.path])
    #expect(drift.status == 0, "the fresh build is not what check expects: \(drift)")

    let before = InitCLI.snapshot(root)
    let again = try InitCLI.run(["init", root.path])
    #expect(again.status == 1, "\(again)")
    #expect(again.stderr.contains("nothing was written"), "\(again)")
    for path in files { #expect(again.stderr.contains("  \(path)\n"), "\(path) is not named") }
    #expect(InitCLI.snapshot(root) == before, "a refused init changed files")
  }

  @Test func initWritesNothingWhenOneFileExists() throws {
    let root = InitCLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("config"), withIntermediateDirectories: true)
    try Data("agents: {}\n".utf8).write(to: root.appendingPathComponent("config/agents.yaml"))

    let result = try InitCLI.run(["init"], in: root)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("  config/agents.yaml\n"))
    #expect(!result.stderr.contains("  config/orchgen.yaml\n"))
    #expect(InitCLI.files(under: root) == ["config/agents.yaml"])
    #expect(try String(contentsOf: root.appendingPathComponent("config/agents.yaml"), encoding: .utf8) == "agents: {}\n")
  }

  @Test func explainPrintsTheRuleAndSuggestsTheClosestId() throws {
    let known = try InitCLI.run(["explain", "write-conflict"])
    #expect(known.status == 0)
    #expect(known.stdout.hasPrefix("write-conflict (error): "))
    #expect(known.stdout.contains("Failing example") && known.stdout.contains("Fix: "))

    let typo = try InitCLI.run(["explain", "write-conflit"])
    #expect(typo.status == 64, "\(typo)")
    #expect(typo.stderr.contains("'write-conflict'"), "\(typo)")

    let list = try InitCLI.run(["explain"])
    #expect(list.status == 0 && list.stdout.contains("output-stale"))
  }

  @Test func versionAndEveryHelpHasAnExample() throws {
    let version = try InitCLI.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(version)")
    let help = try InitCLI.run(["--help"])
    let subcommands = ["check", "build", "plan", "graph", "init", "explain"]
    for name in subcommands {
      #expect(help.stdout.contains("  \(name) "), "\(name) is not listed")
      let page = try InitCLI.run([name, "--help"])
      #expect(page.stdout.contains("Example:"), "'orchgen \(name) --help' has no example")
    }
    let completion = try InitCLI.run(["--generate-completion-script", "bash"])
    #expect(completion.status == 0 && completion.stdout.contains("orchgen"))
  }

  @Test func machineFormatsGoToStandardOutputForABrokenProject() throws {
    let root = InitCLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(try InitCLI.run(["init", root.path]).status == 0)
    let url = root.appendingPathComponent("config/workflows/feature.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "    needs: [plan]\n    consumes: [plan.md]\n    writes: [\"tests/**\"]", with: "    need: [plan]\n    writes: [\"tests/**\"]").utf8)
      .write(to: url)

    for format in ["gnu", "github", "sarif", "json"] {
      let result = try InitCLI.run(["check", "--no-drift", "--format", format], in: root)
      #expect(result.status == 1, "\(format): \(result)")
      #expect(result.stdout.contains("unknown-key"), "\(format): \(result)")
      #expect(result.stderr.isEmpty, "\(format): \(result)")
    }
    let github = try InitCLI.run(["check", "--no-drift", "--format", "github"], in: root)
    #expect(github.stdout.hasPrefix("::error file=config/workflows/feature.yaml,line="), "\(github)")
    #expect(github.stdout.hasSuffix("1 error\n"), "the text report must follow the annotations: \(github)")
    let json = try InitCLI.run(["check", "--no-drift", "--format", "json"], in: root)
    #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [Any])
    // Paths are relative to the current directory, so CI annotations land on the right file.
    let parent = try InitCLI.run(["check", "--no-drift", "--format", "gnu", "--root", root.lastPathComponent], in: root.deletingLastPathComponent())
    #expect(parent.stdout.hasPrefix("\(root.lastPathComponent)/config/workflows/feature.yaml:"), "\(parent)")
  }
}

/// Runs the `orchgen` executable built next to the test bundle.
private enum InitCLI {
  struct Result: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
  }

  static let binary: URL? = {
    var candidates: [URL] = []
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    return candidates.map { $0.appendingPathComponent("orchgen") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
    let process = Process()
    let executable = try #require(binary as URL?, "the orchgen binary was not found next to the test bundle")
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    // Standard error goes to a file, so neither stream can fill a pipe and block the process.
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let errHandle = try FileHandle(forWritingTo: errURL)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errHandle
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errHandle.close()
    let errData = try Data(contentsOf: errURL)
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-init-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.resolvingSymlinksInPath()
  }

  /// Every regular file under `root`, relative and sorted.
  static func files(under root: URL) -> [String] {
    let base = root.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    return enumerator.compactMap { $0 as? String }.filter { path in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }.sorted()
  }

  /// Path → contents of every file, to prove nothing changed.
  static func snapshot(_ root: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    for path in files(under: root) { out[path] = FileManager.default.contents(atPath: root.path + "/" + path) }
    return out
  }
}
