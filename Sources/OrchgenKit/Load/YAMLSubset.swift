/// The checks on a whole file that let `FastYAMLParser` look only at structure: what it cannot
/// be sure to read as libyaml does is declined here, before any parsing.
enum YAMLSubset {
  /// Whether `bytes` may go to the fast parser: nil to decline; otherwise whether the file is
  /// pure ASCII (columns are then byte offsets).
  ///
  /// Declined: a file not ending in a line break (libyaml places the last empty values and
  /// collection ends differently there); tabs, carriage returns and other control characters
  /// (libyaml's errors and indentation rules about them); characters libyaml rejects or treats
  /// as line breaks or byte-order marks (C1 controls with NEL, U+2028, U+2029, U+FEFF, U+FFFE,
  /// U+FFFF); lines starting with `---` or `...` (document markers); and indentation deeper
  /// than `NestingScanner.maxIndent`, whose finding the libyaml path reports.
  static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard let last = bytes.last, last == .newline else { return nil }
    var isASCII = true
    var index = 0
    let count = bytes.count
    while index < count {
      // At a line's start.
      var indented = index
      while bytes[indented] == .space { indented += 1 }
      if indented - index > NestingScanner.maxIndent { return nil }
      if indented == index, index + 2 < count {
        let first = bytes[index]
        if (first == .dash || first == UInt8(ascii: ".")) && bytes[index + 1] == first && bytes[index + 2] == first {
          return nil
        }
      }
      index = indented
      // The rest of the line: eight bytes at a time up to the first that is not printable
      // ASCII (a line break, for most lines).
      while true {
        if index + 8 <= count {
          let mask = Self.unusual(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
          guard mask != 0 else {
            index += 8
            continue
          }
          index += mask.trailingZeroBitCount / 8
        }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F {
          index += 1
          continue
        }
        if byte == .newline { break }
        guard byte >= 0x80, accepts(bytes, at: index) else { return nil }
        isASCII = false
        index += 1
      }
      index += 1
    }
    return isASCII
  }

  /// A word whose lowest set bit falls in the first byte (in memory order) that is not
  /// printable ASCII: at or above 0x80, below 0x20, or 0x7F. Bits above it may be wrong (a
  /// borrow runs upwards), the lowest never is; zero when all eight bytes are printable.
  private static func unusual(_ word: UInt64) -> UInt64 {
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    let below = (word &- 0x20 &* ones) & ~word & high
    let delete = word ^ (0x7F &* ones)
    return (word & high) | below | ((delete &- ones) & ~delete & high)
  }

  /// Whether the UTF-8 byte at `index` (valid UTF-8: the text is a `String`) belongs to a
  /// character that libyaml reads as an ordinary printable one.
  private static func accepts(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    switch bytes[index] {
    case 0xC2:
      // U+0080...U+009F: C1 controls, NEL among them.
      return bytes[index + 1] >= 0xA0
    case 0xE2:
      // U+2028 and U+2029, line and paragraph separators.
      return !(bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9))
    case 0xEF:
      // U+FEFF (byte-order mark), U+FFFE and U+FFFF.
      let second = bytes[index + 1]
      let third = bytes[index + 2]
      return !((second == 0xBB && third == 0xBF) || (second == 0xBF && third >= 0xBE))
    default:
      return true
    }
  }
}
