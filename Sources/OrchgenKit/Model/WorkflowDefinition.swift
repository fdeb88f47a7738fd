/// One workflow file, `config/workflows/<name>.yaml`, as written.
public struct WorkflowDefinition: Sendable {
  /// How the coordinator merges results into `final_output.md` (the seed's strategies A/B/C).
  public enum MergeStrategy: String, Sendable, CaseIterable {
    case concatenate, structured, ai
  }

  /// The file stem.
  public var name: String
  public var file: String
  public var description: Located<String>?
  public var coordinator: Located<String>?
  public var maxConcurrent: Located<Int>?
  public var merge: MergeStrategy = .concatenate
  /// Every task, stage tasks included, in declaration order.
  public var tasks: [TaskDefinition] = []
  /// Stage names, in order; tasks refer to them by index.
  public var stages: [Located<String>] = []
  /// Where the `tasks:`/`stages:` key sits, for `empty-workflow`.
  public var bodyLocation: SourceLocation

  public init(name: String, file: String) {
    self.name = name
    self.file = file
    self.bodyLocation = .file(file)
  }
}
