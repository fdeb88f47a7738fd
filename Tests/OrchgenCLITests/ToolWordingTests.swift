import Foundation
import Testing

/// Each target's files speak that tool's language: the repository's Claude Code files name Claude
/// Code's Agent tool and subagents, never OpenCode's task tool, `@agent` mentions or OpenCode
/// itself; its OpenCode files never name Claude Code's Agent tool, `subagent_type` or `.claude/`.
@Suite struct ToolWordingTests {
  static let output = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("output")

  /// Every file under `folder` of the repository's output, by relative path.
  static func files(_ folder: String) throws -> [(path: String, text: String)] {
    let root = output.appendingPathComponent(folder)
    return try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted().compactMap { path in
      guard path.hasSuffix(".md") else { return nil }
      return ("\(folder)/\(path)", try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
    }
  }

  /// `text` without fenced code blocks and inline code spans.
  static func prose(_ text: String) -> String {
    var out: [Substring] = []
    var fenced = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.drop(while: { $0 == " " }).hasPrefix("```") { fenced.toggle(); continue }
      if fenced { continue }
      out.append(line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }
        .map(\.element).joined(separator: " ")[...])
    }
    return out.joined(separator: "\n")
  }

  @Test func claudeCodeFilesUseClaudeCodesWords() throws {
    let agents = try FileManager.default.contentsOfDirectory(atPath: Self.output.appendingPathComponent("opencode/agents").path)
      .map { String($0.dropLast(3)) }
    let files = try Self.files("claude")
    #expect(files.count > 30)
    for file in files {
      let prose = Self.prose(file.text)
      for phrase in ["task tool", "task-tool", "OpenCode", "opencode"] {
        #expect(!prose.contains(phrase), "\(file.path) says '\(phrase)'")
      }
      for agent in agents where prose.contains("@\(agent)") {
        Issue.record("\(file.path) mentions @\(agent), which Claude Code does not know")
      }
    }
  }

  @Test func openCodeFilesUseOpenCodesWords() throws {
    let files = try Self.files("opencode")
    #expect(files.count > 30)
    for file in files {
      for phrase in ["Agent tool", "subagent_type", "Claude Code", ".claude/"] {
        #expect(!file.text.contains(phrase), "\(file.path) says '\(phrase)'")
      }
    }
  }
}
