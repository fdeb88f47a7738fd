import Testing

@testable import OrchgenKit

/// Generated files name the output directory relative to the project root (issue 14).
@Suite struct OutputLabelTests {
  @Test(arguments: [
    ("/work/team/output", "/work/team", "output"),
    ("/work/team/build/agents", "/work/team", "build/agents"),
    ("/work/agents-out", "/work/team", "../agents-out"),
    ("/srv/out", "/work/team", "../../srv/out"),
    ("/work/team", "/work/team", "."),
    ("/work/teammate/out", "/work/team", "../teammate/out"),
  ])
  func relativeToTheRoot(directory: String, root: String, expected: String) {
    #expect(OutputLabel.relative(directory, to: root) == expected)
  }
}
