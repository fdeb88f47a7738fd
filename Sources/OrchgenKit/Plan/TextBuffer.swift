/// UTF-8 text built by appending pieces to one byte buffer: the diagrams of a 10,000-task plan
/// are tens of thousands of short lines, and interpolating each into a String of its own (then
/// copying it into the output) cost more than everything else in rendering them.
struct TextBuffer {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  mutating func append(_ text: String) {
    // Copied from where the bytes lie: through the UTF-8 view it costs twice as much.
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  mutating func append(byte: UInt8) { bytes.append(byte) }

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// `count` copies of the ASCII character `byte` (indentation).
  mutating func append(repeating byte: UInt8, count: Int) {
    bytes.append(contentsOf: repeatElement(byte, count: count))
  }

  /// `value` in decimal, left-padded with zeros to `width` digits (as `String(value)` padded).
  mutating func append(_ value: Int, width: Int = 0) {
    if value < 0 {
      // Only the zero padding is special; negative numbers are written as Swift writes them.
      let text = String(value)
      for _ in 0..<max(width - text.utf8.count, 0) { bytes.append(UInt8(ascii: "0")) }
      append(text)
      return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        count += 1
      } while rest > 0
      for _ in 0..<max(width - count, 0) { bytes.append(UInt8(ascii: "0")) }
      for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }
}
