/// A file `build` writes, held in memory until the writer commits the whole set.
public struct GeneratedFile: Sendable, Hashable {
  /// Path relative to the output directory, with `/` separators.
  public var path: String
  public var contents: String

  public init(path: String, contents: String) {
    self.path = path
    self.contents = contents
  }

  /// SHA-256 of the UTF-8 contents, as recorded in the manifest.
  public var hash: String { SHA256.hex(contents) }
}

extension GeneratedFile {
  /// The frontmatter mapping and the body of a markdown file, parsed with the same loader
  /// users' YAML goes through, so the pre-flight checks read the file as a tool would.
  func frontmatter() -> ([YAMLPair], String)? {
    guard contents.hasPrefix("---\n"), let end = contents.firstRange(ofASCII: "\n---\n") else { return nil }
    let yaml = String(contents[contents.index(contents.startIndex, offsetBy: 4)..<end.lowerBound])
    var diagnostics: [Diagnostic] = []
    guard case .mapping(let pairs, _)? = YAMLLoader.load(SourceFile(path: path, text: yaml), into: &diagnostics),
      diagnostics.isEmpty
    else { return nil }
    return (pairs, String(contents[end.upperBound...]))
  }
}
