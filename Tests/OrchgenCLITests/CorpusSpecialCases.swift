import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Corpus cases the one-file format cannot hold: raw bytes (NUL, invalid UTF-8, BOM, CRLF),
/// permissions, symlinks (and, in `+Outside`, links leaving the project with a secret behind
/// them), FIFOs, an output directory that is a file or read-only, and huge
/// generated inputs (50 MB, 100,000 tasks, a 100,000-long chain). Same checks as every case
/// (`CorpusTests.run`), plus each case's own.
enum CorpusSpecialCases {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var command: [String] = ["build"]
    var exit: Int32
    var first: String
    /// Needs permission bits to deny access: as root the run is made as `nobody`.
    var needsDeniedPermissions = false
    var setup: @Sendable (Sandbox) throws -> Void
    var verify: @Sendable (Sandbox, OrchgenProcess.Result) throws -> Void = { _, _ in }

    var testDescription: String { name }
  }

  static let agents = """
    agents:
      coordinator:
        description: Drives the workflow
        mode: primary
      coder:
        description: Writes code

    """
  static let workflow =
    "description: A feature\ntasks:\n  build:\n    agent: coder\n    description: Build it\n    success: [It builds]\n"

  /// A small valid project; `workflow` replaces the workflow file's text when given.
  static func project(_ sandbox: Sandbox, workflow: String? = nil) throws {
    try sandbox.write("config/agents.yaml", agents)
    try sandbox.write("content/instructions/coordinator.md", "# Coordinator\n")
    try sandbox.write("content/instructions/coder.md", "# Coder\n")
    try sandbox.write("config/workflows/feature.yaml", workflow ?? Self.workflow)
  }

  static func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

  static let all: [Case] = bytes + filesystem + outside + output + scale

  static let bytes: [Case] = [
    Case(
      name: "nul-byte-in-instructions", exit: 1,
      first: "content/instructions/coder.md:3:5: error: 'content/instructions/coder.md' contains a NUL byte; it looks like a binary file [io-error]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("content/instructions/coder.md", Array("# Coder\n\nText\u{0}more\n".utf8))
      }),
    Case(
      name: "non-utf8-agents", exit: 1,
      first: "config/agents.yaml:3:17: error: 'config/agents.yaml' is not valid UTF-8 [io-error]",
      setup: { sandbox in
        try project(sandbox)
        try sandbox.write("config/agents.yaml", Array(agents.utf8.prefix(39)) + [0xC3, 0x28] + Array(agents.utf8.dropFirst(39)))
      }),
    Case(
      name: "utf8-bom-valid", exit: 0, first: "wrote 14 files, removed 0, 0 unchanged in output/",
      setup: { sandbox in
        try project(sandbox)
        for path in ["config/agents.yaml", "config/workflows/feature.yaml", "content/instructions/coder.md"] {
          try sandbox.write(path, [0xEF, 0xBB, 0xBF] + Array(try Data(contentsOf: sandbox.url(path))))
        }
      }),
    Case(
      name: "utf8-bom-error-column", exit: 1,
      first: "config/workflows/feature.yaml:1:1: error: workflow 'feature' is missing required key 'description' [missing-key]",
      setup: { sandbox in
        try project(sandbox, workflow: "\u{FEFF}descripton: A feature\ntasks:\n  build:\n    agent: coder\n")
      }),
    Case(
      name: "crlf-valid", exit: 0, first: "wrote 14 files, removed 0, 0 unchanged in output/",
      setup: { sandbox in
        try project(sandbox, workflow: crlf(workflow))
        try sandbox.write("config/agents.yaml", crlf(agents))
        try sandbox.write("content/instructions/coder.md", crlf("# Coder\n\nWrites code.\n\n## Checklist\n\n- done\n"))
      }),
    Case(
      name: "crlf-error-location", exit: 1,
      first: "config/workflows/feature.yaml:3:3: error: task 'build' is missing required key 'agent' [missing-key]",
      setup: { sandbox in try project(sandbox, workflow: crlf("description: A feature\ntasks:\n  build:\n    agnet: coder\n")) }),
  ]

  static let filesystem: [Case] = [
    Case(
      name: "file-50mb", exit: 1,
      first: "config/orchgen.yaml:1:1: error: 'config/orchgen.yaml' is 47.7 MiB; orchgen reads files up to 8 MiB [limit-exceeded]",
      setup: { sandbox in
        try project(sandbox)
        // Sparse: 50 MB on paper, no disk space; the size check must come before any read.
        _ = FileManager.default.createFile(atPath: sandbox.url("config/orchgen.yaml").path, contents: nil)
        let handle = try FileHandle(forWritingTo: sandbox.url("config/orchgen.yaml"))
        try handle.truncate(atOffset: 50_000_000)
        try handle.close()
      }),
    Case(
      name: "symlink-loop-under-content", exit: 0, first: "wrote 14 files, removed 0, 0 unchanged in output/",
      setup: { sandbox in
        try project(sandbox)
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("content/loop").path, withDestinationPath: ".")
        try FileManager.default.createDirectory(at: sandbox.url("content/a"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("content/a/b").path, withDestinationPath: "../a")
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("content/self.md").path, withDestinationPath: "self.md")
      }),
    Case(
      name: "unreadable-instruction-file", exit: 1,
      first: "content/instructions/coder.md:1:1: error: cannot read 'content/instructions/coder.md': permission denied [io-error]",
      needsDeniedPermissions: true,
      setup: { sandbox in
        try project(sandbox)
        chmod(sandbox.url("content/instructions/coder.md").path, 0)
      }),
    Case(
      name: "fifo-as-workflow", exit: 1,
      first: "config/workflows/pipe.yaml:1:1: error: cannot read 'config/workflows/pipe.yaml': not a regular file [io-error]",
      setup: { sandbox in
        try project(sandbox)
        #expect(mkfifo(sandbox.url("config/workflows/pipe.yaml").path, 0o644) == 0)
      }),
    Case(
      name: "dev-zero-as-instructions", exit: 1,
      first: "config/agents.yaml:5:3: error: instruction file 'content/instructions/coder.md' of agent 'coder' leads outside the project through a symbolic link; orchgen does not read it [outside-project]",
      setup: { sandbox in
        try project(sandbox)
        try FileManager.default.removeItem(at: sandbox.url("content/instructions/coder.md"))
        try FileManager.default.createSymbolicLink(
          atPath: sandbox.url("content/instructions/coder.md").path, withDestinationPath: "/dev/zero")
      }),
    Case(
      name: "too-many-workflow-files", command: ["check", "--no-drift"], exit: 1,
      first: "config/workflows:1:1: error: 1002 workflow files; orchgen reads at most 1000 [limit-exceeded]",
      setup: { sandbox in
        try project(sandbox)
        for index in 0..<1001 { try sandbox.write("config/workflows/w\(index).yaml", workflow) }
      }),
  ]
}
