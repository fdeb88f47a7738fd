/// What orchgen needs from one markdown text, copied out of libcmark's tree into plain values.
///
/// Lines and columns are 1-based and relative to the parsed text; columns count Unicode
/// scalars, the same unit `SourceLocation` uses, so callers only add a file name.
public struct MarkdownDocument: Sendable, Hashable {
  /// An ATX or setext heading.
  public struct Heading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's inline content as plain text (emphasis and code spans flattened).
    public var text: String
    public var line: Int

    public init(level: Int, text: String, line: Int) {
      self.level = level
      self.text = text
      self.line = line
    }
  }

  /// An `<!-- include: path -->` comment alone on its line.
  public struct Include: Sendable, Hashable {
    /// The path as written, relative to `content/`.
    public var path: String
    public var line: Int
    /// Column where the path starts, so a diagnostic can underline exactly the path.
    public var column: Int

    public init(path: String, line: Int, column: Int) {
      self.path = path
      self.line = line
      self.column = column
    }
  }

  /// An `@agent-id` written in prose (never in code, HTML or a URL).
  public struct Mention: Sendable, Hashable {
    /// The id without the `@`.
    public var id: String
    public var line: Int
    /// Column of the `@`.
    public var column: Int

    public init(id: String, line: Int, column: Int) {
      self.id = id
      self.line = line
      self.column = column
    }
  }

  /// A link or image whose destination is a relative reference (no scheme, not `/…`, not `#…`).
  public struct Link: Sendable, Hashable {
    /// The destination as cmark decoded it (entities and escapes resolved, still percent-encoded).
    public var url: String
    public var isImage: Bool
    public var line: Int
    /// Column of the opening `[` (or `!` for an image).
    public var column: Int
    /// Width of the whole link in scalars when it sits on one line, otherwise 1.
    public var length: Int

    public init(url: String, isImage: Bool, line: Int, column: Int, length: Int = 1) {
      self.url = url
      self.isImage = isImage
      self.line = line
      self.column = column
      self.length = length
    }
  }

  /// Every heading, in document order.
  public var headings: [Heading] = []
  /// Plain text of the first top-level paragraph, if any.
  public var firstParagraph: String?
  /// Include directives, in document order.
  public var includes: [Include] = []
  /// Mentions, in document order.
  public var mentions: [Mention] = []
  /// Relative links and images, in document order.
  public var links: [Link] = []
  /// Items of the first section headed "Checklist" (any level, any case), as plain text with
  /// task-list markers removed; nested items follow their parent.
  public var checklist: [String] = []

  public init() {}

  /// Text of the first heading, if any.
  public var title: String? { headings.first?.text }
}
