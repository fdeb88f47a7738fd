/// The line format orchgen's local records share (`BuildRecord`, `RunPlanCache`): one fact per
/// line, tab-separated fields, with `%`, tab, line feed and carriage return percent-escaped, so
/// any path or label fits in a field and a record is parsed on bytes, without a JSON decoder.
enum RecordText {
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\t": out += "%09"
      case "\n": out += "%0A"
      case "\r": out += "%0D"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func unescape(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String {
    guard field.contains(0x25) else { return String(decoding: field, as: UTF8.self) }
    var bytes: [UInt8] = []
    var input = field[...]
    while let byte = input.popFirst() {
      if byte == 0x25, input.count >= 2,
        let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        input = input.dropFirst(2)
        continue
      }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A non-negative decimal field, or nil (no sign, no spaces, no overflow).
  static func number<T: FixedWidthInteger>(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> T? {
    var value: T = 0
    guard !field.isEmpty else { return nil }
    for byte in field {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(T(byte - 0x30))
      guard !overflow1, !overflow2 else { return nil }
      value = sum
    }
    return value
  }

  /// Calls `body` with the fields of each line of `bytes` after the header line, which must be
  /// `header`; stops at the first line `body` refuses. False when the text is not a whole
  /// record: no final line feed, another header, or a refused line.
  static func forEachLine(
    _ bytes: UnsafeBufferPointer<UInt8>, header: String,
    _ body: (_ fields: [Slice<UnsafeBufferPointer<UInt8>>]) -> Bool
  ) -> Bool {
    guard bytes.last == 0x0A else { return false }
    var lineStart = 0
    var isFirst = true
    var fields: [Slice<UnsafeBufferPointer<UInt8>>] = []
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let line = bytes[lineStart..<lineEnd]
      lineStart = lineEnd + 1
      if isFirst {
        guard line.elementsEqual(header.utf8) else { return false }
        isFirst = false
        continue
      }
      fields.removeAll(keepingCapacity: true)
      var fieldStart = line.startIndex
      for index in line.indices where line[index] == 0x09 {
        fields.append(line[fieldStart..<index])
        fieldStart = index + 1
      }
      fields.append(line[fieldStart..<line.endIndex])
      guard body(fields) else { return false }
    }
    return !isFirst
  }
}
