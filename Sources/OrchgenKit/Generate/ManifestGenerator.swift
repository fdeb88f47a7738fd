import Foundation

/// `output/.orchgen-manifest.json`: every file orchgen generated, with its SHA-256, so later
/// builds know which files they own and `check` can spot drift.
public enum ManifestGenerator {
  public static let path = ".orchgen-manifest.json"

  public static func manifest(for files: [GeneratedFile]) -> GeneratedFile {
    let entries = files.filter { $0.path != path }.sorted { $0.path < $1.path }
      .map { ($0.path, JSONValue.string($0.hash)) }
    let document = JSONValue.object([
      ("generator", .string("orchgen")),
      ("format", .integer(1)),
      ("files", .object(entries)),
    ])
    return GeneratedFile(path: path, contents: document.rendered())
  }

  /// The path → hash map of a manifest's text; nil if it is not an orchgen manifest.
  public static func parse(_ text: String) -> [String: String]? {
    // The manifest is orchgen's own fixed format, one `"path": "hash"` entry per line.
    guard text.contains("\"generator\": \"orchgen\"") else { return nil }
    var result: [String: String] = [:]
    var inFiles = false
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("\"files\"") { inFiles = true; continue }
      guard inFiles else { continue }
      if trimmed.hasPrefix("}") { break }
      guard let separator = trimmed.range(of: "\": \"") else { continue }
      let key = String(trimmed[trimmed.index(after: trimmed.startIndex)..<separator.lowerBound])
      var value = trimmed[separator.upperBound...]
      if value.hasSuffix(",") { value = value.dropLast() }
      if value.hasSuffix("\"") { value = value.dropLast() }
      result[JSONUnescape.string(key)] = String(value)
    }
    return result
  }
}

/// Undoes `JSONText.string` escaping for the manifest reader.
enum JSONUnescape {
  static func string(_ text: String) -> String {
    guard text.contains("\\") else { return text }
    var out = ""
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      guard scalar == "\\", let next = iterator.next() else {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch next {
      case "n": out += "\n"
      case "r": out += "\r"
      case "t": out += "\t"
      case "u":
        var hex = ""
        for _ in 0..<4 { if let digit = iterator.next() { hex.unicodeScalars.append(digit) } }
        if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) { out.unicodeScalars.append(decoded) }
      default: out.unicodeScalars.append(next)
      }
    }
    return out
  }
}
