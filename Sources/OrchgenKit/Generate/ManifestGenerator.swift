#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `output/.orchgen-manifest.json`: every file orchgen generated, with its SHA-256, so later
/// builds know which files they own and `check` can spot drift.
public enum ManifestGenerator {
  public static let path = ".orchgen-manifest.json"

  public static func manifest(for files: [GeneratedFile]) -> GeneratedFile {
    let listed = files.filter { $0.path != path }.sorted { $0.path < $1.path }
    let entries = zip(listed, hashes(of: listed)).map { ($0.path, JSONValue.string($1)) }
    let document = JSONValue.object([
      ("generator", .string("orchgen")),
      ("format", .integer(1)),
      ("files", .object(entries)),
    ])
    return GeneratedFile(path: path, contents: document.rendered())
  }

  /// The SHA-256 of every file, on all cores: hashing is most of a large no-op build.
  static func hashes(of files: [GeneratedFile]) -> [String] {
    // Lanes of every 16th file, so the few very large ones (coordinator prompts) spread out.
    let lanes = min(files.count, 16)
    let strided = Parallel.map(lanes) { lane in stride(from: lane, to: files.count, by: lanes).map { files[$0].hash } }
    return files.indices.map { strided[$0 % lanes][$0 / lanes] }
  }

  /// The path → hash map of a manifest's text; nil if it is not an orchgen manifest.
  public static func parse(_ text: String) -> [String: String]? {
    // The manifest is orchgen's own fixed format, one `"path": "hash"` entry per line.
    guard text.firstRange(ofASCII: "\"generator\": \"orchgen\"") != nil else { return nil }
    if let fast = parseASCII(text) { return fast }
    var result: [String: String] = [:]
    var inFiles = false
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingHorizontalSpace()
      if trimmed.hasPrefix("\"files\"") { inFiles = true; continue }
      guard inFiles else { continue }
      if trimmed.hasPrefix("}") { break }
      guard let separator = trimmed.firstRange(ofASCII: "\": \"") else { continue }
      let key = String(trimmed[trimmed.index(after: trimmed.startIndex)..<separator.lowerBound])
      var value = trimmed[separator.upperBound...]
      if value.hasSuffix(",") { value = value.dropLast() }
      if value.hasSuffix("\"") { value = value.dropLast() }
      result[JSONUnescape.string(key)] = String(value)
    }
    return result
  }

  /// `parse` on bytes for an ASCII manifest without CR (every manifest orchgen writes): the
  /// same steps, with ASCII blanks for Foundation's whitespace set. Nil for any other text.
  private static func parseASCII(_ text: String) -> [String: String]? {
    var text = text
    return text.withUTF8 { bytes -> [String: String]? in
      guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\r") }) else { return nil }
      let files = Array("\"files\"".utf8)
      let separator = Array("\": \"".utf8)
      var result: [String: String] = [:]
      var inFiles = false
      var start = 0
      while start < bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        defer { start = end + 1 }
        var low = start
        var high = end
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        guard low < high else { continue }
        let line = UnsafeBufferPointer(rebasing: bytes[low..<high])
        if line.starts(with: files) { inFiles = true; continue }
        guard inFiles else { continue }
        if line[line.startIndex] == UInt8(ascii: "}") { break }
        guard line.count >= separator.count,
          let at = (0...(line.count - separator.count)).first(where: { offset in
            (0..<separator.count).allSatisfy { line[line.startIndex + offset + $0] == separator[$0] }
          })
        else { continue }
        let key = String(decoding: UnsafeBufferPointer(rebasing: line[(line.startIndex + 1)..<(line.startIndex + max(at, 1))]), as: UTF8.self)
        var valueEnd = line.endIndex
        let valueStart = line.startIndex + at + separator.count
        if valueEnd > valueStart, line[valueEnd - 1] == UInt8(ascii: ",") { valueEnd -= 1 }
        if valueEnd > valueStart, line[valueEnd - 1] == UInt8(ascii: "\"") { valueEnd -= 1 }
        result[JSONUnescape.string(key)] = String(decoding: UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
      }
      return result
    }
  }
}

/// Undoes `JSONText.string` escaping for the manifest reader.
enum JSONUnescape {
  static func string(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
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
