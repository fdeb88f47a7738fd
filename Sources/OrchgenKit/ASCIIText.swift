/// String helpers orchgen needs without Foundation: the library imports only
/// `FoundationEssentials` (full Foundation loads ICU and doubles the process start-up), so
/// `range(of:)`, `replacingOccurrences` and `trimmingCharacters` are replaced by these, which
/// work on UTF-8 bytes and match Foundation's results for ASCII needles.
extension StringProtocol {
  /// The first occurrence of the ASCII text `needle` at or after `from`, found on UTF-8 bytes.
  /// Foundation's `range(of:)` bridges the whole string to UTF-16 first, which for a
  /// multi-megabyte prompt costs far more than the search.
  func firstRange(ofASCII needle: StaticString, from: Index? = nil) -> Range<Index>? {
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    guard let first = pattern.first else { return nil }
    let bytes = utf8
    var start = from ?? bytes.startIndex
    while let candidate = bytes[start...].firstIndex(of: first) {
      var probe = candidate
      var matched = 0
      while matched < pattern.count, probe < bytes.endIndex, bytes[probe] == pattern[matched] {
        matched += 1
        probe = bytes.index(after: probe)
      }
      if matched == pattern.count { return candidate..<probe }
      start = bytes.index(after: candidate)
    }
    return nil
  }

  /// A copy with every occurrence of the ASCII text `needle` replaced, left to right, as
  /// Foundation's `replacingOccurrences(of:with:)` does (byte-wise, so a `\n` inside a `\r\n`
  /// pair is found too, unlike the standard library's `replacing`, which compares characters).
  func replacingASCII(_ needle: StaticString, with replacement: String) -> String {
    guard var match = firstRange(ofASCII: needle) else { return String(self) }
    var result = ""
    result.reserveCapacity(utf8.count)
    var start = startIndex
    while true {
      result += self[start..<match.lowerBound]
      result += replacement
      start = match.upperBound
      guard let next = firstRange(ofASCII: needle, from: start) else { break }
      match = next
    }
    result += self[start...]
    return result
  }

  /// A copy without leading and trailing horizontal white space: tabs and the Unicode space
  /// separators (Foundation's `CharacterSet.whitespaces`); line breaks stay.
  func trimmingHorizontalSpace() -> String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[first...last])
    return String(result)
  }
}
