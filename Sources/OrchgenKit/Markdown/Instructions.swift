/// An agent's instructions after includes are resolved: what generators embed and what the
/// coordinator shows as the agent's checklist.
public struct Instructions: Sendable, Hashable {
  /// Relative path of the agent's instruction file.
  public var path: String
  /// The markdown with every include directive replaced by the included file's content.
  public var body: String
  /// Text of the first heading, if any.
  public var title: String?
  /// Plain text of the first paragraph, if any (fallback description).
  public var summary: String?
  /// Items of the `## Checklist` section, as plain text, in order.
  public var checklist: [String]
  /// Every `@mention` of the file and of the files it includes, at the place it is written
  /// (the id without the `@`), in file and document order.
  public var mentions: [Located<String>]

  public init(
    path: String, body: String, title: String?, summary: String?, checklist: [String], mentions: [Located<String>] = []
  ) {
    self.path = path
    self.body = body
    self.title = title
    self.summary = summary
    self.checklist = checklist
    self.mentions = mentions
  }
}
