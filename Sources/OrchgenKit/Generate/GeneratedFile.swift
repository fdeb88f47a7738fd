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
