extension String {
  /// The first occurrence of the ASCII text `needle`, found on UTF-8 bytes. Foundation's
  /// `range(of:)` bridges the whole string to UTF-16 first, which for a multi-megabyte prompt
  /// costs far more than the search.
  func firstRange(ofASCII needle: StaticString) -> Range<String.Index>? {
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    guard let first = pattern.first else { return nil }
    let bytes = utf8
    var start = bytes.startIndex
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
}
