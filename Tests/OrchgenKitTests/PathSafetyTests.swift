import Testing

@testable import OrchgenKit

/// `isSafeRelative` decides ASCII paths byte by byte and any other path by characters; both
/// must give the same verdicts.
@Suite struct PathSafetyTests {
  @Test(arguments: [
    ("a.md", true), ("workflows/wf-001/agent_tasks/agent-01.md", true), (".orchgen-manifest.json", true),
    ("..a/b", true), ("a/..b", true), ("a/./b", true), (".", true), ("a b/c", true),
    ("", false), ("/etc/x", false), ("~/x", false), ("../x", false), ("a/../../x", false), ("a/..", false),
    ("a//b", false), ("a/", false), ("a\\b", false), ("a\nb", false), ("a\tb", false), ("a\u{7F}", false),
  ])
  func asciiPaths(_ path: String, _ safe: Bool) {
    #expect(PathSafety.isSafeRelative(path) == safe, "\(path)")
    // The same path after a non-ASCII component goes by characters: same verdict.
    if !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~") {
      #expect(PathSafety.isSafeRelative("é/" + path) == safe, "é/\(path)")
    }
  }

  /// What the writer accepts on top: no `.` component, nothing in its staging folder.
  @Test(arguments: [
    ("a.md", true), (".orchgen-stagingx/a.md", true), ("x/.orchgen-staging/a.md", true), ("a/.b", true), ("..a", true),
    (".", false), ("./a.md", false), ("a/./b", false), ("a/.", false), (".orchgen-staging", false),
    (".orchgen-staging/journal", false), ("../a", false),
  ])
  func writablePaths(_ path: String, _ writable: Bool) {
    #expect(OutputWriter.isWritable(path) == writable, "\(path)")
  }
}
